/**
 * Arbitraries for the shape and layout ops (Reshape, Transpose, Concat, Split, Slice, Pad, Tile,
 * Expand, …) and the constant makers. Data values do not matter to these ops, so every dtype is
 * drawn (strings and bools included); the shapes, axes and attributes are what is explored.
 */
import fc from 'fast-check';
import type { DType } from '../../ir/dtype.js';
import { Tensor, sizeOf } from '../../ir/tensor.js';
import {
  ALL_BASIC, type CaseArbitrary, axisArb, broadcastShapesArb, dtypeArb, ints, inputsOf, konst, makeCase, scalar, shapeArb, tensorArb,
} from './case.js';
import { axesArb } from './reduction.js';

const ANY = ALL_BASIC;
const anyTensor = (o: Parameters<typeof shapeArb>[0] = {}) => fc.tuple(dtypeArb(ANY), shapeArb(o)).chain(([dt, dims]) => tensorArb(dt, dims));

/** ONNX data-type numbers of a few output dtypes (for `dtype`/`to` attributes). */
const ONNX_NUM: Partial<Record<DType, number>> = { float32: 1, uint8: 2, int8: 3, int32: 6, int64: 7, bool: 9, float16: 10, float64: 11 };

export const tensorArbitraries: Record<string, CaseArbitrary> = {
  Reshape: fc.tuple(anyTensor({ minRank: 0 }), fc.constantFrom(0, 1)).chain(([x, allowzero]) =>
    fc.tuple(fc.shuffledSubarray([...x.dims], { minLength: x.dims.length }), fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }), fc.nat(3), fc.boolean())
      .map(([perm, merges, minus, useZero]) => {
        // A new shape of the same size: the dims shuffled, some neighbours merged, one replaced by
        // -1, and (allowzero=0) a dim equal to the input's at the same place written as 0.
        let shape = [...perm];
        for (let i = 0; i < merges.length && shape.length > 1; i++) if (merges[i]) shape = [shape[0] * shape[1], ...shape.slice(2)];
        if (shape.length && shape.every((d) => d > 0)) shape[minus % shape.length] = -1;
        if (!allowzero && useZero) shape = shape.map((d, i) => (d === x.dims[i] && d !== -1 ? 0 : d));
        return makeCase('Reshape', inputsOf(x, konst(ints(shape))), { allowzero });
      })),
  Shape: fc.tuple(anyTensor(), fc.option(fc.integer({ min: -5, max: 5 })), fc.option(fc.integer({ min: -5, max: 5 })))
    .map(([x, start, end]) => makeCase('Shape', inputsOf(x), { ...(start === null ? {} : { start }), ...(end === null ? {} : { end }) })),
  Size: anyTensor({ minDim: 0 }).map((x) => makeCase('Size', inputsOf(x))),
  Flatten: anyTensor().chain((x) => fc.integer({ min: -x.dims.length, max: x.dims.length }).map((axis) => makeCase('Flatten', inputsOf(x), { axis }))),
  Squeeze: fc.tuple(dtypeArb(ANY), shapeArb({ minRank: 1, maxDim: 3 }), fc.boolean()).chain(([dt, dims, given]) => {
    const ones = dims.flatMap((d, i) => (d === 1 ? [i] : []));
    return fc.tuple(tensorArb(dt, dims), fc.shuffledSubarray(ones, { minLength: ones.length ? 1 : 0 }))
      .map(([x, axes]) => makeCase('Squeeze', inputsOf(x, given ? konst(ints(axes.map((a) => (a % 2 ? a - dims.length : a)))) : undefined)));
  }),
  Unsqueeze: fc.tuple(anyTensor({ maxRank: 3 }), fc.integer({ min: 1, max: 2 })).chain(([x, k]) =>
    axesArb(x.dims.length + k, k).map((axes) => makeCase('Unsqueeze', inputsOf(x, konst(ints(axes.slice(0, k))))))),
  Transpose: anyTensor().chain((x) => fc.option(fc.shuffledSubarray(x.dims.map((_, i) => i), { minLength: x.dims.length }))
    .map((perm) => makeCase('Transpose', inputsOf(x), perm ? { perm } : {}))),
  Concat: fc.tuple(dtypeArb(ANY), shapeArb({ minRank: 1, maxRank: 3 }), fc.integer({ min: 1, max: 3 })).chain(([dt, dims, n]) =>
    axisArb(dims.length).chain((axis) => {
      const a = axis < 0 ? axis + dims.length : axis;
      return fc.array(fc.integer({ min: 0, max: 3 }), { minLength: n, maxLength: n }).chain((sizes) =>
        fc.tuple(...sizes.map((s) => tensorArb(dt, dims.map((d, i) => (i === a ? s : d))))).map((xs) => makeCase('Concat', inputsOf(...xs), { axis })));
    })),
  Split: fc.tuple(dtypeArb(ANY), shapeArb({ minRank: 1, maxRank: 3, maxDim: 6 }), fc.boolean()).chain(([dt, dims, bySizes]) =>
    axisArb(dims.length).chain((axis) => {
      const len = dims[axis < 0 ? axis + dims.length : axis];
      if (!bySizes) {
        // num_outputs: the last chunk may be smaller (opset 18); at most one output per element.
        // Only counts whose ceil-sized chunks leave the last one non-empty: for 6 split 4 ways
        // (chunks 2,2,2,0) the operator text is ambiguous, and engines disagree (onnxruntime refuses).
        return fc.tuple(tensorArb(dt, dims), fc.integer({ min: 1, max: Math.max(1, Math.min(len, 4)) }).filter((n) => (n - 1) * Math.ceil(len / n) < len))
          .map(([x, n]) => makeCase('Split', inputsOf(x), { axis, num_outputs: n }, n));
      }
      return fc.tuple(tensorArb(dt, dims), fc.array(fc.boolean(), { minLength: len, maxLength: len })).map(([x, cuts]) => {
        const sizes: number[] = [];
        let run = 0;
        cuts.forEach((cut, i) => { run++; if (cut || i === len - 1) { sizes.push(run); run = 0; } });
        return makeCase('Split', inputsOf(x, konst(ints(sizes))), { axis }, sizes.length);
      });
    })),
  Slice: fc.tuple(anyTensor({ minRank: 1 }), dtypeArb(['int64', 'int32'])).chain(([x, it]) =>
    axesArb(x.dims.length, 1).chain((axes) => fc.tuple(
      fc.array(fc.integer({ min: -6, max: 6 }), { minLength: axes.length, maxLength: axes.length }),
      fc.array(fc.integer({ min: -6, max: 6 }), { minLength: axes.length, maxLength: axes.length }),
      fc.array(fc.constantFrom(1, 1, 2, -1, -2), { minLength: axes.length, maxLength: axes.length }),
      fc.constantFrom('all', 'no-steps', 'no-axes'),
    ).map(([starts, ends, steps, form]) => makeCase('Slice', inputsOf(x, konst(ints(starts, it)), konst(ints(ends, it)),
      form === 'no-axes' ? undefined : konst(ints(axes, it)),
      form === 'all' ? konst(ints(steps, it)) : undefined)))
      // Without axes, starts/ends apply to the first dims in order; give exactly one per leading axis.
      .map((c) => (c.inputs[3]?.value === undefined && c.inputs[1] ? fixLeading(c, x.dims.length) : c)))),
  Expand: fc.tuple(dtypeArb(ANY), broadcastShapesArb(2, { maxElements: 32 })).chain(([dt, [sx, ss]]) =>
    tensorArb(dt, sx).map((x) => makeCase('Expand', inputsOf(x, konst(ints(ss)))))),
  Tile: fc.tuple(anyTensor({ minRank: 1, maxElements: 16 }), fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 4, maxLength: 4 }))
    .map(([x, reps]) => makeCase('Tile', inputsOf(x, konst(ints(reps.slice(0, x.dims.length)))))),
  Pad: fc.tuple(dtypeArb(['float32', 'float32', 'float64', 'int32', 'int64', 'uint8', 'bool']), shapeArb({ minRank: 1, maxRank: 3 }),
    fc.constantFrom('constant', 'constant', 'reflect', 'edge', 'wrap'), fc.boolean(), fc.boolean())
    .chain(([dt, dims, mode, withValue, withAxes]) => axesArb(dims.length, 1).chain((axes0) => {
      const axes = withAxes ? axes0 : dims.map((_, i) => i);
      const norm = (a: number) => (a < 0 ? a + dims.length : a);
      // reflect needs pads below the dim; constant and edge may also crop (negative pads).
      const padArb = (a: number) => mode === 'reflect' ? fc.integer({ min: 0, max: dims[norm(a)] - 1 })
        : mode === 'wrap' ? fc.integer({ min: 0, max: dims[norm(a)] }) : fc.integer({ min: -1, max: 2 }).map((p) => Math.max(p, -dims[norm(a)] + 1));
      return fc.tuple(tensorArb(dt, dims), fc.tuple(...axes.map(padArb)), fc.tuple(...axes.map(padArb)), tensorArb(dt, [], { min: -5, max: 5 }))
        .map(([x, begin, end, v]) => makeCase('Pad', inputsOf(x, konst(ints([...begin, ...end])),
          withValue && mode === 'constant' ? konst(v) : undefined, withAxes ? konst(ints(axes)) : undefined), { mode }));
    })),
  Identity: anyTensor({ minDim: 0 }).map((x) => makeCase('Identity', inputsOf(x))),
  Constant: fc.oneof(
    anyTensor().filter((t) => t.type !== 'string').map((t) => makeCase('Constant', [], { value: t })),
    fc.double({ min: -5, max: 5, noNaN: true }).map((v) => makeCase('Constant', [], { value_float: { float: Math.fround(v) } })),
    fc.array(fc.integer({ min: -5, max: 5 }), { maxLength: 5 }).map((v) => makeCase('Constant', [], { value_ints: { ints: v } })),
    fc.integer({ min: -100, max: 100 }).map((v) => makeCase('Constant', [], { value_int: v })),
  ),
  ConstantOfShape: fc.tuple(shapeArb({ minDim: 0 }), fc.option(dtypeArb(['float32', 'float64', 'int32', 'int64', 'uint8', 'bool', 'float16'])), fc.integer({ min: -3, max: 3 }))
    .map(([dims, dt, v]) => makeCase('ConstantOfShape', inputsOf(ints(dims)), dt ? { value: Tensor.fromValues(dt, [1], [dt === 'int64' ? BigInt(v) : dt === 'bool' ? v & 1 : v]) } : {})),
  Range: fc.tuple(dtypeArb(['float32', 'float64', 'int16', 'int32', 'int64']), fc.integer({ min: -10, max: 10 }), fc.integer({ min: -10, max: 10 }),
    fc.constantFrom(1, 2, 3, -1, -2, 0.5, -1.5))
    .filter(([dt, , , d]) => dt.startsWith('float') || Number.isInteger(d))
    .map(([dt, start, limit, delta]) => makeCase('Range', inputsOf(scalar(dt, start), scalar(dt, limit), scalar(dt, delta)))),
  DepthToSpace: fc.tuple(dtypeArb(ANY), fc.integer({ min: 1, max: 2 }), fc.constantFrom('DCR', 'CRD'), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }))
    .chain(([dt, b, mode, c, h, w]) => tensorArb(dt, [1, c * b * b, h, w]).map((x) => makeCase('DepthToSpace', inputsOf(x), { blocksize: b, mode }))),
  SpaceToDepth: fc.tuple(dtypeArb(ANY), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }))
    .chain(([dt, b, c, h, w]) => tensorArb(dt, [1, c, h * b, w * b]).map((x) => makeCase('SpaceToDepth', inputsOf(x), { blocksize: b }))),
  EyeLike: fc.tuple(dtypeArb(['float32', 'int32', 'int64', 'float64', 'bool']), shapeArb({ minRank: 2, maxRank: 2, maxDim: 5 }), fc.integer({ min: -4, max: 4 }),
    fc.option(fc.constantFrom<DType>('float32', 'int64', 'int32', 'float64'))).chain(([dt, dims, k, to]) =>
    tensorArb(dt, dims).map((x) => makeCase('EyeLike', inputsOf(x), { k, ...(to ? { dtype: ONNX_NUM[to]! } : {}) }))),
  CenterCropPad: fc.tuple(anyTensor({ minRank: 1, maxRank: 3 }), dtypeArb(['int64', 'int32'])).chain(([x, it]) =>
    axesArb(x.dims.length, 1).chain((axes) => fc.array(fc.integer({ min: 1, max: 5 }), { minLength: axes.length, maxLength: axes.length })
      .filter((s) => sizeOf(s) <= 64)
      .map((shape) => makeCase('CenterCropPad', inputsOf(x, konst(ints(shape, it))), { axes })))),
  Trilu: fc.tuple(anyTensor({ minRank: 2 }), fc.option(fc.integer({ min: -4, max: 4 })), fc.constantFrom(0, 1))
    .map(([x, k, upper]) => makeCase('Trilu', inputsOf(x, k === null ? undefined : konst(scalar('int64', k))), { upper })),
};

/** Slice without `axes`: starts/ends/steps address dims 0..n-1 in order. */
function fixLeading(c: ReturnType<typeof makeCase>, rank: number) {
  const n = Math.min((c.inputs[1].value as Tensor).size, rank);
  const cut = (t: Tensor) => Tensor.fromValues(t.type, [n], Array.from(t.data as ArrayLike<number | bigint>).slice(0, n));
  return { ...c, inputs: c.inputs.map((i, k) => (k >= 1 && i.value instanceof Tensor ? { ...i, value: cut(i.value) } : i)) };
}

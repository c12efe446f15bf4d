/**
 * Arbitraries for gather/scatter and the other index-producing ops. Indices are drawn in range
 * (negative half the time where the op allows it); scatters without a reduction get distinct
 * target positions, since the operator text leaves the result of duplicates undefined.
 */
import fc from 'fast-check';
import type { DType } from '../../ir/dtype.js';
import { Tensor, sizeOf } from '../../ir/tensor.js';
import { type CaseArbitrary, axisArb, dtypeArb, ints, inputsOf, konst, makeCase, shapeArb, tensorArb } from './case.js';

const DATA: readonly DType[] = ['float32', 'float32', 'float64', 'int32', 'int64', 'uint8', 'bool', 'string', 'float16'];
const NUM: readonly DType[] = ['float32', 'float32', 'float64', 'int32', 'int64'];
const norm = (a: number, r: number) => (a < 0 ? a + r : a);

/** Index values in [-d, d) (or [0, d) when `negative` is false) for `n` positions. */
const indexValues = (n: number, d: number, negative = true) => fc.array(fc.integer({ min: negative ? -d : 0, max: d - 1 }), { minLength: n, maxLength: n });

/** `lines` groups of `k` distinct values in [0, d): a random permutation prefix per line. */
function distinctPerLine(lines: number, k: number, d: number): fc.Arbitrary<number[][]> {
  return fc.array(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: d, maxLength: d }), { minLength: lines, maxLength: lines })
    .map((keys) => keys.map((kk) => kk.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]).slice(0, k).map(([, i]) => i)));
}

const scatterElements = (op: 'ScatterElements' | 'Scatter') => fc.tuple(dtypeArb(op === 'Scatter' ? NUM : DATA), shapeArb({ minRank: 1, maxRank: 3 }),
  fc.constantFrom('none', 'none', 'add', 'mul', 'max', 'min'), dtypeArb(['int64', 'int32']))
  .filter(([dt, , red]) => red === 'none' || (dt !== 'string' && dt !== 'bool'))
  .chain(([dt, dims, red0, it]) => axisArb(dims.length).chain((axis) => {
    const reduction = op === 'Scatter' ? 'none' : red0;
    const a = norm(axis, dims.length);
    return fc.integer({ min: 1, max: dims[a] }).chain((k) => {
      // Indices: dims of data with the axis cut to k and other dims possibly smaller.
      const idims = dims.map((d, i) => (i === a ? k : d));
      const lines = sizeOf(idims) / k;
      return fc.tuple(tensorArb(dt, dims), tensorArb(dt, idims), distinctPerLine(lines, k, dims[a]), fc.array(fc.boolean(), { minLength: sizeOf(idims), maxLength: sizeOf(idims) }))
        .map(([data, updates, perLine, neg]) => {
          // Lay the per-line positions out along the axis (index order: outer, axis, inner).
          const outer = idims.slice(0, a).reduce((p, d) => p * d, 1);
          const inner = idims.slice(a + 1).reduce((p, d) => p * d, 1);
          const flat = new Array<number>(sizeOf(idims));
          for (let o = 0; o < outer; o++) for (let j = 0; j < inner; j++) for (let t = 0; t < k; t++) {
            const pos = (o * k + t) * inner + j;
            const v = perLine[o * inner + j][t];
            flat[pos] = neg[pos] ? v - dims[a] : v;
          }
          return makeCase(op, inputsOf(data, ints(flat, it, idims), updates), { axis, ...(op === 'ScatterElements' ? { reduction } : {}) },
            1, op === 'Scatter' ? { opset: 10 } : {});
        });
    });
  }));

export const indexingArbitraries: Record<string, CaseArbitrary> = {
  Gather: fc.tuple(dtypeArb(DATA), shapeArb({ minRank: 1, maxRank: 3 }), shapeArb({ maxRank: 2, maxDim: 3 }), dtypeArb(['int64', 'int32']))
    .chain(([dt, dims, idims, it]) => axisArb(dims.length).chain((axis) =>
      fc.tuple(tensorArb(dt, dims), indexValues(sizeOf(idims), dims[norm(axis, dims.length)]))
        .map(([x, idx]) => makeCase('Gather', inputsOf(x, ints(idx, it, idims)), { axis })))),
  GatherElements: fc.tuple(dtypeArb(DATA), shapeArb({ minRank: 1, maxRank: 3 }), dtypeArb(['int64', 'int32'])).chain(([dt, dims, it]) =>
    axisArb(dims.length).chain((axis) => fc.tuple(...dims.map((d, i) => fc.integer({ min: 1, max: i === norm(axis, dims.length) ? 4 : d })))
      .chain((idims) => fc.tuple(tensorArb(dt, dims), indexValues(sizeOf(idims), dims[norm(axis, dims.length)]))
        .map(([x, idx]) => makeCase('GatherElements', inputsOf(x, ints(idx, it, idims)), { axis }))))),
  GatherND: fc.tuple(dtypeArb(DATA), shapeArb({ minRank: 1, maxRank: 3 }), fc.constantFrom(0, 0, 1), shapeArb({ maxRank: 2, maxDim: 3 }))
    .filter(([, dims, b]) => dims.length > b)
    .chain(([dt, dims, b, mid]) => fc.integer({ min: 1, max: dims.length - b }).chain((k) => {
      const idims = [...dims.slice(0, b), ...mid, k];
      const n = sizeOf(idims) / k;
      return fc.tuple(tensorArb(dt, dims), fc.tuple(...Array.from({ length: n }, () => fc.tuple(...Array.from({ length: k }, (_, j) =>
        fc.integer({ min: -dims[b + j], max: dims[b + j] - 1 }))))))
        .map(([x, tuples]) => makeCase('GatherND', inputsOf(x, ints(tuples.flat(), 'int64', idims)), { batch_dims: b }));
    })),
  Scatter: scatterElements('Scatter'),
  ScatterElements: scatterElements('ScatterElements'),
  ScatterND: fc.tuple(dtypeArb(DATA), shapeArb({ minRank: 1, maxRank: 3 }), fc.constantFrom('none', 'none', 'add', 'mul', 'max', 'min'))
    .filter(([dt, , red]) => red === 'none' || (dt !== 'string' && dt !== 'bool'))
    .chain(([dt, dims, reduction]) => fc.integer({ min: 1, max: dims.length }).chain((k) => {
      const cells = sizeOf(dims.slice(0, k));
      return fc.integer({ min: 1, max: Math.min(cells, 4) }).chain((n) => fc.tuple(tensorArb(dt, dims), distinctPerLine(1, n, cells), tensorArb(dt, [n, ...dims.slice(k)]))
        .map(([x, [picks], upd]) => {
          // Distinct cells, as (row-major) index tuples into the first k dims.
          const tuples = picks.map((cell) => {
            const t: number[] = [];
            for (let j = k - 1; j >= 0; j--) { t.unshift(cell % dims[j]); cell = Math.floor(cell / dims[j]); }
            return t;
          });
          return makeCase('ScatterND', inputsOf(x, ints(tuples.flat(), 'int64', [n, k]), upd), { reduction });
        }));
    })),
  Compress: fc.tuple(dtypeArb(DATA), shapeArb({ minRank: 1, maxRank: 3 }), fc.boolean()).chain(([dt, dims, withAxis]) =>
    axisArb(dims.length).chain((axis) => {
      const len = withAxis ? dims[norm(axis, dims.length)] : sizeOf(dims);
      return fc.tuple(tensorArb(dt, dims), fc.integer({ min: 0, max: len })).chain(([x, n]) => tensorArb('bool', [n])
        .map((cond) => makeCase('Compress', inputsOf(x, cond), withAxis ? { axis } : {})));
    })),
  NonZero: fc.tuple(dtypeArb(['float32', 'int32', 'int64', 'bool', 'uint8']), shapeArb({ minDim: 0 })).chain(([dt, dims]) =>
    tensorArb(dt, dims, { min: -1, max: 1, integral: true, edges: [NaN, -0] }).map((x) => makeCase('NonZero', inputsOf(x)))),
  // Indices of rank >= 1: ONNX's own OneHot shape inference rejects scalar indices.
  OneHot: fc.tuple(shapeArb({ minRank: 1, maxRank: 2, maxDim: 3 }), fc.integer({ min: 1, max: 5 }), dtypeArb(['int64', 'int32', 'float32']), dtypeArb(['float32', 'int64', 'int32']))
    .chain(([dims, depth, it, vt]) => fc.tuple(tensorArb(it, dims, { min: -depth - 1, max: depth, integral: true }), fc.integer({ min: -dims.length - 1, max: dims.length }),
      tensorArb(vt, [2], { min: -5, max: 5, integral: true }))
      .map(([idx, axis, values]) => makeCase('OneHot', inputsOf(idx, konst(ints([depth])), values), { axis }))),
  Unique: fc.tuple(dtypeArb(['float32', 'int64', 'int8', 'string']), shapeArb({ minRank: 1, maxRank: 2 }), fc.boolean(), fc.constantFrom(0, 1))
    .chain(([dt, dims, withAxis, sorted]) => fc.tuple(tensorArb(dt, dims, { min: -2, max: 2, integral: true }), axisArb(dims.length))
      .map(([x, axis]) => makeCase('Unique', inputsOf(x), { sorted, ...(withAxis ? { axis } : {}) }, 4))),
  // Ties are common (small integers): the operator text orders equal values by lower index first.
  TopK: fc.tuple(dtypeArb(['float32', 'float32', 'float64', 'int32', 'int64']), shapeArb({ minRank: 1 }), fc.constantFrom(0, 1)).chain(([dt, dims, largest]) =>
    axisArb(dims.length).chain((axis) => fc.tuple(tensorArb(dt, dims, { min: -3, max: 3, integral: true }), fc.integer({ min: 0, max: dims[norm(axis, dims.length)] }))
      .map(([x, k]) => makeCase('TopK', inputsOf(x, konst(ints([k]))), { axis, largest, sorted: 1 }, 2)))),
  ReverseSequence: fc.tuple(dtypeArb(DATA), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 3 }), fc.boolean())
    .chain(([dt, t, b, rest, batchFirst]) => {
      const dims = batchFirst ? [b, t, ...(rest ? [rest] : [])] : [t, b, ...(rest ? [rest] : [])];
      return fc.tuple(tensorArb(dt, dims), fc.array(fc.integer({ min: 1, max: t }), { minLength: b, maxLength: b }))
        .map(([x, lens]) => makeCase('ReverseSequence', inputsOf(x, ints(lens)), batchFirst ? { batch_axis: 0, time_axis: 1 } : { batch_axis: 1, time_axis: 0 }));
    }),
  NonMaxSuppression: fc.tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 6 }), fc.constantFrom(0, 1),
    fc.integer({ min: 0, max: 4 }), fc.constantFrom(0, 0.3, 0.5), fc.option(fc.constantFrom(0, 0.2, 0.5)))
    .chain(([b, c, n, center, maxOut, iou, scoreThr]) => fc.tuple(
      fc.array(fc.tuple(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 8 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 })), { minLength: b * n, maxLength: b * n }),
      // Distinct scores: the order of equal scores is not specified.
      fc.uniqueArray(fc.integer({ min: 0, max: 1000 }), { minLength: b * c * n, maxLength: b * c * n }),
    ).map(([boxes, scores]) => {
      const coords = boxes.flatMap(([x, y, w, h]) => (center ? [x, y, w, h] : [y, x, y + h, x + w]));
      return makeCase('NonMaxSuppression', inputsOf(new Tensor('float32', Float32Array.from(coords), [b, n, 4]),
        new Tensor('float32', Float32Array.from(scores, (s) => s / 1000), [b, c, n]), konst(ints([maxOut])),
        konst(new Tensor('float32', Float32Array.of(iou), [1])), scoreThr === null ? undefined : konst(new Tensor('float32', Float32Array.of(scoreThr), [1]))),
      { center_point_box: center });
    })),
};


/**
 * Arbitraries for the neural-network families: convolutions and pools (1-D and 2-D, strides,
 * dilations, pads or auto_pad, groups, ceil_mode), normalizations, softmax and its relatives,
 * MatMul/Gemm/Einsum, losses, Dropout in inference mode, and the recurrent ops. Values stay in
 * [-2, 2] where sums of products accumulate, so that float32 accumulation order stays within the
 * spec tolerance.
 */
import fc from 'fast-check';
import type { DType } from '../../ir/dtype.js';
import { Tensor } from '../../ir/tensor.js';
import type { AttrLite } from '../model-builder.js';
import {
  type CaseArbitrary, FLOATS, axisArb, broadcastShapesArb, dtypeArb, floatAttr, ints, inputsOf, konst, makeCase, scalar, shapeArb, tensorArb,
} from './case.js';
import { axesArb } from './reduction.js';

const F32_64: readonly DType[] = ['float32', 'float32', 'float64'];
const SMALL = { min: -2, max: 2 } as const;

/** The geometry of a windowed op: spatial input dims, kernel, strides, dilations, pads. */
interface Window { spatial: number[]; kernel: number[]; strides: number[]; dilations: number[]; pads: number[]; autoPad: string }

function windowArb(o: { maxSpatial?: number; padBelowKernel?: boolean; dilations?: boolean; autoPad?: boolean } = {}): fc.Arbitrary<Window> {
  return fc.integer({ min: 1, max: 2 }).chain((r) => fc.tuple(
    fc.array(fc.integer({ min: 1, max: o.maxSpatial ?? 5 }), { minLength: r, maxLength: r }),
    fc.array(fc.integer({ min: 1, max: 3 }), { minLength: r, maxLength: r }),
    fc.array(fc.integer({ min: 1, max: 2 }), { minLength: r, maxLength: r }),
    fc.array(fc.integer({ min: 1, max: o.dilations === false ? 1 : 2 }), { minLength: r, maxLength: r }),
    fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 2 * r, maxLength: 2 * r }),
    o.autoPad === false ? fc.constant('NOTSET') : fc.constantFrom('NOTSET', 'NOTSET', 'NOTSET', 'SAME_UPPER', 'SAME_LOWER', 'VALID'),
  ).map(([spatial, kernel, strides, dilations, pads, autoPad]) => ({
    spatial, kernel, strides, dilations, autoPad,
    // Pools want pads smaller than the kernel (ONNX's pool shape rule).
    pads: o.padBelowKernel ? pads.map((p, i) => Math.min(p, kernel[i % r] - 1)) : pads,
  })).filter((w) => w.spatial.every((s, i) => s + (w.autoPad === 'NOTSET' ? w.pads[i] + w.pads[i + w.spatial.length] : 0) >= (w.kernel[i] - 1) * w.dilations[i] + 1)));
}

function windowAttrs(w: Window, withDilations = true): Record<string, AttrLite> {
  return {
    kernel_shape: { ints: w.kernel }, strides: { ints: w.strides }, ...(withDilations ? { dilations: { ints: w.dilations } } : {}),
    ...(w.autoPad === 'NOTSET' ? { pads: { ints: w.pads } } : { auto_pad: w.autoPad }),
  };
}

function convArb(op: string, domain?: string, extra: fc.Arbitrary<Record<string, AttrLite>> = fc.constant({})): CaseArbitrary {
  return fc.tuple(dtypeArb(FLOATS), windowArb(), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 }), fc.boolean(), extra)
    .chain(([dt, w, group, cpg, mpg, bias, ex]) => {
      const c = group * cpg, m = group * mpg;
      return fc.tuple(tensorArb(dt, [1, c, ...w.spatial], SMALL), tensorArb(dt, [m, cpg, ...w.kernel], SMALL), tensorArb(dt, [m], SMALL))
        .map(([x, wt, b]) => makeCase(op, inputsOf(x, wt, bias ? b : undefined), { ...windowAttrs(w), group, ...ex }, 1, domain ? { domain } : {}));
    });
}

function convTransposeArb(): CaseArbitrary {
  return fc.tuple(dtypeArb(FLOATS), windowArb({ maxSpatial: 3, autoPad: false }), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 }), fc.boolean(), fc.nat(1))
    .chain(([dt, w, group, cpg, bias, opad]) => {
      const c = group * cpg, mpg = 1 + (opad % 2);
      // Pads that crop the whole output make an empty result, which the reference rejects; keep one cell.
      const pads = w.pads.map((p, i) => {
        const j = i % w.spatial.length;
        const full = w.strides[j] * (w.spatial[j] - 1) + (w.kernel[j] - 1) * w.dilations[j] + 1;
        return Math.min(p, Math.floor((full - 1) / 2));
      });
      w = { ...w, pads };
      // output_padding must be below "the corresponding stride/dilation" (operator text); onnxruntime
      // reads that as the stride, the stricter reading, which is used here.
      const outputPadding = w.strides.map((s) => Math.min(opad, s - 1));
      return fc.tuple(tensorArb(dt, [1, c, ...w.spatial], SMALL), tensorArb(dt, [c, mpg, ...w.kernel], SMALL), tensorArb(dt, [group * mpg], SMALL))
        .map(([x, wt, b]) => makeCase('ConvTranspose', inputsOf(x, wt, bias ? b : undefined), { ...windowAttrs(w), group, output_padding: { ints: outputPadding } }));
    });
}

function poolArb(op: 'MaxPool' | 'AveragePool' | 'LpPool'): CaseArbitrary {
  const types: readonly DType[] = op === 'MaxPool' ? [...FLOATS, 'int8', 'uint8'] : FLOATS;
  return fc.tuple(dtypeArb(types), windowArb({ padBelowKernel: true }), fc.integer({ min: 1, max: 2 }), fc.constantFrom(0, 1), fc.constantFrom(0, 1), fc.constantFrom(1, 2))
    .chain(([dt, w, c, ceil, flag, outs]) => tensorArb(dt, [1, c, ...w.spatial], op === 'MaxPool' ? { edges: [NaN, -Infinity, -0] } : {})
      .map((x) => {
        const attrs: Record<string, AttrLite> = { ...windowAttrs(w), ceil_mode: ceil };
        if (op === 'AveragePool') attrs.count_include_pad = flag;
        if (op === 'LpPool') attrs.p = flag + 1;
        if (op === 'MaxPool') attrs.storage_order = 0;
        return makeCase(op, inputsOf(x), attrs, op === 'MaxPool' ? outs : 1);
      }));
}

const globalPool = (op: string, attrs: fc.Arbitrary<Record<string, AttrLite>> = fc.constant({})) =>
  fc.tuple(dtypeArb(FLOATS), shapeArb({ minRank: 3, maxRank: 4 }), attrs).chain(([dt, dims, a]) => tensorArb(dt, dims).map((x) => makeCase(op, inputsOf(x), a)));

/** X of rank >= 2 with channels at dim 1 plus per-channel parameter tensors. */
function perChannel(op: string, params: ((c: number, dt: DType) => fc.Arbitrary<Tensor>)[], attrs: fc.Arbitrary<Record<string, AttrLite>>, minRank = 3): CaseArbitrary {
  return fc.tuple(dtypeArb(FLOATS), shapeArb({ minRank, maxRank: 4 }), attrs).chain(([dt, dims, a]) =>
    fc.tuple(tensorArb(dt, dims, { min: -5, max: 5 }), ...params.map((p) => p(dims[1], dt))).map(([x, ...ps]) => makeCase(op, inputsOf(x, ...ps), a)));
}

const softmaxLike = (op: string) => fc.tuple(dtypeArb(FLOATS), shapeArb({ minRank: 1 })).chain(([dt, dims]) =>
  fc.tuple(tensorArb(dt, dims, op === 'Hardmax' ? { min: -3, max: 3, integral: true } : { edges: [NaN, -Infinity] }), axisArb(dims.length))
    .map(([x, axis]) => makeCase(op, inputsOf(x), { axis })));

/** MatMul operand shapes: 1-D or batched N-D with broadcasting batch dims. */
const matmulShapes = fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 4 }), broadcastShapesArb(2, { maxRank: 2, maxDim: 3 }),
  fc.constantFrom('nd', 'nd', 'vec-a', 'vec-b'))
  .map(([m, k, n0, [ba, bb], form]) => {
    const n = Math.max(n0, 1);
    return form === 'vec-a' ? [[k], [...bb, k, n]] : form === 'vec-b' ? [[...ba, m, k], [k]] : [[...ba, m, k], [...bb, k, n]];
  });

function gemmArb(op: string, domain?: string, extra: fc.Arbitrary<Record<string, AttrLite>> = fc.constant({})): CaseArbitrary {
  return fc.tuple(dtypeArb([...F32_64, 'float16']), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }),
    fc.constantFrom(0, 1), fc.constantFrom(0, 1), fc.constantFrom('none', 'scalar', 'row', 'col', 'full'), floatAttr(1, 0.5, -2), floatAttr(1, 0, 2), extra)
    .chain(([dt, m, k, n, ta, tb, cform, alpha, beta, ex]) => {
      const cdims = cform === 'scalar' ? [] : cform === 'row' ? [n] : cform === 'col' ? [m, 1] : [m, n];
      return fc.tuple(tensorArb(dt, ta ? [k, m] : [m, k], SMALL), tensorArb(dt, tb ? [n, k] : [k, n], SMALL), tensorArb(dt, cdims, SMALL))
        .map(([a, b, c]) => makeCase(op, inputsOf(a, b, cform === 'none' ? undefined : c), { transA: ta, transB: tb, alpha, beta, ...ex }, 1, domain ? { domain } : {}));
    });
}

const EINSUM: [string, number[][]][] = [
  ['ij,jk->ik', [[2, 3], [3, 4]]], ['bij,bjk->bik', [[2, 2, 3], [2, 3, 2]]], ['ii->i', [[3, 3]]], ['ij->ji', [[2, 3]]],
  ['i,i->', [[4], [4]]], ['ij->', [[3, 2]]], ['...ij,...jk->...ik', [[2, 2, 3], [2, 3, 2]]], ['ij,ij->ij', [[2, 3], [2, 3]]],
  ['i,j->ij', [[3], [2]]], ['ijk->kji', [[2, 3, 2]]], ['ij,kj->ik', [[2, 3], [4, 3]]],
];

/** A recurrent op: X [seq, batch, input], W, R, optional B, sequence_lens, initial states. */
function recurrentArb(op: 'RNN' | 'GRU' | 'LSTM'): CaseArbitrary {
  const gates = op === 'RNN' ? 1 : op === 'GRU' ? 3 : 4;
  return fc.tuple(dtypeArb(F32_64), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }),
    fc.constantFrom('forward', 'reverse', 'bidirectional'), fc.boolean(), fc.boolean(), fc.boolean(), fc.integer({ min: 1, max: op === 'LSTM' ? 3 : 2 }), fc.constantFrom(0, 1))
    .chain(([dt, seq, batch, input, hidden, direction, withB, withLens, withInit, outs, lbr]) => {
      const dirs = direction === 'bidirectional' ? 2 : 1;
      const v = { min: -1, max: 1 };
      return fc.tuple(tensorArb(dt, [seq, batch, input], v), tensorArb(dt, [dirs, gates * hidden, input], v), tensorArb(dt, [dirs, gates * hidden, hidden], v),
        tensorArb(dt, [dirs, 2 * gates * hidden], v), fc.array(fc.integer({ min: 1, max: seq }), { minLength: batch, maxLength: batch }),
        tensorArb(dt, [dirs, batch, hidden], v), tensorArb(dt, [dirs, batch, hidden], v))
        .map(([x, w, r, b, lens, h0, c0]) => {
          const inputs = [x, w, r, withB ? b : undefined, withLens ? ints(lens, 'int32') : undefined, withInit ? h0 : undefined];
          if (op === 'LSTM') inputs.push(withInit ? c0 : undefined);
          const attrs: Record<string, AttrLite> = { hidden_size: hidden, direction };
          if (op === 'GRU') attrs.linear_before_reset = lbr;
          return makeCase(op, inputsOf(...inputs), attrs, outs);
        });
    });
}

function lossArb(op: 'NegativeLogLikelihoodLoss' | 'SoftmaxCrossEntropyLoss'): CaseArbitrary {
  return fc.tuple(dtypeArb(F32_64), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 2, max: 4 }), fc.option(fc.integer({ min: 1, max: 3 })),
    fc.constantFrom('none', 'sum', 'mean'), fc.boolean(), fc.option(fc.integer({ min: 0, max: 1 })), dtypeArb(['int64', 'int32']), fc.integer({ min: 1, max: 2 }))
    .chain(([dt, n, c, d, reduction, withWeight, ignore, it, outs]) => {
      const tdims = d === null ? [n] : [n, d];
      return fc.tuple(tensorArb(dt, d === null ? [n, c] : [n, c, d], { min: -3, max: 3 }), fc.array(fc.integer({ min: 0, max: c - 1 }), { minLength: tdims.reduce((p, x) => p * x, 1), maxLength: tdims.reduce((p, x) => p * x, 1) }),
        tensorArb(dt, [c], { min: 0.5, max: 2 }))
        .map(([x, t, w]) => makeCase(op, inputsOf(x, ints(t, it, tdims), withWeight ? w : undefined),
          { reduction, ...(ignore === null ? {} : { ignore_index: ignore }) }, op === 'SoftmaxCrossEntropyLoss' ? outs : 1));
    });
}

export const nnArbitraries: Record<string, CaseArbitrary> = {
  Conv: convArb('Conv'),
  ConvTranspose: convTransposeArb(),
  MaxPool: poolArb('MaxPool'),
  AveragePool: poolArb('AveragePool'),
  LpPool: poolArb('LpPool'),
  GlobalAveragePool: globalPool('GlobalAveragePool'),
  GlobalMaxPool: globalPool('GlobalMaxPool'),
  GlobalLpPool: globalPool('GlobalLpPool', fc.record({ p: fc.constantFrom(1, 2, 3) })),
  // Rank 4 only: onnxruntime's LRN requires NCHW although the operator text allows N-D (reported as unsupported).
  LRN: fc.tuple(dtypeArb(FLOATS), shapeArb({ minRank: 4, maxRank: 4, maxDim: 3 }), fc.constantFrom(1, 3, 5), floatAttr(0.0001, 0.5), floatAttr(0.75, 0.5), floatAttr(1, 2))
    .chain(([dt, dims, size, alpha, beta, bias]) => tensorArb(dt, dims, { min: -5, max: 5 }).map((x) => makeCase('LRN', inputsOf(x), { size, alpha, beta, bias }))),
  InstanceNormalization: perChannel('InstanceNormalization', [(c, dt) => tensorArb(dt, [c], SMALL), (c, dt) => tensorArb(dt, [c], SMALL)], fc.record({ epsilon: floatAttr(1e-5, 0.01) })),
  BatchNormalization: perChannel('BatchNormalization', [(c, dt) => tensorArb(dt, [c], SMALL), (c, dt) => tensorArb(dt, [c], SMALL),
    (c, dt) => tensorArb(dt, [c], SMALL), (c, dt) => tensorArb(dt, [c], { min: 0.1, max: 3 })], fc.record({ epsilon: floatAttr(1e-5, 0.01) }), 2),
  LayerNormalization: fc.tuple(dtypeArb(['float32', 'float32', 'float64', 'float16']), shapeArb({ minRank: 1 }), fc.integer({ min: 1, max: 3 }), fc.boolean())
    .chain(([dt, dims, outs, withB]) => axisArb(dims.length).chain((axis) => {
      const norm = dims.slice(axis < 0 ? axis + dims.length : axis);
      return fc.tuple(tensorArb(dt, dims, { min: -5, max: 5 }), tensorArb(dt, norm, SMALL), tensorArb(dt, norm, SMALL))
        .map(([x, s, b]) => makeCase('LayerNormalization', inputsOf(x, s, withB ? b : undefined), { axis, epsilon: { float: 1e-5 } }, outs));
    })),
  GroupNormalization: fc.tuple(dtypeArb(FLOATS), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 }), shapeArb({ minRank: 1, maxRank: 2, maxDim: 3 }))
    .chain(([dt, n, groups, cpg, sp]) => fc.tuple(tensorArb(dt, [n, groups * cpg, ...sp], { min: -5, max: 5 }), tensorArb(dt, [groups * cpg], SMALL), tensorArb(dt, [groups * cpg], SMALL))
      .map(([x, s, b]) => makeCase('GroupNormalization', inputsOf(x, s, b), { num_groups: groups, epsilon: { float: 1e-5 } }))),
  RMSNormalization: fc.tuple(dtypeArb(['float32', 'float32', 'float64', 'float16']), shapeArb({ minRank: 1 })).chain(([dt, dims]) => axisArb(dims.length).chain((axis) =>
    fc.tuple(tensorArb(dt, dims, { min: -5, max: 5 }), tensorArb(dt, dims.slice(axis < 0 ? axis + dims.length : axis), SMALL))
      .map(([x, s]) => makeCase('RMSNormalization', inputsOf(x, s), { axis })))),
  LpNormalization: fc.tuple(dtypeArb(FLOATS), shapeArb({ minRank: 1 }), fc.constantFrom(1, 2)).chain(([dt, dims, p]) =>
    fc.tuple(tensorArb(dt, dims), axisArb(dims.length)).map(([x, axis]) => makeCase('LpNormalization', inputsOf(x), { axis, p }))),
  MeanVarianceNormalization: fc.tuple(dtypeArb(FLOATS), shapeArb({ minRank: 1 })).chain(([dt, dims]) =>
    fc.tuple(tensorArb(dt, dims, { min: -5, max: 5 }), axesArb(dims.length, 1)).map(([x, axes]) => makeCase('MeanVarianceNormalization', inputsOf(x), { axes: { ints: axes } }))),
  Softmax: softmaxLike('Softmax'),
  LogSoftmax: softmaxLike('LogSoftmax'),
  Hardmax: softmaxLike('Hardmax'),
  // Inference mode only: training-mode output is random (the mask comes from a generator).
  Dropout: fc.tuple(dtypeArb(FLOATS), shapeArb(), fc.boolean(), fc.boolean(), fc.integer({ min: 1, max: 2 })).chain(([dt, dims, withRatio, withMode, outs]) =>
    tensorArb(dt, dims, { edges: true }).map((x) => makeCase('Dropout', inputsOf(x, withRatio || withMode ? konst(scalar(dt, 0.5)) : undefined,
      withMode ? konst(Tensor.scalar('bool', false)) : undefined), {}, outs))),
  MatMul: fc.tuple(dtypeArb([...F32_64, 'float16', 'int32', 'int64']), matmulShapes).chain(([dt, [sa, sb]]) =>
    fc.tuple(tensorArb(dt, sa, SMALL), tensorArb(dt, sb, SMALL)).map(([a, b]) => makeCase('MatMul', inputsOf(a, b)))),
  Gemm: gemmArb('Gemm'),
  Einsum: fc.tuple(fc.constantFrom(...EINSUM), dtypeArb(['float32', 'float64', 'int32', 'int64'])).chain(([[equation, shapes], dt]) =>
    fc.tuple(...shapes.map((s) => tensorArb(dt, s, SMALL))).map((xs) => makeCase('Einsum', inputsOf(...xs), { equation }))),
  NegativeLogLikelihoodLoss: lossArb('NegativeLogLikelihoodLoss'),
  SoftmaxCrossEntropyLoss: lossArb('SoftmaxCrossEntropyLoss'),
  RNN: recurrentArb('RNN'),
  GRU: recurrentArb('GRU'),
  LSTM: recurrentArb('LSTM'),
  'com.onnx-ts.FusedConv': convArb('FusedConv', 'com.onnx-ts', fc.constantFrom<Record<string, AttrLite>>({ activation: 'Relu' }, { activation: '' }, { activation: 'LeakyRelu', activation_params: { floats: [0.1] } })),
  'com.onnx-ts.FusedGemm': gemmArb('FusedGemm', 'com.onnx-ts', fc.constantFrom<Record<string, AttrLite>>({ activation: 'Relu' }, { activation: '' })),
};

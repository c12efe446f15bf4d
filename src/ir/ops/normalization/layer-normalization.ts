/**
 * LayerNormalization: standardizes X over the trailing dims from `axis` on, then scales and shifts.
 * https://onnx.ai/onnx/operators/onnx__LayerNormalization.html
 */
import { dtypeFromOnnx, type DType } from '../../dtype.js';
import { ShapeError } from '../../errors.js';
import type { Dim } from '../../model.js';
import { readValues, sizeOf, type Tensor } from '../../tensor.js';
import { normalizeAxis } from '../common/axes.js';
import { FLOATS } from '../common/types.js';
import { defineOp } from '../spec.js';
import { checkUnidirectional, floatBuffer, floatTensor, paramIndex } from './util.js';

/** The dtype of Mean and InvStdDev: `stash_type` is an ONNX data-type number. */
function stashDtype(stashType: number): DType {
  const t = dtypeFromOnnx(stashType);
  if (t !== 'float32' && t !== 'bfloat16') throw new ShapeError(`stash_type ${stashType} must be 1 (float) or 16 (bfloat16)`);
  return t;
}

/**
 * LayerNormalization's operand rules (symbolic dims allowed, compared only where known): `axis`
 * in range for X, and Scale and B unidirectionally broadcast to X. Shared by the shape inference
 * of this op and of the fused LayerNormalization/SkipLayerNormalization, whose cpu and wasm
 * kernels rely on it: they take Scale by its element count and once normalized X [1] with a
 * Scale [1,1] that the reference refuses.
 */
export function checkLayerNormOperands(x: readonly Dim[] | undefined, scale: readonly Dim[] | undefined, bias: readonly Dim[] | undefined,
  axis: number): void {
  if (x) normalizeAxis(axis, x.length);
  checkUnidirectional(scale, x, 'Scale');
  checkUnidirectional(bias, x, 'B');
}

/**
 * Whether a Scale or B of dims `p` (already checked to broadcast to X) holds exactly one value per
 * element of a normalized row, in row order: right-aligned with X, it is 1 over the dims before
 * `axis` and equals X over those from `axis` on. The cpu and wasm kernels take such parameters
 * as one row; any other broadcast (Scale [4,1] for X [4,4], which varies by row and has as many
 * elements as a row) goes to the reference.
 */
export function isRowParam(p: readonly number[], x: readonly number[], axis: number): boolean {
  const off = x.length - p.length;
  if (off < 0) return false;
  for (let i = 0; i < p.length; i++) if (off + i < axis ? p[i] !== 1 : p[i] !== x[off + i]) return false;
  return sizeOf(p) === sizeOf(x.slice(axis));
}

/** Layer normalization: Y = (X - Mean) * InvStdDev * Scale + B over the dims from `axis` on. */
export const LayerNormalization = defineOp({
  name: 'LayerNormalization',
  versions: [17],
  doc: 'Y = (X - mean) / sqrt(var + epsilon) * Scale + B, statistics over the dims from axis on; optional Mean and InvStdDev outputs.',
  inputs: [{ name: 'X', type: 'T' }, { name: 'Scale', type: 'T' }, { name: 'B', type: 'T', optional: true }],
  outputs: [{ name: 'Y', type: 'T' }, { name: 'Mean', type: 'U', optional: true }, { name: 'InvStdDev', type: 'U', optional: true }],
  types: { T: FLOATS, U: ['float32', 'bfloat16'] },
  attributes: {
    axis: { type: 'int', default: -1 },
    epsilon: { type: 'float', default: 1e-5 },
    stash_type: { type: 'int', default: 1 },
  },
  inferShape: ({ inputs: [x, scale, bias], attrs, outputCount }) => {
    const u = stashDtype(attrs.stash_type);
    checkLayerNormOperands(x?.dims, scale?.dims, bias?.dims, attrs.axis);
    let statDims: Dim[] | undefined;
    if (x?.dims) {
      const axis = normalizeAxis(attrs.axis, x.dims.length);
      statDims = x.dims.map((d, i) => (i < axis ? d : 1));
    }
    const out = [{ kind: 'tensor' as const, dtype: x?.dtype, dims: x?.dims }];
    for (let i = 1; i < outputCount; i++) out.push({ kind: 'tensor', dtype: u, dims: statDims });
    return out;
  },
  reference: ({ inputs, attrs, outputCount }) => {
    const [x, scaleT, biasT] = inputs as [Tensor, Tensor, Tensor | undefined];
    const dims = x.dims;
    const axis = normalizeAxis(attrs.axis, dims.length);
    const norm = sizeOf(dims.slice(axis));
    // Counted from the dims, not as size / norm: with an empty normalized block that is 0 / 0, and
    // the statistics of the (non-empty) outer rows are then the mean of nothing, NaN, as in the
    // ONNX reference implementation.
    const outer = sizeOf(dims.slice(0, axis));
    const xs = readValues(x);
    const scale = readValues(scaleT);
    const sIdx = paramIndex(scaleT.dims, dims, axis, 'Scale');
    const bias = biasT ? readValues(biasT) : undefined;
    const bIdx = biasT ? paramIndex(biasT.dims, dims, axis, 'B') : undefined;
    const y = floatBuffer(x.type, x.size);
    const means = new Float64Array(outer), invStd = new Float64Array(outer);
    for (let o = 0; o < outer; o++) {
      const base = o * norm;
      let sum = 0;
      for (let j = 0; j < norm; j++) sum += xs[base + j];
      const mean = sum / norm;
      let sq = 0;
      for (let j = 0; j < norm; j++) { const d = xs[base + j] - mean; sq += d * d; }
      const inv = 1 / Math.sqrt(sq / norm + attrs.epsilon);
      means[o] = mean;
      invStd[o] = inv;
      // The parameter maps repeat every `norm` elements unless Scale/B vary over the outer dims too.
      const so = sIdx.period === norm ? 0 : base;
      const si = sIdx.idx;
      if (bias && bIdx) {
        const bo = bIdx.period === norm ? 0 : base;
        const bi = bIdx.idx;
        for (let j = 0; j < norm; j++) y[base + j] = (xs[base + j] - mean) * inv * scale[si[so + j]] + bias[bi[bo + j]];
      } else {
        for (let j = 0; j < norm; j++) y[base + j] = (xs[base + j] - mean) * inv * scale[si[so + j]];
      }
    }
    const outputs = [floatTensor(x.type, dims, y)];
    if (outputCount > 1) {
      const u = stashDtype(attrs.stash_type);
      const statDims = dims.map((d, i) => (i < axis ? d : 1));
      outputs.push(floatTensor(u, statDims, means), floatTensor(u, statDims, invStd));
    }
    return outputs;
  },
});

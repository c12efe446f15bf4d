/**
 * RMSNormalization: divides X by its root mean square over the trailing dims from `axis` on.
 * https://onnx.ai/onnx/operators/onnx__RMSNormalization.html
 */
import { readValues, sizeOf, type Tensor } from '../../tensor.js';
import { normalizeAxis } from '../common/axes.js';
import { FLOATS } from '../common/types.js';
import { defineOp } from '../spec.js';
import { checkUnidirectional, floatBuffer, floatTensor, paramIndex } from './util.js';

/** RMS normalization: Y = X / sqrt(mean(X^2) + epsilon) * scale. */
export const RMSNormalization = defineOp({
  name: 'RMSNormalization',
  versions: [23],
  doc: 'Y = X / sqrt(mean(X^2) + epsilon) * scale, the mean taken over the dims from axis on.',
  inputs: [{ name: 'X', type: 'T' }, { name: 'scale', type: 'V' }],
  outputs: [{ name: 'Y', type: 'V' }],
  types: { T: FLOATS, V: FLOATS },
  attributes: {
    axis: { type: 'int', default: -1 },
    epsilon: { type: 'float', default: 1e-5 },
    // Stage-one precision; this kernel always works in float64, which is at least as precise.
    stash_type: { type: 'int', default: 1 },
  },
  inferShape: ({ inputs: [x, scale], attrs }) => {
    checkUnidirectional(scale?.dims, x?.dims, 'scale');
    if (x?.dims) normalizeAxis(attrs.axis, x.dims.length);
    return [{ kind: 'tensor', dtype: scale?.dtype, dims: x?.dims }];
  },
  reference: ({ inputs, attrs }) => {
    const [x, scaleT] = inputs as Tensor[];
    const dims = x.dims;
    const axis = normalizeAxis(attrs.axis, dims.length);
    const norm = sizeOf(dims.slice(axis));
    const outer = x.size / norm;
    const xs = readValues(x), scale = readValues(scaleT);
    const { idx, period } = paramIndex(scaleT.dims, dims, axis, 'scale');
    const y = floatBuffer(scaleT.type, x.size);
    for (let o = 0; o < outer; o++) {
      const base = o * norm;
      let sq = 0;
      for (let j = 0; j < norm; j++) sq += xs[base + j] * xs[base + j];
      const inv = 1 / Math.sqrt(sq / norm + attrs.epsilon);
      const so = period === norm ? 0 : base;
      for (let j = 0; j < norm; j++) y[base + j] = xs[base + j] * inv * scale[idx[so + j]];
    }
    return [floatTensor(scaleT.type, dims, y)];
  },
});

/**
 * MeanVarianceNormalization: (X - E[X]) / sqrt(E[(X - E[X])^2]) over the given axes.
 * https://onnx.ai/onnx/operators/onnx__MeanVarianceNormalization.html
 */
import { readValues, sizeOf, type Tensor } from '../../tensor.js';
import { normalizeAxes } from '../common/axes.js';
import { stridesOf } from '../common/broadcast.js';
import { FLOATS } from '../common/types.js';
import { defineOp } from '../spec.js';
import { floatBuffer, floatTensor } from './util.js';

/**
 * The ONNX function body adds this constant to the standard deviation before dividing, so that a
 * constant slice gives 0 rather than NaN.
 */
const STD_EPSILON = 1e-9;

/** Mean-variance normalization over `axes`. */
export const MeanVarianceNormalization = defineOp({
  name: 'MeanVarianceNormalization',
  versions: [9, 13],
  doc: 'Y = (X - mean) / (std + 1e-9), mean and population std taken over `axes`.',
  inputs: [{ name: 'X', type: 'T' }],
  outputs: [{ name: 'Y', type: 'T' }],
  types: { T: FLOATS },
  attributes: { axes: { type: 'ints', default: [0, 2, 3] } },
  inferShape: ({ inputs: [x], attrs }) => {
    if (x?.dims) normalizeAxes(attrs.axes, x.dims.length);
    return [{ kind: 'tensor', dtype: x?.dtype, dims: x?.dims }];
  },
  reference: ({ inputs, attrs }) => {
    const x = inputs[0] as Tensor;
    const dims = x.dims;
    const reduced = new Set(normalizeAxes(attrs.axes, dims.length));
    // Each element's group is its index with the reduced axes dropped.
    const keptDims = dims.map((d, i) => (reduced.has(i) ? 1 : d));
    const keptStrides = stridesOf(keptDims);
    const groups = sizeOf(keptDims);
    const count = x.size / groups;
    const group = new Int32Array(x.size);
    const counter = new Array<number>(dims.length).fill(0);
    for (let e = 0; e < x.size; e++) {
      let g = 0;
      for (let d = 0; d < dims.length; d++) if (!reduced.has(d)) g += counter[d] * keptStrides[d];
      group[e] = g;
      for (let d = dims.length - 1; d >= 0; d--) { if (++counter[d] < dims[d]) break; counter[d] = 0; }
    }
    const xs = readValues(x);
    const mean = new Float64Array(groups), sq = new Float64Array(groups);
    for (let e = 0; e < x.size; e++) mean[group[e]] += xs[e];
    for (let g = 0; g < groups; g++) mean[g] /= count;
    for (let e = 0; e < x.size; e++) { const d = xs[e] - mean[group[e]]; sq[group[e]] += d * d; }
    const y = floatBuffer(x.type, x.size);
    for (let e = 0; e < x.size; e++) {
      const g = group[e];
      y[e] = (xs[e] - mean[g]) / (Math.sqrt(sq[g] / count) + STD_EPSILON);
    }
    return [floatTensor(x.type, dims, y)];
  },
});

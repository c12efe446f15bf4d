/**
 * InstanceNormalization: normalizes each (instance, channel) slice over its spatial dims.
 * https://onnx.ai/onnx/operators/onnx__InstanceNormalization.html
 */
import { ShapeError } from '../../errors.js';
import { readValues, type Tensor } from '../../tensor.js';
import { FLOATS } from '../common/types.js';
import { defineOp } from '../spec.js';
import { floatBuffer, floatTensor, fmtDims } from './util.js';

/** y = scale * (x - mean) / sqrt(variance + epsilon) + B, statistics per instance and channel. */
export const InstanceNormalization = defineOp({
  name: 'InstanceNormalization',
  versions: [1, 6, 22],
  doc: 'y = scale * (x - mean) / sqrt(variance + epsilon) + B, with mean and variance per instance and channel.',
  inputs: [{ name: 'input', type: 'T' }, { name: 'scale', type: 'T' }, { name: 'B', type: 'T' }],
  outputs: [{ name: 'output', type: 'T' }],
  types: { T: FLOATS },
  attributes: {
    epsilon: { type: 'float', default: 1e-5 },
    consumed_inputs: { type: 'ints', until: 6 },
  },
  inferShape: ({ inputs: [x, scale] }) => {
    if (x?.dims && x.dims.length < 2) throw new ShapeError(`input ${fmtDims(x.dims)} must have rank >= 2 (N x C x ...)`);
    if (x?.dims && scale?.dims && (scale.dims.length !== 1 || (typeof scale.dims[0] === 'number' && typeof x.dims[1] === 'number' && scale.dims[0] !== x.dims[1]))) {
      throw new ShapeError(`scale ${fmtDims(scale.dims)} must be [C] for input ${fmtDims(x.dims)}`);
    }
    return [{ kind: 'tensor', dtype: x?.dtype, dims: x?.dims }];
  },
  reference: ({ inputs, attrs }) => {
    const [x, scaleT, biasT] = inputs as Tensor[];
    const [n, c] = x.dims;
    const inner = x.size / (n * c);
    const xs = readValues(x), scale = readValues(scaleT), bias = readValues(biasT);
    const y = floatBuffer(x.type, x.size);
    for (let b = 0; b < n; b++) {
      for (let ch = 0; ch < c; ch++) {
        const base = (b * c + ch) * inner;
        let sum = 0;
        for (let i = 0; i < inner; i++) sum += xs[base + i];
        const mean = sum / inner;
        let sq = 0;
        for (let i = 0; i < inner; i++) { const d = xs[base + i] - mean; sq += d * d; }
        const a = scale[ch] / Math.sqrt(sq / inner + attrs.epsilon);
        const k = bias[ch] - mean * a;
        for (let i = 0; i < inner; i++) y[base + i] = xs[base + i] * a + k;
      }
    }
    return [floatTensor(x.type, x.dims, y)];
  },
});

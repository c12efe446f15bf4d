/**
 * LRN: local response normalization across neighbouring channels (AlexNet).
 * https://onnx.ai/onnx/operators/onnx__LRN.html
 */
import { ShapeError } from '../../errors.js';
import { readValues, type Tensor } from '../../tensor.js';
import { FLOATS } from '../common/types.js';
import { defineOp } from '../spec.js';
import { floatBuffer, floatTensor, fmtDims } from './util.js';

/** Y = X / (bias + alpha / size * sum of squares over `size` neighbouring channels) ^ beta. */
export const LRN = defineOp({
  name: 'LRN',
  versions: [1, 13],
  doc: 'Y = X / (bias + alpha / size * square_sum) ^ beta, square_sum over a window of `size` channels around each one.',
  inputs: [{ name: 'X', type: 'T' }],
  outputs: [{ name: 'Y', type: 'T' }],
  types: { T: FLOATS },
  attributes: {
    alpha: { type: 'float', default: 0.0001 },
    beta: { type: 'float', default: 0.75 },
    bias: { type: 'float', default: 1.0 },
    size: { type: 'int', required: true },
  },
  inferShape: ({ inputs: [x] }) => {
    if (x?.dims && x.dims.length < 2) throw new ShapeError(`X ${fmtDims(x.dims)} must have rank >= 2 (N x C x ...)`);
    return [{ kind: 'tensor', dtype: x?.dtype, dims: x?.dims }];
  },
  reference: ({ inputs, attrs }) => {
    const x = inputs[0] as Tensor;
    const [n, c] = x.dims;
    const inner = x.size / (n * c);
    const { alpha, beta, bias, size } = attrs;
    // The window is uneven for even sizes: floor((size-1)/2) below, ceil((size-1)/2) above.
    const below = Math.floor((size - 1) / 2), above = Math.ceil((size - 1) / 2);
    const xs = readValues(x);
    const y = floatBuffer(x.type, x.size);
    for (let b = 0; b < n; b++) {
      for (let ch = 0; ch < c; ch++) {
        const lo = Math.max(0, ch - below), hi = Math.min(c - 1, ch + above);
        const base = (b * c + ch) * inner;
        for (let i = 0; i < inner; i++) {
          let sq = 0;
          for (let k = lo; k <= hi; k++) { const v = xs[(b * c + k) * inner + i]; sq += v * v; }
          y[base + i] = xs[base + i] / Math.pow(bias + (alpha / size) * sq, beta);
        }
      }
    }
    return [floatTensor(x.type, x.dims, y)];
  },
});

/**
 * LpNormalization: divides X by its L1 or L2 norm along one axis.
 * https://onnx.ai/onnx/operators/onnx__LpNormalization.html
 */
import { ShapeError } from '../../errors.js';
import { readValues, type Tensor } from '../../tensor.js';
import { normalizeAxis } from '../common/axes.js';
import { FLOATS } from '../common/types.js';
import { defineOp } from '../spec.js';
import { floatBuffer, floatTensor, splitAt } from './util.js';

/** output = input / Lp_norm(input, axis), zero where the norm is zero. */
export const LpNormalization = defineOp({
  name: 'LpNormalization',
  versions: [1, 22],
  doc: 'output = input / ||input||_p along axis (p = 1 or 2); zero where the norm is zero.',
  inputs: [{ name: 'input', type: 'T' }],
  outputs: [{ name: 'output', type: 'T' }],
  types: { T: FLOATS },
  attributes: {
    axis: { type: 'int', default: -1 },
    p: { type: 'int', default: 2 },
  },
  inferShape: ({ inputs: [x], attrs }) => {
    if (attrs.p !== 1 && attrs.p !== 2) throw new ShapeError(`p must be 1 or 2, got ${attrs.p}`);
    if (x?.dims) normalizeAxis(attrs.axis, x.dims.length);
    return [{ kind: 'tensor', dtype: x?.dtype, dims: x?.dims }];
  },
  reference: ({ inputs, attrs }) => {
    const x = inputs[0] as Tensor;
    const { outer, len, inner } = splitAt(x.dims, normalizeAxis(attrs.axis, x.dims.length));
    const xs = readValues(x);
    const y = floatBuffer(x.type, x.size);
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < inner; i++) {
        const base = o * len * inner + i;
        let acc = 0;
        for (let k = 0; k < len; k++) {
          const v = xs[base + k * inner];
          acc += attrs.p === 1 ? Math.abs(v) : v * v;
        }
        const norm = attrs.p === 1 ? acc : Math.sqrt(acc);
        for (let k = 0; k < len; k++) y[base + k * inner] = norm === 0 ? 0 : xs[base + k * inner] / norm;
      }
    }
    return [floatTensor(x.type, x.dims, y)];
  },
});

/**
 * GroupNormalization: normalizes each instance over groups of channels (and their spatial dims).
 * https://onnx.ai/onnx/operators/onnx__GroupNormalization.html
 *
 * Opset 18 took scale and bias per group; opset 21 changed them to per channel.
 */
import { ShapeError } from '../../errors.js';
import { readValues, type Tensor } from '../../tensor.js';
import { FLOATS } from '../common/types.js';
import { defineOp } from '../spec.js';
import { floatBuffer, floatTensor, fmtDims } from './util.js';

/** Group normalization: statistics per instance and group of channels, then scale and bias. */
export const GroupNormalization = defineOp({
  name: 'GroupNormalization',
  versions: [18, 21],
  doc: 'y = scale * (x - mean) / sqrt(variance + epsilon) + bias, statistics per instance and group of channels.',
  inputs: [{ name: 'X', type: 'T' }, { name: 'scale', type: 'T' }, { name: 'bias', type: 'T' }],
  outputs: [{ name: 'Y', type: 'T' }],
  types: { T: FLOATS },
  attributes: {
    epsilon: { type: 'float', default: 1e-5 },
    num_groups: { type: 'int', required: true },
    // Stage-one precision; this kernel always works in float64, which is at least as precise.
    stash_type: { type: 'int', default: 1, since: 21 },
  },
  inferShape: ({ inputs: [x, scale, bias], attrs, version }) => {
    const dims = x?.dims;
    if (dims) {
      if (dims.length < 2) throw new ShapeError(`X ${fmtDims(dims)} must have rank >= 2 (N x C x ...)`);
      const c = dims[1];
      if (typeof c === 'number' && c % attrs.num_groups !== 0) throw new ShapeError(`num_groups ${attrs.num_groups} does not divide the ${c} channels of X ${fmtDims(dims)}`);
      const want = version < 21 ? attrs.num_groups : c;
      for (const [p, what] of [[scale, 'scale'], [bias, 'bias']] as const) {
        const pd = p?.dims;
        if (pd && (pd.length !== 1 || (typeof pd[0] === 'number' && typeof want === 'number' && pd[0] !== want))) {
          throw new ShapeError(`${what} ${fmtDims(pd)} must be [${want ?? '?'}] for X ${fmtDims(dims)} with ${attrs.num_groups} groups`);
        }
      }
    }
    return [{ kind: 'tensor', dtype: x?.dtype, dims }];
  },
  reference: ({ inputs, attrs, version }) => {
    const [x, scaleT, biasT] = inputs as Tensor[];
    const [n, c] = x.dims;
    const groups = attrs.num_groups;
    const perGroup = c / groups;
    const inner = x.size / (n * c);
    const span = perGroup * inner;
    const xs = readValues(x), scale = readValues(scaleT), bias = readValues(biasT);
    const y = floatBuffer(x.type, x.size);
    for (let b = 0; b < n; b++) {
      for (let g = 0; g < groups; g++) {
        const base = (b * groups + g) * span;
        let sum = 0;
        for (let i = 0; i < span; i++) sum += xs[base + i];
        const mean = sum / span;
        let sq = 0;
        for (let i = 0; i < span; i++) { const d = xs[base + i] - mean; sq += d * d; }
        const inv = 1 / Math.sqrt(sq / span + attrs.epsilon);
        for (let k = 0; k < perGroup; k++) {
          const p = version < 21 ? g : g * perGroup + k;
          const a = scale[p] * inv, off = bias[p] - mean * a;
          const start = base + k * inner;
          for (let i = 0; i < inner; i++) y[start + i] = xs[start + i] * a + off;
        }
      }
    }
    return [floatTensor(x.type, x.dims, y)];
  },
});

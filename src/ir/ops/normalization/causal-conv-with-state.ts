/**
 * CausalConvWithState: a stateful causal depthwise 1-D convolution (Mamba, Gated DeltaNet), whose
 * carry state holds the last k - 1 positions for incremental decoding.
 * https://onnx.ai/onnx/operators/onnx__CausalConvWithState.html
 */
import { ShapeError } from '../../errors.js';
import type { Dim } from '../../model.js';
import { readValues, type Tensor } from '../../tensor.js';
import { defineOp } from '../spec.js';
import { floatBuffer, floatTensor, fmtDims } from './util.js';

/** Causal depthwise conv over (batch, channels, length) with a carried (batch, channels, k - 1) state. */
export const CausalConvWithState = defineOp({
  name: 'CausalConvWithState',
  versions: [27],
  doc: 'output[t] = act(bias + sum_j weight[j] * padded[t + j]) where padded = past_state (or zeros) ++ input; present_state = last k - 1 of padded.',
  inputs: [
    { name: 'input', type: 'T' }, { name: 'weight', type: 'T' },
    { name: 'bias', type: 'T', optional: true }, { name: 'past_state', type: 'T', optional: true },
  ],
  outputs: [{ name: 'output', type: 'T' }, { name: 'present_state', type: 'T', optional: true }],
  types: { T: ['float32', 'float16', 'bfloat16'] },
  attributes: { activation: { type: 'string', default: 'none' } },
  inferShape: ({ inputs: [x, w], attrs }) => {
    if (!['none', 'silu', 'swish'].includes(attrs.activation)) throw new ShapeError(`activation must be none, silu or swish, got '${attrs.activation}'`);
    if (x?.dims && x.dims.length !== 3) throw new ShapeError(`input ${fmtDims(x.dims)} must be (batch, channels, length)`);
    if (w?.dims && w.dims.length !== 3) throw new ShapeError(`weight ${fmtDims(w.dims)} must be (channels, 1, k)`);
    const k = w?.dims?.[2];
    const state: Dim[] | undefined = x?.dims ? [x.dims[0], x.dims[1], typeof k === 'number' ? k - 1 : undefined] : undefined;
    return [{ kind: 'tensor', dtype: x?.dtype, dims: x?.dims }, { kind: 'tensor', dtype: x?.dtype, dims: state }];
  },
  reference: ({ inputs, attrs }) => {
    const [x, wT, biasT, pastT] = inputs as [Tensor, Tensor, Tensor | undefined, Tensor | undefined];
    const [batch, channels, len] = x.dims;
    const k = wT.dims[2];
    const carry = k - 1, padded = carry + len;
    const xs = readValues(x), w = readValues(wT);
    const bias = biasT ? readValues(biasT) : undefined;
    const past = pastT ? readValues(pastT) : undefined;
    const silu = attrs.activation !== 'none';
    const y = floatBuffer(x.type, x.size);
    const state = floatBuffer(x.type, batch * channels * carry);
    const line = new Float64Array(padded);
    for (let bc = 0; bc < batch * channels; bc++) {
      const c = bc % channels;
      for (let j = 0; j < carry; j++) line[j] = past ? past[bc * carry + j] : 0;
      for (let t = 0; t < len; t++) line[carry + t] = xs[bc * len + t];
      for (let t = 0; t < len; t++) {
        let acc = bias ? bias[c] : 0;
        for (let j = 0; j < k; j++) acc += w[c * k + j] * line[t + j];
        y[bc * len + t] = silu ? acc / (1 + Math.exp(-acc)) : acc;
      }
      for (let j = 0; j < carry; j++) state[bc * carry + j] = line[len + j];
    }
    return [floatTensor(x.type, x.dims, y), floatTensor(x.type, [batch, channels, carry], state)];
  },
});

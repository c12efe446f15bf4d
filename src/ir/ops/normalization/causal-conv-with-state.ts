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
  inferShape: ({ inputs, attrs }) => {
    if (!['none', 'silu', 'swish'].includes(attrs.activation)) throw new ShapeError(`activation must be none, silu or swish, got '${attrs.activation}'`);
    const x = inputs[0];
    const k = checkConvDims(inputs.map((t) => t?.dims));
    const state: Dim[] | undefined = x?.dims ? [x.dims[0], x.dims[1], typeof k === 'number' ? k - 1 : undefined] : undefined;
    return [{ kind: 'tensor', dtype: x?.dtype, dims: x?.dims }, { kind: 'tensor', dtype: x?.dtype, dims: state }];
  },
  reference: ({ inputs, attrs }) => {
    const [x, wT, biasT, pastT] = inputs as [Tensor, Tensor, Tensor | undefined, Tensor | undefined];
    const k = checkConvDims(inputs.map((t) => (t as Tensor | undefined)?.dims)) as number;
    const [batch, channels, len] = x.dims;
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

/**
 * Checks input (B, C, L), weight (C, 1, k) with k >= 1, bias (C) and past_state (B, C, k - 1), at
 * load (dims may be symbolic or unknown: only numbers are compared) and at run time; returns k.
 * `dims` holds each input's dims, undefined where absent or of unknown rank.
 */
function checkConvDims(dims: readonly (readonly Dim[] | undefined)[]): Dim {
  const [x, w, bias, past] = dims;
  const fail = (why: string): never => {
    throw new ShapeError(`${why}; input ${fmtDims(x)}, weight ${fmtDims(w)}, bias ${bias ? fmtDims(bias) : '-'}, past_state ${past ? fmtDims(past) : '-'}`);
  };
  if (x && x.length !== 3) fail('input must be (batch, channels, length)');
  if (w && w.length !== 3) fail('weight must be (channels, 1, k)');
  const k = w?.[2];
  if (typeof k === 'number' && k < 1) fail('the kernel size k (weight axis 2) must be at least 1');
  const expect = (got: readonly Dim[] | undefined, want: Dim[], what: string) => {
    if (!got) return;
    const differs = (d: Dim, i: number) => typeof d === 'number' && typeof want[i] === 'number' && d !== want[i];
    if (got.length !== want.length || got.some(differs)) fail(`${what} must be ${fmtDims(want)}`);
  };
  const channels = x?.[1];
  expect(w, [channels, 1, k], 'weight');
  expect(bias, [channels], 'bias');
  expect(past, [x?.[0], channels, typeof k === 'number' ? k - 1 : undefined], 'past_state');
  return k;
}

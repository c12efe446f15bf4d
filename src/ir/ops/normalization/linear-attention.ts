/**
 * LinearAttention: recurrent linear attention (linear, gated, delta and gated-delta rules) over a
 * per-head (d_k x d_v) state, with grouped-query heads.
 * https://onnx.ai/onnx/operators/onnx__LinearAttention.html
 */
import { ShapeError } from '../../errors.js';
import type { Dim } from '../../model.js';
import { readValues, type Tensor } from '../../tensor.js';
import { defineOp } from '../spec.js';
import { floatBuffer, floatTensor, fmtDims } from './util.js';

const RULES = ['linear', 'gated', 'delta', 'gated_delta'];
const div = (a: Dim, b: number): Dim => (typeof a === 'number' ? a / b : undefined);

/** Linear attention, run as the sequential recurrence the spec defines. */
export const LinearAttention = defineOp({
  name: 'LinearAttention',
  versions: [27],
  doc: 'Per token: S = decay * S + beta * k (v - decay * S^T k)^T (by update_rule), o = scale * q^T S; inputs packed as (B, T, heads * dim).',
  inputs: [
    { name: 'query', type: 'T' }, { name: 'key', type: 'T' }, { name: 'value', type: 'T' },
    { name: 'past_state', type: 'S', optional: true },
    { name: 'decay', type: 'T', optional: true }, { name: 'beta', type: 'T', optional: true },
  ],
  outputs: [{ name: 'output', type: 'T' }, { name: 'present_state', type: 'S' }],
  types: { T: ['float32', 'float16', 'bfloat16'], S: ['float32', 'float16', 'bfloat16'] },
  attributes: {
    // A tuning hint for chunked GPU kernels; the sequential recurrence here does not need it.
    chunk_size: { type: 'int', default: 64 },
    kv_num_heads: { type: 'int', required: true },
    q_num_heads: { type: 'int', required: true },
    scale: { type: 'float', default: 0.0 },
    update_rule: { type: 'string', default: 'gated_delta' },
  },
  inferShape: ({ inputs: [q, k, v, past], attrs }) => {
    if (!RULES.includes(attrs.update_rule)) throw new ShapeError(`update_rule must be one of ${RULES.join(', ')}, got '${attrs.update_rule}'`);
    if (attrs.q_num_heads % attrs.kv_num_heads !== 0) throw new ShapeError(`q_num_heads ${attrs.q_num_heads} is not a multiple of kv_num_heads ${attrs.kv_num_heads}`);
    for (const [t, what] of [[q, 'query'], [k, 'key'], [v, 'value']] as const) {
      if (t?.dims && t.dims.length !== 3) throw new ShapeError(`${what} ${fmtDims(t.dims)} must be (B, T, heads * dim)`);
    }
    const dv = div(v?.dims?.[2], attrs.kv_num_heads);
    const out: Dim[] | undefined = q?.dims ? [q.dims[0], q.dims[1], typeof dv === 'number' ? dv * attrs.q_num_heads : undefined] : undefined;
    const state: Dim[] | undefined = past?.dims ?? (q?.dims ? [q.dims[0], attrs.kv_num_heads, div(k?.dims?.[2], attrs.kv_num_heads), dv] : undefined);
    return [{ kind: 'tensor', dtype: q?.dtype, dims: out }, { kind: 'tensor', dtype: past?.dtype ?? q?.dtype, dims: state }];
  },
  reference: ({ inputs, attrs }) => {
    const [qT, kT, vT, pastT, decayT, betaT] = inputs as [Tensor, Tensor, Tensor, Tensor?, Tensor?, Tensor?];
    const { q_num_heads: hq, kv_num_heads: hkv, update_rule: rule } = attrs;
    const [batch, steps] = qT.dims;
    const dk = qT.dims[2] / hq, dv = vT.dims[2] / hkv;
    const group = hq / hkv;
    const scale = attrs.scale || 1 / Math.sqrt(dk);
    const gated = rule === 'gated' || rule === 'gated_delta';
    const delta = rule === 'delta' || rule === 'gated_delta';
    if (gated && !decayT) throw new ShapeError(`update_rule '${rule}' needs the decay input`);
    if (delta && !betaT) throw new ShapeError(`update_rule '${rule}' needs the beta input`);
    const q = readValues(qT), k = readValues(kT), v = readValues(vT);
    const decay = decayT ? readValues(decayT) : undefined;
    const beta = betaT ? readValues(betaT) : undefined;
    // Decay is per key dim (B, T, Hkv * dk) or per head (B, T, Hkv); beta per head or shared (B, T, 1).
    const decayPerDim = decayT ? decayT.dims[2] === hkv * dk : false;
    const betaWidth = betaT ? betaT.dims[2] : 0;
    const state = new Float64Array(batch * hkv * dk * dv);
    if (pastT) state.set(readValues(pastT));
    const out = floatBuffer(qT.type, batch * steps * hq * dv);
    const kvRow = new Float64Array(dv);
    for (let b = 0; b < batch; b++) {
      for (let t = 0; t < steps; t++) {
        const bt = b * steps + t;
        for (let g = 0; g < hkv; g++) {
          const S = (b * hkv + g) * dk * dv;
          const kOff = bt * hkv * dk + g * dk, vOff = bt * hkv * dv + g * dv;
          if (gated) {
            for (let i = 0; i < dk; i++) {
              const f = Math.exp(decay![decayPerDim ? bt * hkv * dk + g * dk + i : bt * hkv + g]);
              for (let j = 0; j < dv; j++) state[S + i * dv + j] *= f;
            }
          }
          if (delta) {
            // The delta rule writes only the part of v that the (decayed) state does not already predict.
            const bta = beta![bt * betaWidth + (betaWidth === 1 ? 0 : g)];
            for (let j = 0; j < dv; j++) {
              let pred = 0;
              for (let i = 0; i < dk; i++) pred += state[S + i * dv + j] * k[kOff + i];
              kvRow[j] = bta * (v[vOff + j] - pred);
            }
          } else {
            for (let j = 0; j < dv; j++) kvRow[j] = v[vOff + j];
          }
          for (let i = 0; i < dk; i++) {
            const ki = k[kOff + i];
            for (let j = 0; j < dv; j++) state[S + i * dv + j] += ki * kvRow[j];
          }
          // Query heads g * group .. (g + 1) * group - 1 read this KV head's state.
          for (let h = g * group; h < (g + 1) * group; h++) {
            const qOff = bt * hq * dk + h * dk, oOff = bt * hq * dv + h * dv;
            for (let j = 0; j < dv; j++) {
              let acc = 0;
              for (let i = 0; i < dk; i++) acc += q[qOff + i] * state[S + i * dv + j];
              out[oOff + j] = acc * scale;
            }
          }
        }
      }
    }
    const stateType = pastT?.type ?? qT.type;
    return [floatTensor(qT.type, [batch, steps, hq * dv], out), floatTensor(stateType, [batch, hkv, dk, dv], state)];
  },
});

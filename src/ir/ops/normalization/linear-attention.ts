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
  inferShape: ({ inputs, attrs }) => {
    const [q, , , past] = inputs;
    const { batch, steps, dk, dv } = checkAttentionDims(attrs, inputs.map((t) => (t ? t.dims ?? null : undefined)));
    const out: Dim[] | undefined = q?.dims ? [batch, steps, typeof dv === 'number' ? dv * attrs.q_num_heads : undefined] : undefined;
    // past_state may know a dim the packed inputs leave symbolic (it was checked to agree).
    const state: Dim[] = [batch, attrs.kv_num_heads, dk, dv].map((d, i) => (typeof d === 'number' ? d : past?.dims?.[i] ?? d));
    return [{ kind: 'tensor', dtype: q?.dtype, dims: out }, { kind: 'tensor', dtype: past?.dtype ?? q?.dtype, dims: state }];
  },
  reference: ({ inputs, attrs }) => {
    const [qT, kT, vT, pastT, decayT, betaT] = inputs as [Tensor, Tensor, Tensor, Tensor?, Tensor?, Tensor?];
    const { q_num_heads: hq, kv_num_heads: hkv, update_rule: rule } = attrs;
    const { batch, steps, dk, dv } = checkAttentionDims(attrs, inputs.map((t) => (t as Tensor | undefined)?.dims)) as Record<string, number>;
    const group = hq / hkv;
    const scale = attrs.scale || 1 / Math.sqrt(dk);
    const gated = rule === 'gated' || rule === 'gated_delta';
    const delta = rule === 'delta' || rule === 'gated_delta';
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

type Attrs = { q_num_heads: number; kv_num_heads: number; update_rule: string };

/**
 * Checks the attributes and every input's shape against the spec, at load (dims may be symbolic or
 * unknown: only numbers are compared) and at run time, and returns the problem's dims.
 * `dims` holds each input's dims: undefined where the input is absent, null where its rank is unknown.
 */
function checkAttentionDims(attrs: Attrs, dims: readonly (readonly Dim[] | null | undefined)[]): { batch: Dim; steps: Dim; dk: Dim; dv: Dim } {
  const { q_num_heads: hq, kv_num_heads: hkv, update_rule: rule } = attrs;
  const names = ['query', 'key', 'value', 'past_state', 'decay', 'beta'];
  const fail = (why: string): never => {
    const shapes = names.map((n, i) => `${n} ${dims[i] === undefined ? '-' : fmtDims(dims[i] ?? undefined)}`).join(', ');
    throw new ShapeError(`${why} (q_num_heads ${hq}, kv_num_heads ${hkv}); ${shapes}`);
  };
  if (!RULES.includes(rule)) fail(`update_rule must be one of ${RULES.join(', ')}, got '${rule}'`);
  if (!(hq > 0) || !(hkv > 0) || hq % hkv !== 0) fail('q_num_heads must be a positive multiple of kv_num_heads');
  if ((rule === 'gated' || rule === 'gated_delta') && dims[4] === undefined) fail(`update_rule '${rule}' needs the decay input`);
  if ((rule === 'delta' || rule === 'gated_delta') && dims[5] === undefined) fail(`update_rule '${rule}' needs the beta input`);
  const [q, k, v, past, decay, beta] = dims.map((d) => d ?? undefined);
  for (const [t, i] of [[q, 0], [k, 1], [v, 2], [decay, 4], [beta, 5]] as const) if (t && t.length !== 3) fail(`${names[i]} must have rank 3`);
  if (past && past.length !== 4) fail('past_state must have rank 4');
  const num = (d: Dim): d is number => typeof d === 'number';
  const whole = (d: Dim, heads: number, what: string): Dim => {
    if (num(d) && d % heads !== 0) fail(`${what}'s last dim ${d} does not split into ${heads} heads`);
    return num(d) ? d / heads : undefined;
  };
  const dk = whole(q?.[2], hq, 'query') ?? whole(k?.[2], hkv, 'key');
  const dv = whole(v?.[2], hkv, 'value');
  const first = (i: number) => [q, k, v].map((t) => t?.[i]).find(num) ?? q?.[i];
  const batch = first(0), steps = first(1);
  const fits = (got: readonly Dim[] | undefined, want: Dim[]) => !got || got.every((d, i) => !num(d) || !num(want[i]) || d === want[i]);
  const perKv = (width: Dim) => [batch, steps, width];
  if (!fits(q, perKv(num(dk) ? hq * dk : undefined))) fail('query must be (B, T, q_num_heads * d_k)');
  if (!fits(k, perKv(num(dk) ? hkv * dk : undefined))) fail('key must be (B, T, kv_num_heads * d_k)');
  if (!fits(v, perKv(v?.[2]))) fail('value must be (B, T, kv_num_heads * d_v)');
  if (!fits(past, [batch, hkv, dk, dv])) fail('past_state must be (B, kv_num_heads, d_k, d_v)');
  if (!fits(decay, perKv(hkv)) && !fits(decay, perKv(num(dk) ? hkv * dk : undefined))) fail('decay must be (B, T, kv_num_heads * d_k) or (B, T, kv_num_heads)');
  if (!fits(beta, perKv(hkv)) && !fits(beta, perKv(1))) fail('beta must be (B, T, kv_num_heads) or (B, T, 1)');
  return { batch, steps, dk, dv };
}

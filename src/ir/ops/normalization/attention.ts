/**
 * Attention: scaled dot-product attention with optional mask, causal masking, softcap, KV cache,
 * grouped-query heads and padded KV sequences.
 * https://onnx.ai/onnx/operators/onnx__Attention.html
 *
 * Inputs are 4-D (batch, heads, seq, head_size) or 3-D (batch, seq, heads * head_size) with the
 * head counts given by attributes. Opset 24 added `nonpad_kv_seqlen`.
 */
import { ShapeError } from '../../errors.js';
import type { Dim } from '../../model.js';
import { readNumbers, readValues, type Tensor } from '../../tensor.js';
import { FLOATS, NUMERIC } from '../common/types.js';
import { defineOp, type InferInput } from '../spec.js';
import { softmaxLine } from './softmax.js';
import { floatTensor, fmtDims } from './util.js';

const attributes = {
  is_causal: { type: 'int', default: 0 },
  kv_num_heads: { type: 'int' },
  q_num_heads: { type: 'int' },
  qk_matmul_output_mode: { type: 'int', default: 0 },
  scale: { type: 'float' },
  softcap: { type: 'float', default: 0.0 },
  // Softmax precision; this kernel always works in float64, which is at least as precise.
  softmax_precision: { type: 'int' },
} as const;

/** A 4-D view (batch, heads, seq, size) of a 3-D or 4-D attention input, as float64 values. */
interface Heads { data: Float64Array; b: number; h: number; s: number; d: number }

/** Rearranges a (batch, seq, heads * size) input to (batch, heads, seq, size); 4-D inputs are copied as they are. */
function toHeads(t: Tensor, heads: number | undefined, what: string): Heads {
  const src = readValues(t);
  if (t.dims.length === 4) {
    const [b, h, s, d] = t.dims;
    return { data: Float64Array.from(src), b, h, s, d };
  }
  if (!heads) throw new ShapeError(`${what} ${fmtDims(t.dims)} is 3-D, so q_num_heads and kv_num_heads are required`);
  const [b, s, hidden] = t.dims;
  const d = hidden / heads;
  const data = new Float64Array(t.size);
  for (let bi = 0; bi < b; bi++) {
    for (let si = 0; si < s; si++) {
      for (let hi = 0; hi < heads; hi++) {
        const from = (bi * s + si) * hidden + hi * d, to = ((bi * heads + hi) * s + si) * d;
        for (let k = 0; k < d; k++) data[to + k] = src[from + k];
      }
    }
  }
  return { data, b, h: heads, s, d };
}

/** `past` and `cur` joined along the sequence axis (the KV cache update). */
function concatSeq(past: Heads | undefined, cur: Heads): Heads {
  if (!past) return cur;
  const { b, h, d } = cur;
  const s = past.s + cur.s;
  const data = new Float64Array(b * h * s * d);
  for (let bh = 0; bh < b * h; bh++) {
    data.set(past.data.subarray(bh * past.s * d, (bh + 1) * past.s * d), bh * s * d);
    data.set(cur.data.subarray(bh * cur.s * d, (bh + 1) * cur.s * d), (bh * s + past.s) * d);
  }
  return { data, b, h, s, d };
}

/** Static dims of a 3-D/4-D input as (batch, heads, seq, size); undefined entries where unknown. */
function headDims(x: InferInput | undefined, heads: number | undefined): [Dim, Dim, Dim, Dim] | undefined {
  const d = x?.dims;
  if (!d) return undefined;
  if (d.length === 4) return [d[0], d[1], d[2], d[3]];
  if (d.length !== 3) throw new ShapeError(`attention inputs must be 3-D or 4-D, got ${fmtDims(d)}`);
  const size = typeof d[2] === 'number' && heads ? d[2] / heads : undefined;
  return [d[0], heads, d[1], size];
}

const add = (a: Dim, b: Dim): Dim => (typeof a === 'number' && typeof b === 'number' ? a + b : undefined);

/** Scaled dot-product attention. */
export const Attention = defineOp({
  name: 'Attention',
  versions: [23, 24],
  doc: 'Y = softmax(softcap(Q K^T * scale) + mask) V over heads, with optional causal mask, KV cache and grouped-query heads.',
  inputs: [
    { name: 'Q', type: 'T1' }, { name: 'K', type: 'T1' }, { name: 'V', type: 'T2' },
    { name: 'attn_mask', type: 'U', optional: true },
    { name: 'past_key', type: 'T1', optional: true }, { name: 'past_value', type: 'T2', optional: true },
    { name: 'nonpad_kv_seqlen', type: 'tensor(int64)', optional: true },
  ],
  outputs: [
    { name: 'Y', type: 'T1' },
    { name: 'present_key', type: 'T1', optional: true }, { name: 'present_value', type: 'T2', optional: true },
    { name: 'qk_matmul_output', type: 'T1', optional: true },
  ],
  types: { T1: FLOATS, T2: FLOATS, U: [...NUMERIC, 'bool'] },
  attributes,
  inferShape: ({ inputs: [q, k, v, , pastK], attrs, outputCount }) => {
    if (q?.dims && k?.dims && v?.dims && !(q.dims.length === k.dims.length && k.dims.length === v.dims.length)) {
      throw new ShapeError(`Q ${fmtDims(q.dims)}, K ${fmtDims(k.dims)} and V ${fmtDims(v.dims)} must all be 3-D or all 4-D`);
    }
    const qd = headDims(q, attrs.q_num_heads), kd = headDims(k, attrs.kv_num_heads), vd = headDims(v, attrs.kv_num_heads);
    const total = pastK?.dims && kd ? add(pastK.dims[2], kd[2]) : pastK ? undefined : kd?.[2];
    let y: Dim[] | undefined;
    if (q?.dims && qd && vd) {
      y = q.dims.length === 4 ? [qd[0], qd[1], qd[2], vd[3]]
        : [qd[0], qd[2], typeof qd[1] === 'number' && typeof vd[3] === 'number' ? qd[1] * vd[3] : undefined];
    }
    const dtype = q?.dtype;
    const out = [
      { kind: 'tensor' as const, dtype, dims: y },
      { kind: 'tensor' as const, dtype: k?.dtype, dims: kd ? [kd[0], kd[1], total, kd[3]] : undefined },
      { kind: 'tensor' as const, dtype: v?.dtype, dims: vd ? [vd[0], vd[1], total, vd[3]] : undefined },
      { kind: 'tensor' as const, dtype, dims: qd ? [qd[0], qd[1], qd[2], total] : undefined },
    ];
    return out.slice(0, Math.max(1, outputCount));
  },
  reference: ({ inputs, attrs, outputCount }) => {
    const [qT, kT, vT, maskT, pastKT, pastVT, nonpadT] = inputs as [Tensor, Tensor, Tensor, Tensor?, Tensor?, Tensor?, Tensor?];
    const is3d = qT.dims.length === 3;
    const q = toHeads(qT, attrs.q_num_heads, 'Q');
    const key = concatSeq(pastKT ? toHeads(pastKT, undefined, 'past_key') : undefined, toHeads(kT, attrs.kv_num_heads, 'K'));
    const val = concatSeq(pastVT ? toHeads(pastVT, undefined, 'past_value') : undefined, toHeads(vT, attrs.kv_num_heads, 'V'));
    const { b: batch, h: qHeads, s: qLen, d: headSize } = q;
    const kvHeads = key.h, total = key.s, vSize = val.d;
    if (qHeads % kvHeads !== 0) throw new ShapeError(`q_num_heads ${qHeads} is not a multiple of kv_num_heads ${kvHeads}`);
    const group = qHeads / kvHeads;
    const scale = attrs.scale ?? 1 / Math.sqrt(headSize);
    const { softcap, qk_matmul_output_mode: mode } = attrs;
    const pastLen = pastKT ? pastKT.dims[2] : 0;

    // The mask broadcasts to (batch, q_heads, q_len, total); a shorter last dim is padded with -inf.
    // readNumbers, not readValues: integer masks (int64 included) are added as numbers.
    const mask = maskT ? readNumbers(maskT) : undefined;
    const maskBool = maskT?.type === 'bool';
    const md = maskT ? [...new Array(4 - maskT.dims.length).fill(1), ...maskT.dims] : [1, 1, 1, 1];
    const mStride = [md[1] * md[2] * md[3], md[2] * md[3], md[3], 1].map((s, i) => (md[i] === 1 ? 0 : s));
    const maskLen = md[3];
    const nonpad = nonpadT ? readNumbers(nonpadT) : undefined;

    const y = new Float64Array(batch * qHeads * qLen * vSize);
    const qk = outputCount > 3 ? new Float64Array(batch * qHeads * qLen * total) : undefined;
    const row = new Float64Array(total);
    const probs = new Float64Array(total);
    for (let b = 0; b < batch; b++) {
      for (let h = 0; h < qHeads; h++) {
        // Grouped-query attention: consecutive query heads share one KV head.
        const kvh = Math.floor(h / group);
        const kBase = (b * kvHeads + kvh) * total * headSize;
        const vBase = (b * kvHeads + kvh) * total * vSize;
        for (let i = 0; i < qLen; i++) {
          const qBase = ((b * qHeads + h) * qLen + i) * headSize;
          for (let t = 0; t < total; t++) {
            let dot = 0;
            const kt = kBase + t * headSize;
            for (let k = 0; k < headSize; k++) dot += q.data[qBase + k] * key.data[kt + k];
            row[t] = dot * scale;
          }
          const qkRow = qk ? ((b * qHeads + h) * qLen + i) * total : 0;
          if (qk && mode === 0) qk.set(row, qkRow);
          if (softcap > 0) for (let t = 0; t < total; t++) row[t] = softcap * Math.tanh(row[t] / softcap);
          if (qk && mode === 1) qk.set(row, qkRow);
          const mBase = b * mStride[0] + h * mStride[1] + i * mStride[2];
          for (let t = 0; t < total; t++) {
            let bias = 0;
            if (mask) {
              if (t >= maskLen) bias = -Infinity;
              else {
                const m = mask[mBase + t * mStride[3]];
                bias = maskBool ? (m ? 0 : -Infinity) : m;
              }
            }
            // Causal masking aligns the query with the end of the past: query i sees keys up to pastLen + i.
            if (attrs.is_causal && t > pastLen + i) bias = -Infinity;
            if (nonpad && t >= nonpad[b]) bias = -Infinity;
            row[t] += bias;
          }
          if (qk && mode === 2) qk.set(row, qkRow);
          softmaxLine(row, probs, 0, total, 1);
          if (qk && mode === 3) qk.set(probs, qkRow);
          const yBase = ((b * qHeads + h) * qLen + i) * vSize;
          for (let t = 0; t < total; t++) {
            const p = probs[t];
            const vt = vBase + t * vSize;
            for (let k = 0; k < vSize; k++) y[yBase + k] += p * val.data[vt + k];
          }
        }
      }
    }

    let yOut = y;
    let yDims = [batch, qHeads, qLen, vSize];
    if (is3d) {
      yOut = new Float64Array(y.length);
      for (let b = 0; b < batch; b++) for (let h = 0; h < qHeads; h++) for (let i = 0; i < qLen; i++) {
        const from = ((b * qHeads + h) * qLen + i) * vSize, to = ((b * qLen + i) * qHeads + h) * vSize;
        for (let k = 0; k < vSize; k++) yOut[to + k] = y[from + k];
      }
      yDims = [batch, qLen, qHeads * vSize];
    }
    const outputs = [floatTensor(qT.type, yDims, yOut)];
    if (outputCount > 1) outputs.push(floatTensor(kT.type, [batch, kvHeads, total, headSize], key.data));
    if (outputCount > 2) outputs.push(floatTensor(vT.type, [batch, kvHeads, total, vSize], val.data));
    if (qk) outputs.push(floatTensor(qT.type, [batch, qHeads, qLen, total], qk));
    return outputs;
  },
});

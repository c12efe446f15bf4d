/**
 * FlexAttention (ai.onnx.preview, opset 1): scaled dot-product attention over rank-4 inputs whose
 * scores and probabilities can be rewritten by user subgraphs, after PyTorch's flex_attention.
 * https://onnx.ai/onnx/operators/onnx_aionnxpreview_FlexAttention.html
 *
 * ```
 * Scores = (Q @ K^T) * scale;   Scores = score_mod(Scores)   (when given)
 * Probs  = Softmax(Scores, -1); Probs  = prob_mod(Probs)     (when given)
 * Y      = Probs @ V
 * ```
 * Grouped-query attention: query head h reads K/V head floor(h / (Hq / Hkv)).
 */
import { dtypeFromOnnx, type DType } from '../../dtype.js';
import { ShapeError, TypeConstraintError } from '../../errors.js';
import type { Dim, Graph, ValueType } from '../../model.js';
import { readValues, Tensor } from '../../tensor.js';
import { FLOATS } from '../common/types.js';
import { softmaxLine } from '../normalization/softmax.js';
import { floatTensor, fmtDims } from '../normalization/util.js';
import { defineOp, type InferInput, type Value } from '../spec.js';

/** The domain of ONNX's experimental ops. */
export const PREVIEW_DOMAIN = 'ai.onnx.preview';

/**
 * The element type the scores and probabilities have (and the modifier subgraphs see): the
 * `softmax_precision` data type when given, else float64 for float64 inputs and float32 otherwise
 * (float16 and bfloat16 inputs are softmaxed in float32, as the spec says).
 */
export function flexPrecision(inputType: DType | undefined, softmaxPrecision: number | undefined): DType | undefined {
  if (softmaxPrecision !== undefined) {
    const t = dtypeFromOnnx(softmaxPrecision);
    if (!t || !FLOATS.includes(t)) {
      throw new TypeConstraintError(`FlexAttention: softmax_precision ${softmaxPrecision} is not a float data type (${FLOATS.join(', ')})`);
    }
    return t;
  }
  if (inputType === undefined) return undefined;
  return inputType === 'float64' ? 'float64' : 'float32';
}

/** Static checks on the Q/K/V dims shared by shape inference and the kernel; returns (B, Hq, L, S). */
function checkDims(q: readonly Dim[], k: readonly Dim[], v: readonly Dim[]): [Dim, Dim, Dim, Dim] {
  for (const [what, d] of [['Q', q], ['K', k], ['V', v]] as const) {
    if (d.length !== 4) throw new ShapeError(`FlexAttention: ${what} must be rank 4 (batch, heads, seq, size), got ${fmtDims(d)}`);
  }
  const clash = (a: Dim, b: Dim) => typeof a === 'number' && typeof b === 'number' && a !== b;
  if (clash(q[0], k[0]) || clash(q[0], v[0])) throw new ShapeError(`FlexAttention: batch sizes differ: Q ${fmtDims(q)}, K ${fmtDims(k)}, V ${fmtDims(v)}`);
  if (clash(k[1], v[1]) || clash(k[2], v[2])) throw new ShapeError(`FlexAttention: K ${fmtDims(k)} and V ${fmtDims(v)} must agree on heads and sequence length`);
  if (clash(q[3], k[3])) throw new ShapeError(`FlexAttention: Q ${fmtDims(q)} and K ${fmtDims(k)} must have the same head_size`);
  if (typeof q[1] === 'number' && typeof k[1] === 'number' && q[1] % k[1] !== 0) {
    throw new ShapeError(`FlexAttention: q_num_heads ${q[1]} is not a multiple of kv_num_heads ${k[1]}`);
  }
  return [q[0], q[1], q[2], k[2]];
}

/** Checks a modifier's declared or inferred result against the (B, Hq, L, S) tensor it was given. */
function checkModifierType(name: string, out: ValueType | undefined, dtype: DType | undefined, dims: readonly Dim[]): void {
  if (!out) return;
  if (out.kind !== 'tensor') throw new TypeConstraintError(`FlexAttention: ${name} must return a tensor, not a ${out.kind}`);
  if (out.dtype && dtype && out.dtype !== dtype) {
    throw new TypeConstraintError(`FlexAttention: ${name} must return ${dtype} (the softmax precision), got ${out.dtype}`);
  }
  if (out.dims && out.dims.length !== 4) throw new ShapeError(`FlexAttention: ${name} must return a rank-4 tensor like its input ${fmtDims(dims)}, got ${fmtDims(out.dims)}`);
}

/** Runs a modifier subgraph on a (B, Hq, L, S) tensor and checks that it kept the shape. */
async function applyModifier(name: string, graph: Graph, x: Tensor, runGraph: (g: Graph, inputs: Value[]) => Promise<Value[]>): Promise<Tensor> {
  if (graph.inputs.length !== 1 || graph.outputs.length !== 1) {
    throw new ShapeError(`FlexAttention: ${name} must have exactly one input and one output, has ${graph.inputs.length} and ${graph.outputs.length}`);
  }
  const [out] = await runGraph(graph, [x]);
  if (!(out instanceof Tensor)) throw new TypeConstraintError(`FlexAttention: ${name} must return a tensor`);
  if (out.dims.length !== 4 || out.dims.some((d, i) => d !== x.dims[i])) {
    throw new ShapeError(`FlexAttention: ${name} must preserve its input's shape ${fmtDims(x.dims)}, returned ${fmtDims(out.dims)}`);
  }
  return out;
}

/** FlexAttention: attention with optional score and probability modifier subgraphs. */
export const FlexAttention = defineOp({
  name: 'FlexAttention',
  domain: PREVIEW_DOMAIN,
  // Experimental ops keep no version history; the ai.onnx.preview opset 1 holds this one.
  versions: [1],
  doc: 'Y = prob_mod(softmax(score_mod(Q K^T * scale))) V over rank-4 heads, with grouped-query K/V heads.',
  inputs: [{ name: 'Q', type: 'T1' }, { name: 'K', type: 'T1' }, { name: 'V', type: 'T1' }],
  outputs: [{ name: 'Y', type: 'T1' }],
  types: { T1: FLOATS },
  attributes: {
    prob_mod: { type: 'graph' },
    scale: { type: 'float' },
    score_mod: { type: 'graph' },
    softmax_precision: { type: 'int' },
  },
  inferShape: ({ inputs: [q, k, v], attrs, inferSubgraph }) => {
    const dtype = q?.dtype ?? k?.dtype ?? v?.dtype;
    const precision = flexPrecision(dtype, attrs.softmax_precision);
    const known = (x: InferInput | undefined) => x?.dims;
    const qd = known(q), kd = known(k), vd = known(v);
    const scoreDims: Dim[] = qd && kd && vd ? checkDims(qd, kd, vd) : [qd?.[0], qd?.[1], qd?.[2], kd?.[2]];
    // The modifiers' own inference catches a subgraph that cannot take the scores at all.
    const scoresType: ValueType = { kind: 'tensor', dtype: precision, dims: scoreDims };
    if (attrs.score_mod) checkModifierType('score_mod', inferSubgraph(attrs.score_mod, [scoresType])[0], precision, scoreDims);
    if (attrs.prob_mod) checkModifierType('prob_mod', inferSubgraph(attrs.prob_mod, [scoresType])[0], precision, scoreDims);
    const dims = qd && vd ? [qd[0], qd[1], qd[2], vd[3]] : undefined;
    return [{ kind: 'tensor', dtype, dims }];
  },
  reference: async ({ inputs, attrs, runGraph }) => {
    const [qT, kT, vT] = inputs as [Tensor, Tensor, Tensor];
    const [batch, qHeads, qLen, kvLen] = checkDims(qT.dims, kT.dims, vT.dims) as number[];
    const kvHeads = kT.dims[1], headSize = qT.dims[3], vSize = vT.dims[3];
    const group = qHeads / kvHeads;
    const precision = flexPrecision(qT.type, attrs.softmax_precision)!;
    const scale = attrs.scale ?? 1 / Math.sqrt(headSize);
    const q = readValues(qT), k = readValues(kT), v = readValues(vT);
    const scoreDims = [batch, qHeads, qLen, kvLen];

    // Scores in float64, then stored in the softmax precision: that is the tensor score_mod sees.
    const raw = new Float64Array(batch * qHeads * qLen * kvLen);
    for (let b = 0; b < batch; b++) {
      for (let h = 0; h < qHeads; h++) {
        const kBase = (b * kvHeads + Math.floor(h / group)) * kvLen * headSize;
        for (let i = 0; i < qLen; i++) {
          const qBase = ((b * qHeads + h) * qLen + i) * headSize;
          const row = ((b * qHeads + h) * qLen + i) * kvLen;
          for (let t = 0; t < kvLen; t++) {
            let dot = 0;
            for (let e = 0; e < headSize; e++) dot += q[qBase + e] * k[kBase + t * headSize + e];
            raw[row + t] = dot * scale;
          }
        }
      }
    }
    let scores = Tensor.fromValues(precision, scoreDims, raw);
    if (attrs.score_mod) scores = await applyModifier('score_mod', attrs.score_mod, scores, runGraph);

    const s = readValues(scores);
    const p = new Float64Array(s.length);
    for (let row = 0; row < s.length; row += kvLen) softmaxLine(s, p, row, kvLen, 1);
    let probs = Tensor.fromValues(precision, scoreDims, p);
    if (attrs.prob_mod) probs = await applyModifier('prob_mod', attrs.prob_mod, probs, runGraph);

    const pr = readValues(probs);
    const y = new Float64Array(batch * qHeads * qLen * vSize);
    for (let b = 0; b < batch; b++) {
      for (let h = 0; h < qHeads; h++) {
        const vBase = (b * kvHeads + Math.floor(h / group)) * kvLen * vSize;
        for (let i = 0; i < qLen; i++) {
          const row = ((b * qHeads + h) * qLen + i) * kvLen;
          const yBase = ((b * qHeads + h) * qLen + i) * vSize;
          for (let t = 0; t < kvLen; t++) {
            const w = pr[row + t];
            for (let e = 0; e < vSize; e++) y[yBase + e] += w * v[vBase + t * vSize + e];
          }
        }
      }
    }
    return [floatTensor(qT.type, [batch, qHeads, qLen, vSize], y)];
  },
});

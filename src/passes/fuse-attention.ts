/**
 * Attention fusion. Matches scaled dot-product attention as exported transformer graphs write it
 * once the heads are split:
 *
 *   S = MatMul(Q', K)  with Q' = Q, or Q scaled by a constant scalar (Mul/Div)
 *   S' = S scaled by constant scalars (Mul/Div, any number), then optionally Add(S', mask)
 *   Y = MatMul(Softmax(S', axis = last), V)
 *
 * and replaces it with one com.onnx-ts FusedAttention(Q, K, V, mask) whose `scale` is the product
 * of the scalar factors. Safe because scaling Q by c scales Q·K by c (matrix products are linear),
 * the softmax must normalize the last axis, the fused op adds the mask with Add's broadcasting (and
 * where shapes are known the mask must not grow the scores), and every intermediate must be read
 * only inside the pattern.
 */
import type { Dim, Graph, Model, Node } from '../ir/model.js';
import { absorbHeadSplit, absorbPackedSlices } from './attention-heads.js';
import { FLOATS } from '../ir/ops/common/types.js';
import { FUSED_DOMAIN } from '../ir/ops/fused/index.js';
import { attrInt, broadcastsInto, constantOf, consumers, eachGraph, producers, removeNode, scalarOf, soleConsumer, typeOf, useFusedDomain } from './graph-utils.js';

export const fuseAttention = (model: Model): number => eachGraph(model, (g) => {
  let fused = 0;
  const opset = model.opsets.get('') ?? 0;
  for (const sm of [...g.nodes]) {
    if (sm.op !== 'Softmax' || sm.domain !== '' || !g.nodes.includes(sm)) continue;
    if (fuseAt(g, sm, opset)) { fused++; useFusedDomain(model); }
  }
  for (const fa of [...g.nodes]) {
    if (fa.op !== 'FusedAttention' || fa.domain !== FUSED_DOMAIN) continue;
    if (!attrInt(fa, 'num_heads', 0) ? absorbHeadSplit(g, fa) : absorbPackedSlices(g, fa)) fused++;
  }
  return fused;
});

/** The scale a Mul/Div-by-constant-scalar node applies to `value`, if it is one. */
function scaleOf(g: Graph, n: Node, value: string): number | undefined {
  if (n.domain !== '') return undefined;
  if (n.op === 'Mul') return scalarOf(g, n.inputs[0] === value ? n.inputs[1] : n.inputs[0]);
  if (n.op === 'Div' && n.inputs[0] === value) {
    const c = scalarOf(g, n.inputs[1]);
    return c ? 1 / c : undefined;
  }
  return undefined;
}

function fuseAt(g: Graph, sm: Node, opset: number): boolean {
  const uses = consumers(g);
  const made = producers(g);
  const scores = typeOf(g, sm.inputs[0]).dims;
  const dtype = typeOf(g, sm.inputs[0]).dtype;
  if (!scores || scores.length < 2 || !dtype || !FLOATS.includes(dtype)) return false;
  const axis = attrInt(sm, 'axis', opset >= 13 ? -1 : 1);
  if (axis !== -1 && axis !== scores.length - 1) return false;
  const mm2 = soleConsumer(g, uses, sm.outputs[0]);
  if (!mm2 || mm2.op !== 'MatMul' || mm2.domain !== '' || mm2.inputs[0] !== sm.outputs[0]) return false;
  const pattern: Node[] = [sm, mm2];
  let scale = 1;
  let mask: string | undefined;
  let cur = sm.inputs[0];
  // Walk back from the softmax input: an optional mask Add, then scalar scalings, then the MatMul.
  // `reader` is the pattern node that reads `cur`; each step checks that it is the only reader.
  let reader: Node = sm;
  let n = made.get(cur);
  if (n && n.op === 'Add' && n.domain === '' && soleConsumer(g, uses, cur) === reader) {
    const add = n;
    const side = [0, 1].find((i) => { const p = made.get(add.inputs[i]); return !!p && (p.op === 'MatMul' || scaleOf(g, p, chainInput(g, p)) !== undefined); });
    if (side === undefined) return false;
    mask = add.inputs[1 - side];
    if (!maskFits(g, mask, scores) || typeOf(g, mask).dtype !== dtype) return false;
    pattern.push(add);
    reader = add;
    cur = add.inputs[side];
    n = made.get(cur);
  }
  while (n && n.op !== 'MatMul') {
    const input = chainInput(g, n);
    const s = scaleOf(g, n, input);
    if (soleConsumer(g, uses, cur) !== reader || s === undefined) return false;
    scale *= s;
    pattern.push(n);
    reader = n;
    cur = input;
    n = made.get(cur);
  }
  if (!n || n.domain !== '' || soleConsumer(g, uses, cur) !== reader) return false;
  const mm1 = n;
  pattern.push(mm1);
  let q = mm1.inputs[0];
  const qScale = made.get(q);
  if (qScale && soleConsumer(g, uses, q) === mm1) {
    const src = chainInput(g, qScale);
    const s = scaleOf(g, qScale, src);
    if (s !== undefined) { scale *= s; pattern.push(qScale); q = src; }
  }
  const [k, v] = [mm1.inputs[1], mm2.inputs[1]];
  for (const p of pattern) if (p !== mm2) removeNode(g, p);
  Object.assign(mm2, {
    op: 'FusedAttention', domain: FUSED_DOMAIN, inputs: mask ? [q, k, v, mask] : [q, k, v],
    attributes: new Map([['scale', { name: 'scale', type: 'float', value: scale }]]),
  });
  return true;
}

/** The non-constant operand of a binary node (the one a scaling applies to). */
function chainInput(g: Graph, n: Node): string {
  return n.inputs.find((i) => !constantOf(g, i)) ?? n.inputs[0];
}

/**
 * The mask broadcasts to the scores' dims without changing them, where shape inference knows both.
 * Where it does not (dynamic models), the fusion still keeps the graph's meaning: FusedAttention
 * adds the mask with Add's broadcasting, exactly as the replaced Add did.
 */
function maskFits(g: Graph, mask: string, scores: Dim[]): boolean {
  const m = typeOf(g, mask).dims;
  if (!m) return true;
  if (m.length > scores.length) return false;
  const known = (d: Dim[]) => d.every((x) => x !== undefined);
  return known(m) && known(scores) ? broadcastsInto(m, scores) : true;
}

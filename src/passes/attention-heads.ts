/**
 * The second step of attention fusion: a heads-first FusedAttention whose Q, K and V come from
 * sequence-first projections split into heads by Reshape + Transpose (and, for self-attention,
 * cut out of one packed QKV projection by three Slices), and whose output is transposed back and
 * reshaped, as torch.nn.MultiheadAttention exports it:
 *
 *   X [S, B, 3E] → Slice (last axis: [0,E), [E,2E), [2E,3E)) → Reshape [S, B·H, D]
 *     → Transpose perm [1,0,2] (Q, V) or [1,2,0] (K) → FusedAttention → Transpose [1,0,2] → Reshape …
 *
 * becomes FusedAttention(X, '', '', mask) with num_heads = H (or FusedAttention(Q, K, V, mask) when
 * the projections are separate), whose output [S_q, B, H·Dv] the trailing Reshapes read in place
 * of the transposed [S_q, B·H, Dv] (same elements in the same order). The rewrite is the spec's
 * num_heads definition read backwards, so it needs static shapes to check each step.
 */
import type { Graph, Node } from '../ir/model.js';
import { attrInts, consumers, constantOf, producers, removeNode, soleConsumer, staticDims } from './graph-utils.js';

/** One operand's split into heads: the sequence-first source, the nodes to remove, the head count. */
interface Split { source: string; nodes: Node[]; heads: number }

/** Rewrites `fa` as described above; false (nothing changed) where any step does not match. */
export function absorbHeadSplit(g: Graph, fa: Node): boolean {
  const uses = consumers(g), made = producers(g);
  const [qIn, kIn, vIn, mask] = fa.inputs;
  const q = splitOf(g, uses, made, fa, qIn, [1, 0, 2]);
  const k = splitOf(g, uses, made, fa, kIn, [1, 2, 0]);
  const v = splitOf(g, uses, made, fa, vIn, [1, 0, 2]);
  if (!q || !k || !v || q.heads !== k.heads || q.heads !== v.heads) return false;
  const out = outputMerge(g, uses, fa);
  if (!out) return false;
  const packed = packedSource(g, uses, made, [q.source, k.source, v.source]);
  for (const n of [...q.nodes, ...k.nodes, ...v.nodes, out.transpose, ...(packed?.slices ?? [])]) removeNode(g, n);
  for (const r of out.readers) r.inputs[0] = fa.outputs[0];
  fa.inputs = packed ? [packed.source, '', '', ...(mask ? [mask] : [])] : [q.source, k.source, v.source, ...(mask ? [mask] : [])];
  fa.attributes.set('num_heads', { name: 'num_heads', type: 'int', value: q.heads });
  return true;
}

/** `input` = Transpose(perm)(Reshape(source [S, B, E] → [S, B·H, E/H])), each read only on this path. */
function splitOf(g: Graph, uses: Map<string, Node[]>, made: Map<string, Node>, fa: Node, input: string | undefined, perm: number[]): Split | undefined {
  if (!input || soleConsumer(g, uses, input) !== fa) return undefined;
  const t = made.get(input);
  if (!t || t.op !== 'Transpose' || t.domain !== '' || attrInts(t, 'perm')?.join() !== perm.join()) return undefined;
  const r = made.get(t.inputs[0]);
  if (!r || r.op !== 'Reshape' || r.domain !== '' || soleConsumer(g, uses, r.outputs[0]) !== t) return undefined;
  const from = staticDims(g, r.inputs[0]), to = staticDims(g, r.outputs[0]);
  if (!from || !to || from.length !== 3 || to.length !== 3) return undefined;
  const [S, B, E] = from;
  const heads = to[1] / B;
  if (to[0] !== S || !Number.isInteger(heads) || heads < 1 || to[2] * heads !== E) return undefined;
  return { source: r.inputs[0], nodes: [t, r], heads };
}

/** fa's output is read by one Transpose [1,0,2] whose readers are all Reshapes to a constant shape without 0s. */
function outputMerge(g: Graph, uses: Map<string, Node[]>, fa: Node): { transpose: Node; readers: Node[] } | undefined {
  const t = soleConsumer(g, uses, fa.outputs[0]);
  if (!t || t.op !== 'Transpose' || t.domain !== '' || attrInts(t, 'perm')?.join() !== '1,0,2') return undefined;
  const readers = uses.get(t.outputs[0]) ?? [];
  if (!readers.length || g.outputs.some((o) => o.name === t.outputs[0])) return undefined;
  const reshapeOk = (r: Node) => {
    if (r.op !== 'Reshape' || r.domain !== '' || r.inputs[0] !== t.outputs[0] || r.inputs[1] === t.outputs[0]) return false;
    const shape = constantOf(g, r.inputs[1]);
    return !!shape && Array.from(shape.data as BigInt64Array, Number).every((d) => d !== 0);
  };
  return readers.every(reshapeOk) ? { transpose: t, readers } : undefined;
}

/**
 * Q, K and V as the three thirds of one [S, B, 3E] tensor along its last axis (Slices with
 * constant bounds, step 1, each read only by its head split).
 */
function packedSource(g: Graph, uses: Map<string, Node[]>, made: Map<string, Node>, parts: string[]): { source: string; slices: Node[] } | undefined {
  const slices = parts.map((p) => made.get(p));
  if (slices.some((s) => !s || s.op !== 'Slice' || s.domain !== '' || s.inputs.length < 3 || (uses.get(s.outputs[0])?.length ?? 0) !== 1)) return undefined;
  const source = slices[0]!.inputs[0];
  const dims = staticDims(g, source);
  if (!dims || dims.length !== 3 || dims[2] % 3 !== 0 || slices.some((s) => s!.inputs[0] !== source)) return undefined;
  const E = dims[2] / 3;
  const one = (name: string | undefined) => {
    const c = name ? constantOf(g, name) : undefined;
    return c && c.size === 1 ? Number((c.data as ArrayLike<number | bigint>)[0]) : undefined;
  };
  const ok = slices.every((s, i) => {
    const [, starts, ends, axes, steps] = s!.inputs;
    const axis = axes ? one(axes) : undefined;
    const step = steps ? one(steps) : 1;
    const end = one(ends);
    return one(starts) === i * E && end !== undefined && (i < 2 ? end === (i + 1) * E : end >= 3 * E)
      && (axis === -1 || axis === 2) && step === 1;
  });
  return ok ? { source, slices: slices as Node[] } : undefined;
}

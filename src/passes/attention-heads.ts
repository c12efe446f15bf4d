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
 * num_heads definition read backwards, so it checks each step on the inferred dims: numbers, or
 * with dynamic axes symbols (S = 'seq', B·H = '4*batch'; equal names are equal sizes).
 *
 * Where the trailing readers are not Reshapes to constant shapes (dynamic exports compute them),
 * the output Transpose becomes a Reshape of the fused output to [S_q, B·H, Dv] instead, taking the
 * shape Q's split computed (Q's dims are the output's when Dq = Dv, so that shape, 0s and -1
 * included, gives the same dims), and the readers are left as they are.
 */
import type { Graph, Node } from '../ir/model.js';
import { mulDims } from '../ir/ops/common/dim-values.js';
import { attrInts, consumers, constantOf, isGraphOutput, producers, removeNode, soleConsumer, typeOf } from './graph-utils.js';

/**
 * One operand's split into heads: the sequence-first source, the nodes to remove, the head count,
 * the head size, and the split's Reshape (whose shape input the output re-split may reuse); the
 * Reshape is among `nodes` unless Shape nodes read it too.
 */
interface Split { source: string; nodes: Node[]; heads: number; headSize: number; reshape: Node }

/** Rewrites `fa` as described above; false (nothing changed) where any step does not match. */
export function absorbHeadSplit(g: Graph, fa: Node): boolean {
  const uses = consumers(g), made = producers(g);
  const [qIn, kIn, vIn, mask] = fa.inputs;
  const q = splitOf(g, uses, made, fa, qIn, [1, 0, 2]);
  const k = splitOf(g, uses, made, fa, kIn, [1, 2, 0]);
  const v = splitOf(g, uses, made, fa, vIn, [1, 0, 2]);
  if (!q || !k || !v || q.heads !== k.heads || q.heads !== v.heads) return false;
  const out = outputMerge(g, uses, fa) ?? outputResplit(g, uses, fa, q, v);
  if (!out) return false;
  const packed = packedSource(g, uses, made, [q.source, k.source, v.source]);
  // A slice stays while its split's Reshape stays (for the Shape nodes that read it).
  const splits = [q, k, v];
  const slices = (packed?.slices ?? []).filter((_, i) => splits[i].nodes.includes(splits[i].reshape));
  for (const n of [...q.nodes, ...k.nodes, ...v.nodes, out.transpose, ...slices]) removeNode(g, n);
  for (const r of out.readers) r.inputs[0] = fa.outputs[0];
  if (out.resplit) g.nodes.push(out.resplit);
  fa.inputs = packed ? [packed.source, '', '', ...(mask ? [mask] : [])] : [q.source, k.source, v.source, ...(mask ? [mask] : [])];
  fa.attributes.set('num_heads', { name: 'num_heads', type: 'int', value: q.heads });
  return true;
}

/**
 * A FusedAttention with num_heads whose Q, K and V are the three thirds of one [S, B, 3E] tensor
 * (Slices read only by it) reads that tensor packed instead. absorbHeadSplit leaves such slices
 * when another node still read one of them: a shape-specialized copy of a dynamic model folds
 * that reader away, and this finishes the job there.
 */
export function absorbPackedSlices(g: Graph, fa: Node): boolean {
  const [qIn, kIn, vIn, ...rest] = fa.inputs;
  if (!qIn || !kIn || !vIn) return false;
  const packed = packedSource(g, consumers(g), producers(g), [qIn, kIn, vIn]);
  if (!packed) return false;
  for (const s of packed.slices) removeNode(g, s);
  fa.inputs = [packed.source, '', '', ...rest];
  return true;
}

/**
 * `input` = Transpose(perm)(Reshape(source [S, B, E] → [S, B·H, E/H])), each read only on this
 * path, except that Shape nodes may read the Reshape too (exports ask a split's size; the Reshape
 * is a view and stays for them).
 */
function splitOf(g: Graph, uses: Map<string, Node[]>, made: Map<string, Node>, fa: Node, input: string | undefined, perm: number[]): Split | undefined {
  if (!input || soleConsumer(g, uses, input) !== fa) return undefined;
  const t = made.get(input);
  if (!t || t.op !== 'Transpose' || t.domain !== '' || attrInts(t, 'perm')?.join() !== perm.join()) return undefined;
  const r = made.get(t.inputs[0]);
  if (!r || r.op !== 'Reshape' || r.domain !== '') return undefined;
  const others = (uses.get(r.outputs[0]) ?? []).filter((n) => n !== t);
  if (others.some((n) => n.op !== 'Shape' || n.domain !== '') || isGraphOutput(g, r.outputs[0])) return undefined;
  const from = typeOf(g, r.inputs[0]).dims, to = typeOf(g, r.outputs[0]).dims;
  if (!from || !to || from.length !== 3 || to.length !== 3) return undefined;
  const [S, B, E] = from, [S2, BH, D] = to;
  // E and D must be numbers; S and B may be symbols, as long as they are known.
  if (typeof E !== 'number' || typeof D !== 'number' || D < 1 || E % D !== 0 || S === undefined || S !== S2 || B === undefined) return undefined;
  const heads = E / D;
  if (heads < 1 || BH === undefined || mulDims(B, heads) !== BH) return undefined;
  return { source: r.inputs[0], nodes: others.length ? [t] : [t, r], heads, headSize: D, reshape: r };
}

/** How fa's output reaches its readers after the rewrite (see the module comment). */
interface OutputPath { transpose: Node; readers: Node[]; resplit?: Node }

/** fa's output is read by one Transpose [1,0,2] whose readers are all Reshapes to a constant shape without 0s. */
function outputMerge(g: Graph, uses: Map<string, Node[]>, fa: Node): OutputPath | undefined {
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
 * fa's output is read by one Transpose [1,0,2] (any readers), and V's heads are as wide as Q's:
 * that Transpose's output becomes a Reshape of the fused output by Q's split shape.
 */
function outputResplit(g: Graph, uses: Map<string, Node[]>, fa: Node, q: Split, v: Split): OutputPath | undefined {
  const t = soleConsumer(g, uses, fa.outputs[0]);
  if (!t || t.op !== 'Transpose' || t.domain !== '' || attrInts(t, 'perm')?.join() !== '1,0,2' || q.headSize !== v.headSize) return undefined;
  const resplit: Node = {
    name: `${t.name || fa.name}/resplit`, op: 'Reshape', domain: '', inputs: [fa.outputs[0], q.reshape.inputs[1]], outputs: [t.outputs[0]],
    attributes: new Map(q.reshape.attributes),
  };
  return { transpose: t, readers: [], resplit };
}

/**
 * Q, K and V as the three thirds of one [S, B, 3E] tensor along its last axis (Slices with
 * constant bounds, step 1, each read only by its head split).
 */
function packedSource(g: Graph, uses: Map<string, Node[]>, made: Map<string, Node>, parts: string[]): { source: string; slices: Node[] } | undefined {
  const slices = parts.map((p) => made.get(p));
  if (slices.some((s) => !s || s.op !== 'Slice' || s.domain !== '' || s.inputs.length < 3 || (uses.get(s.outputs[0])?.length ?? 0) !== 1)) return undefined;
  const source = slices[0]!.inputs[0];
  const dims = typeOf(g, source).dims;
  const last = dims?.[2];
  if (!dims || dims.length !== 3 || typeof last !== 'number' || last % 3 !== 0 || slices.some((s) => s!.inputs[0] !== source)) return undefined;
  const E = last / 3;
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

/**
 * Helpers for control-flow specs that infer or run subgraphs: undoing what a trial inference wrote
 * into a body's `valueInfo`, reading a scalar condition, and building outputs of loops that never ran.
 */
import { subgraphsOf } from '../../graph.js';
import { ShapeError } from '../../errors.js';
import type { Graph, ValueInfo } from '../../model.js';
import { allocate, type DType } from '../../dtype.js';
import { Tensor } from '../../tensor.js';

/**
 * Saves the `valueInfo` of `graph` and every nested subgraph; the returned function restores it.
 * Shape inference merges what it infers into `valueInfo` and treats it as declared on the next
 * pass, so a Loop body inferred again with looser input types must start from the model's own
 * declarations, or facts from the first pass would leak into the second.
 */
export function saveValueInfo(graph: Graph): () => void {
  const saved: [Graph, Map<string, ValueInfo>][] = [];
  const visit = (g: Graph) => {
    saved.push([g, new Map(g.valueInfo)]);
    for (const node of g.nodes) for (const sub of subgraphsOf(node)) visit(sub);
  };
  visit(graph);
  return () => {
    for (const [g, info] of saved) {
      g.valueInfo.clear();
      for (const [k, v] of info) g.valueInfo.set(k, v);
    }
  };
}

/** The value of a single-element bool tensor (If's `cond`, Loop's `cond`). */
export function readCondition(t: Tensor, op: string): boolean {
  if (t.size !== 1) throw new ShapeError(`${op}: the condition must hold exactly one element, got shape [${t.dims.join(',')}]`);
  return (t.data as Uint8Array)[0] !== 0;
}

/**
 * The per-step dtype and dims of a body output as the body declares it, for outputs that must be
 * built without any step having run. Unknown dims become 0 (the result is empty either way) and
 * an undeclared dtype becomes float32, the ONNX default element type.
 */
export function declaredStep(declared: ValueInfo): { dtype: DType; dims: number[] } {
  const t = declared.type;
  if (t?.kind !== 'tensor') return { dtype: 'float32', dims: [] };
  return { dtype: t.dtype ?? 'float32', dims: (t.dims ?? []).map((d) => (typeof d === 'number' ? d : 0)) };
}

/** A body output stacked over zero steps: the declared per-step shape with a 0-length axis inserted at `axis`. */
export function emptyStack(declared: ValueInfo, axis: number): Tensor {
  const { dtype, dims } = declaredStep(declared);
  return new Tensor(dtype, allocate(dtype, 0), [...dims.slice(0, axis), 0, ...dims.slice(axis)]);
}

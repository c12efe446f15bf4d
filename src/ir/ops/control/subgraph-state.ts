/**
 * Helpers for control-flow specs that infer or run subgraphs: undoing what a trial inference wrote
 * into a body's `valueInfo`, reading a scalar condition, and an empty scan output's type.
 */
import { subgraphsOf } from '../../graph.js';
import { ShapeError } from '../../errors.js';
import type { Graph, ValueInfo } from '../../model.js';
import type { Tensor } from '../../tensor.js';

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

/**
 * Rewrites a model so that every intermediate tensor of the main graph is also a graph output.
 * That is how a foreign engine (onnxruntime-node/-web, any ORT-shaped module) is made to show its
 * intermediate values: it must keep them, and it cannot fuse them away.
 *
 * Values inside subgraphs (If/Loop/Scan bodies) cannot be exposed this way: a body's values exist
 * once per iteration. Only the control-flow node's own outputs are compared.
 */
import type { Model, Node, ValueInfo } from '../ir/model.js';
import { inferModel } from '../ir/shape-inference.js';

export interface ExposedValue {
  node: Node;
  output: string;
}

/** Adds outputs to `model` in place; returns the exposed values in topological order. */
export function exposeIntermediates(model: Model): ExposedValue[] {
  inferModel(model);
  const g = model.graph;
  const existing = new Set(g.outputs.map((o) => o.name));
  const exposed: ExposedValue[] = [];
  const added: ValueInfo[] = [];
  for (const node of g.nodes) {
    for (const output of node.outputs) {
      if (!output) continue;
      const type = g.valueInfo.get(output)?.type;
      // Foreign engines need an element type for every graph output; unknown ones stay internal.
      if (type?.kind !== 'tensor' || !type.dtype) continue;
      exposed.push({ node, output });
      if (!existing.has(output)) {
        added.push({ name: output, type: { kind: 'tensor', dtype: type.dtype } });
        existing.add(output);
      }
    }
  }
  g.outputs = [...g.outputs, ...added];
  return exposed;
}

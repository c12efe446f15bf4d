/**
 * Dead-code elimination: removes nodes none of whose outputs is read (by a node, a subgraph or a
 * graph output), initializers nobody reads, and value info of values that no longer exist.
 *
 * Safe because an unread value cannot affect any output. Random ops are kept even when unread:
 * they draw from the session's random stream, so dropping one would change what later random ops
 * produce.
 */
import { subgraphsOf } from '../ir/graph.js';
import type { Graph, Model } from '../ir/model.js';
import { RANDOM_OPS, eachGraph, outerReads } from './graph-utils.js';

export const eliminateDeadCode = (model: Model): number => eachGraph(model, deadCodeGraph);

function deadCodeGraph(graph: Graph): number {
  const live = new Set(graph.outputs.map((o) => o.name));
  const keep = new Set<(typeof graph.nodes)[number]>();
  for (let i = graph.nodes.length - 1; i >= 0; i--) {
    const node = graph.nodes[i];
    if (!RANDOM_OPS.has(node.op) && !node.outputs.some((o) => o && live.has(o))) continue;
    keep.add(node);
    for (const name of node.inputs) if (name) live.add(name);
    for (const g of subgraphsOf(node)) for (const name of outerReads(g)) live.add(name);
  }
  const before = graph.nodes.length + graph.initializers.size;
  graph.nodes = graph.nodes.filter((n) => keep.has(n));
  const inputs = new Set(graph.inputs.map((v) => v.name));
  for (const name of [...graph.initializers.keys()]) if (!live.has(name) && !inputs.has(name)) graph.initializers.delete(name);
  const exists = new Set<string>([...inputs, ...graph.initializers.keys(), ...graph.nodes.flatMap((n) => n.outputs)]);
  for (const name of [...graph.valueInfo.keys()]) if (!exists.has(name)) graph.valueInfo.delete(name);
  return before - graph.nodes.length - graph.initializers.size;
}

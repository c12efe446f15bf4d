/**
 * Node-by-node comparison of two backends on one model: both run the model with every
 * intermediate exposed as an output, and each node's outputs are compared in topological order.
 * The first node whose output differs beyond tolerance is the divergence to look at: everything
 * before it agreed, so its inputs were the same on both sides.
 */
import { loadModel } from '../ir/load.js';
import type { Model, Node } from '../ir/model.js';
import type { Value } from '../ir/ops/spec.js';
import { saveModel } from '../ir/save.js';
import { Tensor } from '../ir/tensor.js';
import type { Backend } from './backends.js';
import { exposeIntermediates } from './expose-intermediates.js';
import { compareValues, maxUlp, type Tolerances } from './numeric-compare.js';

export interface OutputComparison {
  name: string;
  ok: boolean;
  maxAbsError: number;
  maxRelError: number;
  maxUlp: number;
  reason?: string;
}

export interface NodeComparison {
  node: string;
  op: string;
  outputs: OutputComparison[];
}

export interface Divergence {
  node: string;
  op: string;
  output: string;
  maxAbsError: number;
  maxRelError: number;
  reason?: string;
  /** The node's inputs as the `against` side saw them. */
  inputs: { name: string; value: Value | undefined }[];
}

export interface CompareReport {
  backend: string;
  against: string;
  agree: boolean;
  nodes: NodeComparison[];
  firstDivergence: Divergence | null;
  /** Every value each side produced (feeds and initializers included on the `against` side). */
  againstValues: Map<string, Value>;
  model: Model;
}

export async function compareBackends(opts: {
  model: Uint8Array | Model;
  backend: Backend;
  against: Backend;
  feeds: Record<string, Value>;
  tolerance: Tolerances;
}): Promise<CompareReport> {
  const model = opts.model instanceof Uint8Array ? loadModel(opts.model) : opts.model;
  const exposed = exposeIntermediates(model);
  const bytes = saveModel(model);
  const [ours, theirs] = await Promise.all([opts.against.run(bytes, opts.feeds), opts.backend.run(bytes, opts.feeds)]);
  const againstValues = new Map<string, Value>([...model.graph.initializers, ...Object.entries(opts.feeds), ...Object.entries(ours)]);

  const byNode = new Map<Node, NodeComparison>();
  let first: Divergence | null = null;
  for (const { node, output } of exposed) {
    const expected = ours[output];
    const actual = theirs[output];
    const r = compareValues(actual, expected, opts.tolerance);
    const ulp = actual instanceof Tensor && expected instanceof Tensor ? maxUlp(actual, expected) : 0;
    const entry = byNode.get(node) ?? { node: node.name, op: node.op, outputs: [] };
    entry.outputs.push({ name: output, ok: r.ok, maxAbsError: r.maxAbsError, maxRelError: r.maxRelError, maxUlp: ulp, reason: r.reason });
    byNode.set(node, entry);
    if (!r.ok && !first) {
      first = {
        node: node.name, op: node.op, output, maxAbsError: r.maxAbsError, maxRelError: r.maxRelError, reason: r.reason,
        inputs: node.inputs.filter(Boolean).map((name) => ({ name, value: againstValues.get(name) })),
      };
    }
  }
  return { backend: opts.backend.name, against: opts.against.name, agree: !first, nodes: [...byNode.values()], firstDivergence: first, againstValues, model };
}

/**
 * Constant folding: a node whose inputs are all constants is evaluated once, now, with its spec's
 * reference kernel, and replaced by initializers. Shape inference's own folding supplies the
 * values that depend only on static shapes (Shape/Size of static dims, and the Gather/Concat/…
 * chains over them), so those chains fold too.
 *
 * Safe because the reference kernel is the op's definition, and it runs on exactly the values the
 * executor would give it. Never folded: random ops (their values differ per run), nodes with
 * subgraphs (their bodies may read run-time state), and initializers that are also graph inputs
 * (they are defaults a caller may override).
 */
import { subgraphsOf } from '../ir/graph.js';
import type { Graph, Model, Node } from '../ir/model.js';
import { resolveAttrs } from '../ir/ops/attrs.js';
import { getOpSpec } from '../ir/ops/index.js';
import { resolveVersion, type Value } from '../ir/ops/spec.js';
import { inferGraph } from '../ir/shape-inference.js';
import { Tensor } from '../ir/tensor.js';
import { RANDOM_OPS, eachGraph, removeNode } from './graph-utils.js';

/**
 * Folded outputs may not outgrow their inputs by more than this many elements in all: ops such as
 * Expand, Tile or ConstantOfShape turn a few bytes into megabytes, which are cheaper to compute
 * at run time than to keep in the model (and in every saved copy of it). 64 Ki elements (256 KiB
 * of float32) covers every shape-sized value and the small masks and position tables of real models.
 */
const MAX_GROWTH_ELEMENTS = 1 << 16;
/** No folded tensor is larger than this (16 Mi elements, 64 MiB of float32), whatever its inputs. */
const MAX_FOLD_ELEMENTS = 1 << 24;

export const foldConstants = (model: Model): number => eachGraph(model, (g) => foldGraph(g, model.opsets));

function foldGraph(graph: Graph, opsets: Map<string, number>): number {
  const overridable = new Set(graph.inputs.map((v) => v.name));
  const constants = new Map<string, Tensor>([...graph.initializers].filter(([name]) => !overridable.has(name)));
  // Shape inference folds Shape-of-static-dims chains; run it on a view without the overridable initializers.
  let known: ReturnType<typeof inferGraph> = new Map();
  try {
    known = inferGraph({ ...graph, initializers: constants }, opsets, new Map());
  } catch {
    // An inconsistent graph fails later with full context; fold only what the kernels can evaluate.
  }
  let folded = 0;
  for (const node of [...graph.nodes]) {
    if (RANDOM_OPS.has(node.op) || subgraphsOf(node).length) continue;
    const outputs = fromInference(node, known) ?? evaluate(node, constants, opsets);
    if (!outputs) continue;
    node.outputs.forEach((name, i) => {
      if (!name) return;
      graph.initializers.set(name, outputs[i]);
      constants.set(name, outputs[i]);
    });
    removeNode(graph, node);
    folded++;
  }
  return folded;
}

/** The node's outputs when shape inference already computed every one of them. */
function fromInference(node: Node, known: ReadonlyMap<string, { value?: Tensor }>): Tensor[] | undefined {
  const names = node.outputs;
  if (!names.length || names.some((n) => n && !known.get(n)?.value)) return undefined;
  return names.map((n) => (n ? known.get(n)!.value! : (undefined as never)));
}

/** Runs the reference kernel when every input is a constant; undefined when it cannot or should not. */
function evaluate(node: Node, constants: ReadonlyMap<string, Tensor>, opsets: Map<string, number>): Tensor[] | undefined {
  const spec = getOpSpec(node.domain, node.op);
  const opset = opsets.get(node.domain);
  const version = spec && opset !== undefined ? resolveVersion(spec, opset) : undefined;
  if (!spec || version === undefined) return undefined;
  const inputs: (Value | undefined)[] = [];
  let inputElements = 0;
  for (const name of node.inputs) {
    if (!name) { inputs.push(undefined); continue; }
    const t = constants.get(name);
    if (!t) return undefined;
    inputs.push(t);
    inputElements += t.size;
  }
  try {
    const attrs = resolveAttrs(spec, node, version);
    const out = spec.reference({
      inputs, attrs: attrs as never, version, opset: opset!, node, outputCount: node.outputs.length,
      runGraph: () => { throw new Error('no subgraphs during folding'); },
      random: () => { throw new Error('no randomness during folding'); },
    });
    if (out instanceof Promise) return undefined;
    const tensors = out as Value[];
    if (tensors.length < node.outputs.filter(Boolean).length || tensors.some((t) => !(t instanceof Tensor) || t.location !== 'cpu')) return undefined;
    const total = (tensors as Tensor[]).reduce((s, t) => s + t.size, 0);
    // Constant-like ops (no inputs) are bounded by their attribute data, which the model already holds.
    const attrElements = node.inputs.length ? 0 : total;
    if (total > MAX_FOLD_ELEMENTS || total > Math.max(inputElements, attrElements) + MAX_GROWTH_ELEMENTS) return undefined;
    return tensors as Tensor[];
  } catch {
    return undefined; // the executor reports real failures, with context, at run time
  }
}

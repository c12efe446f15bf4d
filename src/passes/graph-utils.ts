/**
 * Shared helpers for the passes: who produces and reads each value (subgraph reads included),
 * constants, static shapes from shape inference, renaming a value, and bypassing a node.
 */
import type { DType } from '../ir/dtype.js';
import { subgraphsOf } from '../ir/graph.js';
import type { Attribute, Dim, Graph, Model, Node } from '../ir/model.js';
import { FUSED_DOMAIN, FUSED_OPSET } from '../ir/ops/fused/index.js';
import { Tensor } from '../ir/tensor.js';

/** A pass: rewrites `model` in place and returns how many rewrites it made (0 = nothing changed). */
export type Pass = (model: Model) => number;

/** Ops whose results may differ per run (Dropout in training mode); passes never fold, merge or drop them. */
export const RANDOM_OPS: ReadonlySet<string> = new Set(['RandomNormal', 'RandomUniform', 'RandomNormalLike', 'RandomUniformLike', 'Bernoulli', 'Multinomial', 'Dropout']);

/** Visits `graph` and every nested subgraph (bodies first, so inner rewrites settle before outer ones). */
export function forEachGraph(graph: Graph, fn: (g: Graph) => void): void {
  for (const node of graph.nodes) for (const g of subgraphsOf(node)) forEachGraph(g, fn);
  fn(graph);
}

/** Runs a per-graph rewrite over the model's main graph and all subgraphs; sums the counts. */
export function eachGraph(model: Model, fn: (g: Graph) => number): number {
  let n = 0;
  forEachGraph(model.graph, (g) => { n += fn(g); });
  return n;
}

/** The node producing each value of `graph`. */
export function producers(graph: Graph): Map<string, Node> {
  const m = new Map<string, Node>();
  for (const n of graph.nodes) for (const o of n.outputs) if (o) m.set(o, n);
  return m;
}

/** The nodes reading each value of `graph`; a node whose subgraph reads a value counts as a reader. */
export function consumers(graph: Graph): Map<string, Node[]> {
  const m = new Map<string, Node[]>();
  const add = (name: string, n: Node) => {
    if (!name) return;
    const list = m.get(name) ?? [];
    if (!list.includes(n)) list.push(n);
    m.set(name, list);
  };
  for (const n of graph.nodes) {
    for (const i of n.inputs) add(i, n);
    for (const g of subgraphsOf(n)) for (const name of outerReads(g)) add(name, n);
  }
  return m;
}

/** Names a subgraph (recursively) reads from enclosing scopes. Recomputed, so it is right after rewrites. */
export function outerReads(g: Graph): Set<string> {
  const defined = new Set<string>([...g.inputs.map((v) => v.name), ...g.initializers.keys()]);
  for (const n of g.nodes) for (const o of n.outputs) if (o) defined.add(o);
  const reads = new Set<string>();
  for (const n of g.nodes) {
    for (const i of n.inputs) if (i && !defined.has(i)) reads.add(i);
    for (const sg of subgraphsOf(n)) for (const i of outerReads(sg)) if (!defined.has(i)) reads.add(i);
  }
  for (const o of g.outputs) if (!defined.has(o.name)) reads.add(o.name);
  return reads;
}

export function isGraphOutput(graph: Graph, name: string): boolean {
  return graph.outputs.some((o) => o.name === name);
}

/**
 * The value of `name` when it is a constant of this graph: an initializer that is not also a graph
 * input (those are defaults the caller may override, so they are not constants).
 */
export function constantOf(graph: Graph, name: string): Tensor | undefined {
  if (!name) return undefined;
  const t = graph.initializers.get(name);
  if (!t || graph.inputs.some((v) => v.name === name)) return undefined;
  return t;
}

/** A constant's only element as a number, when it has exactly one. */
export function scalarOf(graph: Graph, name: string): number | undefined {
  const t = constantOf(graph, name);
  if (!t || t.size !== 1 || t.type === 'string') return undefined;
  const v = (t.data as ArrayLike<number | bigint>)[0];
  if (t.type === 'float16' || t.type === 'bfloat16' || t.type.startsWith('float8') || t.type === 'float4e2m1') return undefined;
  return Number(v);
}

/** The declared or inferred type of a value: dims (undefined = unknown rank) and dtype. */
export function typeOf(graph: Graph, name: string): { dtype?: DType; dims?: Dim[] } {
  const init = graph.initializers.get(name);
  if (init) return { dtype: init.type, dims: [...init.dims] };
  const t = graph.valueInfo.get(name)?.type ?? graph.inputs.find((v) => v.name === name)?.type ?? graph.outputs.find((v) => v.name === name)?.type;
  return t?.kind === 'tensor' ? { dtype: t.dtype, dims: t.dims } : {};
}

/** Dims when every one is a known number. */
export function staticDims(graph: Graph, name: string): number[] | undefined {
  const d = typeOf(graph, name).dims;
  return d && d.every((x): x is number => typeof x === 'number') ? d : undefined;
}

/**
 * Dims when every one is known: a number, or a symbolic name. Equal names denote equal sizes (the
 * ONNX convention for dim_param), so rewrites that need two shapes to agree may compare these.
 */
export function knownDims(graph: Graph, name: string): Dim[] | undefined {
  const d = typeOf(graph, name).dims;
  return d && d.every((x) => x !== undefined) ? d : undefined;
}

/** Whether `small` broadcasts into `big` without growing it: right-aligned, each dim 1 or equal (unknown dims of `big` equal nothing). */
export function broadcastsInto(small: readonly Dim[], big: readonly Dim[]): boolean {
  if (small.length > big.length) return false;
  const off = big.length - small.length;
  return small.every((d, i) => d === 1 || d === big[off + i]);
}

/** Makes every reader of `from` read `to` (subgraphs that see `from` from outer scope included). */
export function renameUses(graph: Graph, from: string, to: string): void {
  for (const n of graph.nodes) {
    n.inputs = n.inputs.map((i) => (i === from ? to : i));
    if (n.implicitInputs) n.implicitInputs = n.implicitInputs.map((i) => (i === from ? to : i));
    for (const g of subgraphsOf(n)) renameOuter(g, from, to);
  }
  for (const o of graph.outputs) if (o.name === from) o.name = to;
}

function renameOuter(g: Graph, from: string, to: string): void {
  // A subgraph that defines `from` itself shadows the outer value: leave it alone.
  if (g.inputs.some((v) => v.name === from) || g.initializers.has(from) || g.nodes.some((n) => n.outputs.includes(from))) return;
  renameUses(g, from, to);
}

/** Renames a value everywhere: its producer's output, its readers, graph outputs, value info. */
export function renameValue(graph: Graph, from: string, to: string): void {
  for (const n of graph.nodes) n.outputs = n.outputs.map((o) => (o === from ? to : o));
  renameUses(graph, from, to);
  const vi = graph.valueInfo.get(from);
  if (vi) { graph.valueInfo.delete(from); graph.valueInfo.set(to, { ...vi, name: to }); }
}

/**
 * Removes `node`, whose output `output` equals its input `input`, by making readers of `output`
 * read `input`. When `output` is a graph output its name must survive: then `input` is renamed
 * instead, which is only possible when `input` is an ordinary intermediate of this graph.
 * Returns false (and changes nothing) when neither is possible.
 */
export function bypass(graph: Graph, node: Node, input: string, output: string): boolean {
  if (!isGraphOutput(graph, output)) {
    removeNode(graph, node);
    renameUses(graph, output, input);
    return true;
  }
  const producedHere = graph.nodes.some((n) => n !== node && n.outputs.includes(input));
  if (!producedHere || isGraphOutput(graph, input)) return false;
  removeNode(graph, node);
  renameValue(graph, input, output);
  return true;
}

export function removeNode(graph: Graph, node: Node): void {
  const i = graph.nodes.indexOf(node);
  if (i >= 0) graph.nodes.splice(i, 1);
}

/** A name not yet used in `graph` (or its subgraphs' view of it), built from `base`. */
export function freshName(graph: Graph, base: string): string {
  const used = new Set<string>([...graph.initializers.keys(), ...graph.inputs.map((v) => v.name), ...graph.valueInfo.keys()]);
  for (const n of graph.nodes) { used.add(n.name); for (const o of n.outputs) used.add(o); }
  let i = 0;
  let name = base;
  while (used.has(name)) name = `${base}_${++i}`;
  return name;
}

/** Adds a constant to `graph` under a fresh name; returns the name. */
export function addConstant(graph: Graph, base: string, t: Tensor): string {
  const name = freshName(graph, base);
  graph.initializers.set(name, t);
  return name;
}

/** A new node (the caller inserts it). */
export function makeNode(graph: Graph, op: string, inputs: string[], outputs: string[], attrs: Attribute[] = [], domain = '', name?: string): Node {
  return { name: name ?? freshName(graph, op), op, domain, inputs, outputs, attributes: new Map(attrs.map((a) => [a.name, a])) };
}

/** Inserts `node` right before `before` (the pipeline re-sorts topologically after every pass anyway). */
export function insertBefore(graph: Graph, before: Node, ...nodes: Node[]): void {
  const i = graph.nodes.indexOf(before);
  graph.nodes.splice(i < 0 ? graph.nodes.length : i, 0, ...nodes);
}

/** Makes sure the model imports the onnx-ts domain (called by passes that emit fused ops). */
export function useFusedDomain(model: Model): void {
  if (!model.opsets.has(FUSED_DOMAIN)) model.opsets.set(FUSED_DOMAIN, FUSED_OPSET);
}

export function attrInt(node: Node, name: string, fallback: number): number {
  const a = node.attributes.get(name);
  return a ? Number(a.value) : fallback;
}

export function attrInts(node: Node, name: string): number[] | undefined {
  const a = node.attributes.get(name);
  return a ? (a.value as number[]).map(Number) : undefined;
}

export function attrFloat(node: Node, name: string, fallback: number): number {
  const a = node.attributes.get(name);
  return a ? Number(a.value) : fallback;
}

/** The one reader of `name`, when there is exactly one and `name` is not a graph output. */
export function soleConsumer(graph: Graph, uses: Map<string, Node[]>, name: string): Node | undefined {
  const list = uses.get(name);
  return list && list.length === 1 && !isGraphOutput(graph, name) ? list[0] : undefined;
}

/** An int64 1-D constant tensor. */
export function int64Tensor(values: readonly number[]): Tensor {
  return new Tensor('int64', BigInt64Array.from(values.map((v) => BigInt(v))), [values.length]);
}

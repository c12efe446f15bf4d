/**
 * Graph structure: topological order (with cycle detection), the outer-scope values that subgraphs
 * read, and inlining of model-local functions.
 */
import { ModelLoadError } from './errors.js';
import type { Attribute, FunctionDef, Graph, Model, Node } from './model.js';

/** Graph-valued attributes of a node (If branches, Loop/Scan bodies). */
export function subgraphsOf(node: Node): Graph[] {
  const out: Graph[] = [];
  for (const a of node.attributes.values()) {
    if (a.type === 'graph') out.push(a.value as Graph);
    else if (a.type === 'graphs') out.push(...(a.value as Graph[]));
  }
  return out;
}

/**
 * Sorts `graph.nodes` topologically in place, fills `implicitInputs` of nodes with subgraphs, and
 * rejects cycles, duplicate producers and reads of values nobody produces. `outer` holds the names
 * visible from enclosing graphs. Returns the names this graph reads from outer scope.
 */
export function prepareGraph(graph: Graph, outer: ReadonlySet<string>): Set<string> {
  const defined = new Set<string>([...graph.inputs.map((v) => v.name), ...graph.initializers.keys()]);
  const producer = new Map<string, Node>();
  for (const node of graph.nodes) {
    for (const o of node.outputs) {
      if (!o) continue;
      if (producer.has(o)) throw new ModelLoadError(`value '${o}' is produced by two nodes ('${producer.get(o)!.name}' and '${node.name}')`, graphCtx(graph));
      producer.set(o, node);
    }
  }
  const visible = new Set<string>([...outer, ...defined, ...producer.keys()]);
  const outerReads = new Set<string>();
  for (const node of graph.nodes) {
    const implicit = new Set<string>();
    for (const g of subgraphsOf(node)) {
      for (const name of prepareGraph(g, visible)) implicit.add(name);
    }
    if (implicit.size) node.implicitInputs = [...implicit];
    for (const name of [...node.inputs, ...implicit]) {
      if (!name || defined.has(name) || producer.has(name)) continue;
      if (outer.has(name)) { outerReads.add(name); continue; }
      throw new ModelLoadError(`node '${node.name}' (${node.op}) reads '${name}', which no node, input or initializer provides`, graphCtx(graph));
    }
  }
  for (const o of graph.outputs) {
    if (!defined.has(o.name) && !producer.has(o.name)) {
      if (outer.has(o.name)) outerReads.add(o.name);
      else throw new ModelLoadError(`graph output '${o.name}' is not produced by any node`, graphCtx(graph));
    }
  }
  graph.nodes = topologicalOrder(graph, producer);
  return outerReads;
}

function graphCtx(graph: Graph) {
  return { graphPath: [graph.name || '(main)'] };
}

/** Kahn's algorithm; stable (keeps file order among ready nodes). A cycle is reported by name. */
function topologicalOrder(graph: Graph, producer: Map<string, Node>): Node[] {
  const index = new Map(graph.nodes.map((n, i) => [n, i]));
  const pending = new Map<Node, number>();
  const consumers = new Map<Node, Node[]>();
  for (const node of graph.nodes) {
    const deps = new Set<Node>();
    for (const name of [...node.inputs, ...(node.implicitInputs ?? [])]) {
      const p = name ? producer.get(name) : undefined;
      if (p && p !== node) deps.add(p);
      if (p === node) throw new ModelLoadError(`node '${node.name}' (${node.op}) reads its own output '${name}' (a cycle)`, graphCtx(graph));
    }
    pending.set(node, deps.size);
    for (const d of deps) {
      const list = consumers.get(d) ?? [];
      list.push(node);
      consumers.set(d, list);
    }
  }
  // A min-heap on file index would be O(n log n); nodes are usually already sorted, so a simple
  // ready list scanned in order is linear in practice.
  const ready = graph.nodes.filter((n) => pending.get(n) === 0);
  const order: Node[] = [];
  while (ready.length) {
    const node = ready.shift()!;
    order.push(node);
    const next: Node[] = [];
    for (const c of consumers.get(node) ?? []) {
      const left = pending.get(c)! - 1;
      pending.set(c, left);
      if (left === 0) next.push(c);
    }
    next.sort((a, b) => index.get(a)! - index.get(b)!);
    ready.push(...next);
  }
  if (order.length !== graph.nodes.length) {
    const stuck = graph.nodes.filter((n) => pending.get(n)! > 0).slice(0, 5).map((n) => `'${n.name}' (${n.op})`);
    throw new ModelLoadError(`graph has a cycle through nodes ${stuck.join(', ')}`, graphCtx(graph));
  }
  return order;
}

/** Inlines calls to model-local functions (recursively), renaming their internal values uniquely. */
export function inlineFunctions(model: Model): void {
  if (!model.functions.length) return;
  const byKey = new Map(model.functions.map((f) => [fnKey(f.domain, f.name, f.overload), f]));
  for (const f of model.functions) {
    for (const [domain, version] of f.opsets) if (!model.opsets.has(domain)) model.opsets.set(domain, version);
  }
  let counter = 0;
  const expandGraph = (graph: Graph, depth: number) => {
    const out: Node[] = [];
    for (const node of graph.nodes) {
      for (const g of subgraphsOf(node)) expandGraph(g, depth);
      const fn = byKey.get(fnKey(node.domain, node.op, ''));
      if (!fn) { out.push(node); continue; }
      if (depth > 32) throw new ModelLoadError(`function '${fn.name}' expands recursively`);
      const body: Graph = { name: fn.name, nodes: expandCall(node, fn, `${node.name}__${fn.name}_${counter++}`), inputs: [], outputs: [], initializers: new Map(), valueInfo: new Map() };
      expandGraph(body, depth + 1);
      out.push(...body.nodes);
    }
    graph.nodes = out;
  };
  expandGraph(model.graph, 0);
}

function fnKey(domain: string, name: string, overload: string) {
  return `${domain}::${name}::${overload}`;
}

function expandCall(call: Node, fn: FunctionDef, prefix: string): Node[] {
  const rename = new Map<string, string>();
  fn.inputs.forEach((name, i) => rename.set(name, call.inputs[i] ?? ''));
  fn.outputs.forEach((name, i) => rename.set(name, call.outputs[i] ?? ''));
  const mapName = (name: string) => {
    if (!name) return name;
    if (!rename.has(name)) rename.set(name, `${prefix}/${name}`);
    return rename.get(name)!;
  };
  const resolveAttr = (a: Attribute): Attribute | undefined => {
    if (!a.refAttrName) return a;
    const fromCaller = call.attributes.get(a.refAttrName) ?? fn.attributes.get(a.refAttrName);
    return fromCaller ? { ...fromCaller, name: a.name, refAttrName: undefined } : undefined;
  };
  return fn.nodes.map((n) => {
    const attributes = new Map<string, Attribute>();
    for (const [k, a] of n.attributes) {
      const r = resolveAttr(a);
      if (r) attributes.set(k, r);
    }
    return { ...n, name: `${prefix}/${n.name}`, inputs: n.inputs.map(mapName), outputs: n.outputs.map(mapName), attributes };
  });
}

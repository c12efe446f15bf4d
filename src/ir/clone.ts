/**
 * A copy of a model that graph rewrites can change without touching the original: graphs (and the
 * subgraphs in attributes), nodes, attributes, value infos and types are new objects; tensors are
 * shared, since passes replace initializers rather than write into them. Sharing them also keeps
 * the kernels' per-tensor caches (packed weights) valid for both copies.
 */
import type { Attribute, AttrValue, Graph, Model, Node, ValueInfo, ValueType } from './model.js';

export function cloneModel(model: Model): Model {
  return {
    ...model,
    opsets: new Map(model.opsets),
    metadata: new Map(model.metadata),
    graph: cloneGraph(model.graph),
    // Functions are inlined at load time; their bodies are not rewritten, so they are shared.
    functions: [...model.functions],
  };
}

function cloneGraph(g: Graph): Graph {
  const valueInfo = new Map<string, ValueInfo>();
  for (const [name, info] of g.valueInfo) valueInfo.set(name, cloneValueInfo(info));
  return {
    ...g,
    nodes: g.nodes.map(cloneNode),
    inputs: g.inputs.map(cloneValueInfo),
    outputs: g.outputs.map(cloneValueInfo),
    initializers: new Map(g.initializers),
    valueInfo,
  };
}

function cloneNode(n: Node): Node {
  const attributes = new Map<string, Attribute>();
  for (const [name, a] of n.attributes) attributes.set(name, { ...a, value: cloneAttrValue(a) });
  return {
    ...n,
    inputs: [...n.inputs],
    outputs: [...n.outputs],
    attributes,
    ...(n.implicitInputs ? { implicitInputs: [...n.implicitInputs] } : {}),
  };
}

function cloneAttrValue(a: Attribute): AttrValue {
  const v = a.value;
  if (a.type === 'graph') return cloneGraph(v as Graph);
  if (a.type === 'graphs') return (v as Graph[]).map(cloneGraph);
  if (a.type === 'type') return cloneType(v as ValueType);
  if (a.type === 'types') return (v as ValueType[]).map(cloneType);
  // Numbers, strings and tensors are not changed in place; their arrays get a copy.
  return Array.isArray(v) ? ([...v] as AttrValue) : v;
}

function cloneValueInfo(v: ValueInfo): ValueInfo {
  return v.type ? { ...v, type: cloneType(v.type) } : { ...v };
}

function cloneType(t: ValueType): ValueType {
  switch (t.kind) {
    case 'tensor': case 'sparse': return t.dims ? { ...t, dims: [...t.dims] } : { ...t };
    case 'sequence': case 'optional': return t.elem ? { ...t, elem: cloneType(t.elem) } : { ...t };
    case 'map': return t.valueType ? { ...t, valueType: cloneType(t.valueType) } : { ...t };
  }
}

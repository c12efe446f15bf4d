/**
 * Builds small models in code: test fixtures, single-node repro models, property-test graphs.
 *
 * ```ts
 * const bytes = buildModelBytes({ opset: 17, inputs: [['x', 'float32', [2, 3]]], outputs: [['y', 'float32']],
 *   nodes: [{ op: 'Relu', inputs: ['x'], outputs: ['y'] }] });
 * ```
 */
import type { DType } from '../ir/dtype.js';
import type { AttrType, AttrValue, Attribute, Dim, Graph, Model, Node, ValueInfo } from '../ir/model.js';
import { saveModel } from '../ir/save.js';
import { Tensor } from '../ir/tensor.js';

/** An attribute value; plain numbers become int when integral (use `{ float: 1 }` to force float). */
export type AttrLite =
  | number | string | number[] | string[] | Tensor | Graph | Tensor[] | Graph[]
  | { float: number } | { floats: number[] } | { ints: number[] };

export interface NodeLite {
  op: string;
  inputs: string[];
  outputs: string[];
  attrs?: Record<string, AttrLite>;
  domain?: string;
  name?: string;
}

/** `[name, dtype, dims?]`, or a full ValueInfo (sequences, optionals). */
export type ValueLite = readonly [string, DType, Dim[]?] | ValueInfo;

export interface ModelLite {
  /** ai.onnx opset, or domain → version. */
  opset: number | Record<string, number>;
  irVersion?: number;
  nodes: NodeLite[];
  inputs: ValueLite[];
  outputs: ValueLite[];
  initializers?: Record<string, Tensor>;
  name?: string;
}

export function toAttribute(name: string, v: AttrLite): Attribute {
  const make = (type: AttrType, value: AttrValue): Attribute => ({ name, type, value });
  if (v instanceof Tensor) return make('tensor', v);
  if (typeof v === 'number') return make(Number.isInteger(v) ? 'int' : 'float', v);
  if (typeof v === 'string') return make('string', v);
  if (Array.isArray(v)) {
    if (v.length && v[0] instanceof Tensor) return make('tensors', v as Tensor[]);
    if (v.length && typeof v[0] === 'object') return make('graphs', v as Graph[]);
    if (v.length && typeof v[0] === 'string') return make('strings', v as string[]);
    return make((v as number[]).every(Number.isInteger) ? 'ints' : 'floats', v as number[]);
  }
  if ('float' in v) return make('float', v.float);
  if ('floats' in v) return make('floats', v.floats);
  if ('ints' in v) return make('ints', v.ints);
  return make('graph', v as Graph);
}

function valueInfo(v: ValueLite): ValueInfo {
  if (!Array.isArray(v)) return v as ValueInfo;
  const [name, dtype, dims] = v as readonly [string, DType, Dim[]?];
  return { name, type: { kind: 'tensor', dtype, dims: dims ? [...dims] : undefined } };
}

/** A graph (also for subgraph attributes). */
export function buildGraph(g: Omit<ModelLite, 'opset' | 'irVersion'>): Graph {
  const nodes: Node[] = g.nodes.map((n, i) => ({
    name: n.name ?? `${n.op}_${i}`,
    op: n.op,
    domain: n.domain ?? '',
    inputs: n.inputs,
    outputs: n.outputs,
    attributes: new Map(Object.entries(n.attrs ?? {}).map(([k, v]) => [k, toAttribute(k, v)])),
  }));
  return {
    name: g.name ?? 'graph',
    nodes,
    inputs: g.inputs.map(valueInfo),
    outputs: g.outputs.map(valueInfo),
    initializers: new Map(Object.entries(g.initializers ?? {})),
    valueInfo: new Map(),
  };
}

export function buildModel(m: ModelLite): Model {
  const opsets = typeof m.opset === 'number' ? new Map([['', m.opset]]) : new Map(Object.entries(m.opset));
  return {
    irVersion: m.irVersion ?? 8,
    opsets,
    producerName: 'onnx-ts',
    producerVersion: '',
    modelVersion: 0,
    docString: '',
    metadata: new Map(),
    graph: buildGraph(m),
    functions: [],
  };
}

export function buildModelBytes(m: ModelLite): Uint8Array {
  return saveModel(buildModel(m));
}

/**
 * The in-memory IR: a model, its graphs, nodes, values and attributes. Plain data, no behaviour;
 * loading lives in load.ts, ordering and validation in graph.ts, shape inference in shape-inference.ts.
 */
import type { DType } from './dtype.js';
import type { Tensor } from './tensor.js';

/** A dimension: a number when static, a name when symbolic, undefined when unknown. */
export type Dim = number | string | undefined;

/** The type of a value flowing through a graph. */
export type ValueType =
  | { kind: 'tensor'; dtype: DType | undefined; /** undefined = unknown rank */ dims?: Dim[] }
  | { kind: 'sequence'; elem?: ValueType }
  | { kind: 'optional'; elem?: ValueType }
  | { kind: 'map'; key: DType; valueType?: ValueType }
  | { kind: 'sparse'; dtype: DType | undefined; dims?: Dim[] };

export interface ValueInfo {
  name: string;
  type?: ValueType;
}

export type AttrType =
  | 'float' | 'int' | 'string' | 'tensor' | 'graph' | 'sparse_tensor' | 'type'
  | 'floats' | 'ints' | 'strings' | 'tensors' | 'graphs' | 'sparse_tensors' | 'types';

export type AttrValue =
  | number | string | Tensor | Graph | ValueType
  | number[] | string[] | Tensor[] | Graph[] | ValueType[];

export interface Attribute {
  name: string;
  type: AttrType;
  value: AttrValue;
  /** In a function body: the caller's attribute this one takes its value from. */
  refAttrName?: string;
}

/** Default ONNX domain is '' (also spelled 'ai.onnx'); load.ts normalizes to ''. */
export interface Node {
  name: string;
  op: string;
  domain: string;
  /** '' marks an absent optional input. */
  inputs: string[];
  outputs: string[];
  attributes: Map<string, Attribute>;
  /** Outer-scope values that this node's subgraphs read (If/Loop/Scan); filled in by graph.ts. */
  implicitInputs?: string[];
}

export interface Graph {
  name: string;
  nodes: Node[];
  inputs: ValueInfo[];
  outputs: ValueInfo[];
  initializers: Map<string, Tensor>;
  /** Declared types of intermediate values (value_info), then filled in by shape inference. */
  valueInfo: Map<string, ValueInfo>;
  docString?: string;
}

/** A model-local function (FunctionProto); calls are inlined at load time. */
export interface FunctionDef {
  name: string;
  domain: string;
  overload: string;
  inputs: string[];
  outputs: string[];
  /** Attribute names, with defaults where attribute_proto gives them. */
  attributes: Map<string, Attribute | undefined>;
  nodes: Node[];
  opsets: Map<string, number>;
}

export interface Model {
  irVersion: number;
  /** Domain ('' for ai.onnx) → opset version. */
  opsets: Map<string, number>;
  producerName: string;
  producerVersion: string;
  modelVersion: number;
  docString: string;
  metadata: Map<string, string>;
  graph: Graph;
  functions: FunctionDef[];
}

/** Normalizes the default domain's two spellings to ''. */
export function normalizeDomain(domain: string | null | undefined): string {
  return !domain || domain === 'ai.onnx' ? '' : domain;
}

/** `float32[1,3,'N']`-style description of a type, for messages and the CLI. */
export function formatType(t: ValueType | undefined): string {
  if (!t) return '?';
  switch (t.kind) {
    case 'tensor': case 'sparse':
      return `${t.kind === 'sparse' ? 'sparse ' : ''}${t.dtype ?? '?'}${t.dims ? `[${t.dims.map((d) => d ?? '?').join(',')}]` : '[...]'}`;
    case 'sequence': return `seq(${formatType(t.elem)})`;
    case 'optional': return `optional(${formatType(t.elem)})`;
    case 'map': return `map(${t.key},${formatType(t.valueType)})`;
  }
}

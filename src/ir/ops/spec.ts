/**
 * The op-spec format: ONE declarative spec per ONNX op holds its schema (inputs, outputs, type
 * constraints, attributes with defaults, versions), its shape inference and its plain reference
 * kernel. Everything else is derived from it: attribute defaults for every provider, opset
 * resolution, type checking, the reference provider, `explain`, and the code generator's input.
 */
import type { DType } from '../dtype.js';
import type { AttrType, Dim, Graph, Node, ValueType } from '../model.js';
import type { Tensor } from '../tensor.js';

/** A runtime value: a tensor, a sequence of values, or null for an empty optional. */
export type Value = Tensor | Value[] | null;

export interface IOSpec {
  name: string;
  /** A type variable of `types` ('T'), or a fixed dtype ('int64'). */
  type: string;
  optional?: boolean;
  /** Takes all remaining inputs/outputs (Concat's inputs, Split's outputs). */
  variadic?: boolean;
  /** 'tensor' (default), 'sequence', 'optional', or 'any' (not type-checked). */
  kind?: 'tensor' | 'sequence' | 'optional' | 'any';
}

export interface AttrSpec {
  type: AttrType;
  /** The spec's default; kernels read it from `attrs` and never restate it. */
  default?: unknown;
  /**
   * For a default that changed between versions: `[since, value]` pairs, ascending; the last one
   * not above the node's version applies (Softmax's axis: 1 before opset 13, -1 from 13).
   */
  defaultsByVersion?: readonly (readonly [since: number, value: unknown])[];
  /** A type older versions used instead (Cast-1's `to` was a string): accepted before `until`. */
  legacyType?: { type: AttrType; until: number };
  required?: boolean;
  /** First spec version that has this attribute. */
  since?: number;
  /** First spec version that no longer has it. */
  until?: number;
}

type AttrTS<T extends AttrType> =
  T extends 'int' | 'float' ? number :
  T extends 'string' ? string :
  T extends 'ints' | 'floats' ? number[] :
  T extends 'strings' ? string[] :
  T extends 'tensor' | 'sparse_tensor' ? Tensor :
  T extends 'tensors' | 'sparse_tensors' ? Tensor[] :
  T extends 'graph' ? Graph :
  T extends 'graphs' ? Graph[] :
  T extends 'type' ? ValueType : ValueType[];

/** Attribute values as kernels see them: defaults filled in, absent optional ones undefined. */
export type AttrsOf<A extends Record<string, AttrSpec>> = {
  [K in keyof A]: AttrTS<A[K]['type']> | (A[K] extends { default: unknown } ? never : A[K] extends { required: true } ? never : undefined)
};

/** Tolerance used when comparing providers against the reference, and the reference against the suite. */
export type Tolerance = 'exact' | { rtol: number; atol: number; why?: string };
export const DEFAULT_TOLERANCE = { rtol: 1e-3, atol: 1e-5 } as const;

/** What shape inference knows about an input. */
export interface InferInput {
  type: ValueType;
  dtype: DType | undefined;
  /** undefined = unknown rank. */
  dims: Dim[] | undefined;
  /** The value itself when it is a constant (initializer, Constant, folded Shape). */
  value?: Tensor;
  /**
   * The elements of a scalar or short 1-D int64/int32 input, known one by one: numbers, dim
   * symbols ('batch', '4*batch'), or undefined where unknown. Shape of `[batch, seq, 384]` gives
   * `['batch', 'seq', 384]`. Present whenever `value` is (the core derives it), so specs that read
   * it work for constants too. See common/dim-values.ts.
   */
  dimsValue?: Dim[];
}

interface CommonContext<A extends Record<string, AttrSpec>> {
  attrs: AttrsOf<A>;
  /** The spec version in force: the highest of `versions` not above the model's opset. */
  version: number;
  /** The model's opset for this op's domain. */
  opset: number;
  node: Node;
  /** The graph that holds the node (for ops that look around themselves, such as Gradient); absent when a kernel is called on its own. */
  graph?: Graph;
  /** How many outputs the node asks for (trailing optional outputs may be missing). */
  outputCount: number;
}

export interface InferContext<A extends Record<string, AttrSpec> = Record<string, AttrSpec>> extends CommonContext<A> {
  inputs: (InferInput | undefined)[];
  /** Types of a subgraph's outputs given its input types (control-flow ops). */
  inferSubgraph(graph: Graph, inputTypes: (ValueType | undefined)[]): (ValueType | undefined)[];
}

export interface RunContext<A extends Record<string, AttrSpec> = Record<string, AttrSpec>> extends CommonContext<A> {
  /** Inputs in order; undefined where an optional input is absent. */
  inputs: (Value | undefined)[];
  /** Runs a subgraph (If/Loop/Scan bodies) with the given inputs; outer-scope values are visible. */
  runGraph(graph: Graph, inputs: Value[]): Promise<Value[]>;
  /** Random numbers in [0, 1) for random ops: seeded from `seed` when given, else from the session. */
  random(seed?: number): () => number;
}

/**
 * An inferred output: its type, its value when shape inference could compute it (Shape of static
 * dims), and its elements one by one when only some are known (`dimsValue`, as on InferInput).
 */
export type InferredType = ValueType & { value?: Tensor; dimsValue?: Dim[] };
export type InferResult = (InferredType | undefined)[];

export interface OpSpec<A extends Record<string, AttrSpec> = Record<string, AttrSpec>> {
  name: string;
  /** '' for ai.onnx. */
  domain: string;
  /** The since-versions listed in the ONNX changelog (ascending). */
  versions: readonly number[];
  /** Opset from which the op no longer exists (Upsample: 10 deprecated, Scatter: 11). */
  removedIn?: number;
  doc: string;
  inputs: readonly IOSpec[];
  outputs: readonly IOSpec[];
  types: Readonly<Record<string, readonly DType[]>>;
  attributes: A;
  tolerance?: Tolerance;
  /** Output types and shapes; return undefined entries for what cannot be known statically. */
  inferShape?(ctx: InferContext<A>): InferResult;
  /** The reference kernel: plain and obviously correct. Every provider is checked against it. */
  reference(ctx: RunContext<A>): Value[] | Promise<Value[]>;
  /** Source file of the spec (for `explain`), set by defineOp's caller via import.meta.url. */
  file?: string;
}

/** Declares an op. The generic keeps attribute names and types checked inside the kernels. */
export function defineOp<const A extends Record<string, AttrSpec> = {}>(
  spec: Omit<OpSpec<A>, 'domain' | 'attributes'> & { domain?: string; attributes?: A },
): OpSpec<A> {
  return { ...spec, domain: spec.domain ?? '', attributes: spec.attributes ?? ({} as A) } as OpSpec<A>;
}

/** The spec version in force at `opset`, or undefined if the op did not exist yet (or was removed). */
export function resolveVersion(spec: Pick<OpSpec<any>, 'versions' | 'removedIn'>, opset: number): number | undefined {
  if (spec.removedIn !== undefined && opset >= spec.removedIn) return undefined;
  let chosen: number | undefined;
  for (const v of spec.versions) if (v <= opset) chosen = v;
  return chosen;
}

/** Whether attribute `a` exists at spec version `version`. */
export function attrExistsAt(a: AttrSpec, version: number): boolean {
  return (a.since === undefined || version >= a.since) && (a.until === undefined || version < a.until);
}

/**
 * Bytes → Model. Decodes with the static protobufjs code generated from proto/onnx.proto, converts
 * to the IR, inlines model-local functions and validates the graphs (see graph.ts). Everything that
 * goes wrong becomes a ModelLoadError: a garbage or truncated file never crashes or hangs.
 */
import type Long from 'long';
import { onnx } from './proto/onnx-pb.js';
import { dtypeFromOnnx, type DType } from './dtype.js';
import { ModelLoadError, OnnxTsError } from './errors.js';
import { type ExternalDataReader, longToNumber, tensorFromProto } from './tensor-proto.js';
import { Tensor, sizeOf } from './tensor.js';
import {
  type AttrType, type Attribute, type FunctionDef, type Graph, type Model, type Node, type ValueInfo,
  type ValueType, normalizeDomain,
} from './model.js';
import { inlineFunctions, prepareGraph } from './graph.js';

export const MIN_IR_VERSION = 3;
export const MAX_IR_VERSION = 13;

export interface LoadOptions {
  /** Resolves external tensor data (Node: files next to the model; browsers: options.externalData). */
  readExternal?: ExternalDataReader;
}

/** Decodes and validates an ONNX model. */
export function loadModel(bytes: Uint8Array, options: LoadOptions = {}): Model {
  if (!(bytes instanceof Uint8Array)) throw new ModelLoadError('model must be given as a Uint8Array (or a path in Node)');
  if (bytes.length === 0) throw new ModelLoadError('model file is empty');
  let proto: onnx.ModelProto;
  try {
    proto = onnx.ModelProto.decode(bytes);
  } catch (e) {
    throw new ModelLoadError(`not a valid ONNX protobuf (${(e as Error).message}); the file may be truncated or not an ONNX model`, {}, { cause: e });
  }
  try {
    return modelFromProto(proto, options);
  } catch (e) {
    if (e instanceof OnnxTsError) throw e;
    if (e instanceof RangeError && /call stack/.test(e.message)) {
      throw new ModelLoadError('model nesting is too deep (subgraphs or functions)', {}, { cause: e });
    }
    throw new ModelLoadError(`invalid model: ${(e as Error).message}`, {}, { cause: e });
  }
}

function modelFromProto(p: onnx.ModelProto, options: LoadOptions): Model {
  const irVersion = longToNumber(p.irVersion as Long);
  if (!p.graph) throw new ModelLoadError('model has no graph; the file is probably not an ONNX model');
  if (irVersion > MAX_IR_VERSION) throw new ModelLoadError(`IR version ${irVersion} is newer than the newest supported (${MAX_IR_VERSION})`);
  if (irVersion < MIN_IR_VERSION && irVersion !== 0) {
    throw new ModelLoadError(`IR version ${irVersion} is older than the oldest supported (${MIN_IR_VERSION})`);
  }
  const opsets = opsetMap(p.opsetImport);
  if (opsets.size === 0) {
    if (irVersion >= MIN_IR_VERSION) throw new ModelLoadError('model has no opset_import');
    opsets.set('', 1);
  }
  const ctx: ConvertContext = { readExternal: options.readExternal, depth: 0 };
  const functions = (p.functions ?? []).map((f) => functionFromProto(f, ctx));
  const graph = graphFromProto(p.graph, ctx);
  const model: Model = {
    irVersion,
    opsets,
    producerName: p.producerName ?? '',
    producerVersion: p.producerVersion ?? '',
    modelVersion: longToNumber(p.modelVersion as Long),
    docString: p.docString ?? '',
    metadata: new Map((p.metadataProps ?? []).map((e) => [e.key ?? '', e.value ?? ''])),
    graph,
    functions,
  };
  inlineFunctions(model);
  prepareGraph(model.graph, new Set());
  return model;
}

interface ConvertContext {
  readExternal?: ExternalDataReader;
  depth: number;
}

/** Subgraph nesting deeper than this is rejected rather than risking the stack. */
const MAX_GRAPH_DEPTH = 64;

function opsetMap(list: onnx.IOperatorSetIdProto[] | null | undefined): Map<string, number> {
  const m = new Map<string, number>();
  for (const o of list ?? []) m.set(normalizeDomain(o.domain), longToNumber(o.version as Long));
  return m;
}

/** Converts a GraphProto (top level or a subgraph attribute). */
export function graphFromProto(g: onnx.IGraphProto, ctx: ConvertContext): Graph {
  if (ctx.depth > MAX_GRAPH_DEPTH) throw new ModelLoadError(`subgraphs nest deeper than ${MAX_GRAPH_DEPTH} levels`);
  const inner = { ...ctx, depth: ctx.depth + 1 };
  const initializers = new Map<string, Tensor>();
  for (const t of g.initializer ?? []) initializers.set(t.name ?? '', tensorFromProto(t, ctx.readExternal));
  for (const s of g.sparseInitializer ?? []) {
    const dense = sparseToDense(s, ctx.readExternal);
    initializers.set(s.values?.name ?? '', dense);
  }
  const valueInfo = new Map<string, ValueInfo>();
  for (const v of g.valueInfo ?? []) valueInfo.set(v.name ?? '', valueInfoFromProto(v));
  return {
    name: g.name ?? '',
    nodes: (g.node ?? []).map((n, i) => nodeFromProto(n, i, inner)),
    inputs: (g.input ?? []).map(valueInfoFromProto),
    outputs: (g.output ?? []).map(valueInfoFromProto),
    initializers,
    valueInfo,
    docString: g.docString ?? undefined,
  };
}

function nodeFromProto(n: onnx.INodeProto, index: number, ctx: ConvertContext): Node {
  const op = n.opType ?? '';
  if (!op) throw new ModelLoadError(`node #${index} ('${n.name ?? ''}') has no op_type`);
  const attributes = new Map<string, Attribute>();
  for (const a of n.attribute ?? []) {
    try {
      attributes.set(a.name ?? '', attributeFromProto(a, ctx));
    } catch (e) {
      if (e instanceof OnnxTsError) throw e.withContext({ node: n.name ?? '', op });
      throw e;
    }
  }
  return {
    name: n.name || `${op}_${index}`,
    op,
    domain: normalizeDomain(n.domain),
    inputs: [...(n.input ?? [])],
    outputs: [...(n.output ?? [])],
    attributes,
  };
}

const ATTR_TYPES: Record<number, AttrType> = {
  1: 'float', 2: 'int', 3: 'string', 4: 'tensor', 5: 'graph', 6: 'floats', 7: 'ints', 8: 'strings',
  9: 'tensors', 10: 'graphs', 11: 'sparse_tensor', 12: 'sparse_tensors', 13: 'type', 14: 'types',
};

const utf8 = new TextDecoder();

export function attributeFromProto(a: onnx.IAttributeProto, ctx: ConvertContext): Attribute {
  const name = a.name ?? '';
  const type = ATTR_TYPES[a.type ?? 0] ?? guessAttrType(a);
  if (!type) throw new ModelLoadError(`attribute '${name}' has no type and no value`);
  const attr = (value: Attribute['value']): Attribute => ({ name, type, value, refAttrName: a.refAttrName || undefined });
  if (a.refAttrName) return attr(0);
  switch (type) {
    case 'float': return attr(a.f ?? 0);
    case 'int': return attr(longToNumber(a.i as Long));
    case 'string': return attr(utf8.decode(a.s ?? new Uint8Array()));
    case 'tensor': return attr(tensorFromProto(a.t ?? {}, ctx.readExternal));
    case 'graph': return attr(graphFromProto(a.g ?? {}, ctx));
    case 'sparse_tensor': return attr(sparseToDense(a.sparseTensor ?? {}, ctx.readExternal));
    case 'type': return attr(typeFromProto(a.tp ?? undefined) ?? { kind: 'tensor', dtype: undefined });
    case 'floats': return attr([...(a.floats ?? [])]);
    case 'ints': return attr((a.ints ?? []).map((v) => longToNumber(v as Long)));
    case 'strings': return attr((a.strings ?? []).map((s) => utf8.decode(s)));
    case 'tensors': return attr((a.tensors ?? []).map((t) => tensorFromProto(t, ctx.readExternal)));
    case 'graphs': return attr((a.graphs ?? []).map((g) => graphFromProto(g, ctx)));
    case 'sparse_tensors': return attr((a.sparseTensors ?? []).map((s) => sparseToDense(s, ctx.readExternal)));
    case 'types': return attr((a.typeProtos ?? []).map((t) => typeFromProto(t) ?? { kind: 'tensor', dtype: undefined }) as ValueType[]);
  }
}

/** IR v1/v2 attributes may leave `type` unset; infer it from the field that holds a value. */
function guessAttrType(a: onnx.IAttributeProto): AttrType | undefined {
  if (a.floats?.length) return 'floats';
  if (a.ints?.length) return 'ints';
  if (a.strings?.length) return 'strings';
  if (a.tensors?.length) return 'tensors';
  if (a.graphs?.length) return 'graphs';
  if (a.t) return 'tensor';
  if (a.g) return 'graph';
  if (a.s?.length) return 'string';
  if (a.i !== undefined && a.i !== null && longToNumber(a.i as Long) !== 0) return 'int';
  if (a.f) return 'float';
  return undefined;
}

function sparseToDense(s: onnx.ISparseTensorProto, readExternal?: ExternalDataReader): Tensor {
  const values = tensorFromProto(s.values ?? {}, readExternal);
  const indices = tensorFromProto(s.indices ?? { dataType: 7 }, readExternal);
  const dims = (s.dims ?? []).map((d) => longToNumber(d as Long));
  const size = sizeOf(dims);
  const dense = Tensor.fromValues(values.type, dims, new Array(size).fill(values.type === 'string' ? '' : 0));
  const out = dense.data as any;
  const vals = values.data as any;
  const idx = Array.from(indices.data as BigInt64Array, Number);
  const nnz = values.size;
  // Indices are either linearized [NNZ] or coordinates [NNZ, rank].
  const rank = dims.length;
  for (let k = 0; k < nnz; k++) {
    let flat: number;
    if (indices.dims.length === 1) flat = idx[k];
    else {
      flat = 0;
      for (let r = 0; r < rank; r++) flat = flat * dims[r] + idx[k * rank + r];
    }
    if (!(flat >= 0 && flat < size)) throw new ModelLoadError(`sparse tensor '${values.type}' index ${flat} out of range`);
    out[flat] = vals[k];
  }
  return dense;
}

export function valueInfoFromProto(v: onnx.IValueInfoProto): ValueInfo {
  return { name: v.name ?? '', type: typeFromProto(v.type ?? undefined) };
}

export function typeFromProto(t: onnx.ITypeProto | undefined): ValueType | undefined {
  if (!t) return undefined;
  const dims = (shape: onnx.ITensorShapeProto | null | undefined) =>
    shape ? (shape.dim ?? []).map((d) => (d.dimParam ? d.dimParam : d.dimValue !== undefined && d.dimValue !== null ? longToNumber(d.dimValue as Long) : undefined)) : undefined;
  if (t.tensorType) return { kind: 'tensor', dtype: dtypeFromOnnx(t.tensorType.elemType ?? 0), dims: dims(t.tensorType.shape) };
  if (t.sparseTensorType) return { kind: 'sparse', dtype: dtypeFromOnnx(t.sparseTensorType.elemType ?? 0), dims: dims(t.sparseTensorType.shape) };
  if (t.sequenceType) return { kind: 'sequence', elem: typeFromProto(t.sequenceType.elemType ?? undefined) };
  if (t.optionalType) return { kind: 'optional', elem: typeFromProto(t.optionalType.elemType ?? undefined) };
  if (t.mapType) return { kind: 'map', key: dtypeFromOnnx(t.mapType.keyType ?? 0) as DType, valueType: typeFromProto(t.mapType.valueType ?? undefined) };
  return undefined;
}

function functionFromProto(f: onnx.IFunctionProto, ctx: ConvertContext): FunctionDef {
  const attributes = new Map<string, Attribute | undefined>();
  for (const name of f.attribute ?? []) attributes.set(name, undefined);
  for (const a of f.attributeProto ?? []) attributes.set(a.name ?? '', attributeFromProto(a, ctx));
  return {
    name: f.name ?? '',
    domain: normalizeDomain(f.domain),
    overload: f.overload ?? '',
    inputs: [...(f.input ?? [])],
    outputs: [...(f.output ?? [])],
    attributes,
    nodes: (f.node ?? []).map((n, i) => nodeFromProto(n, i, ctx)),
    opsets: opsetMap(f.opsetImport),
  };
}

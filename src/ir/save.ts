/**
 * Model → bytes: the inverse of load.ts, for `optimize -o`, repro folders and test fixtures.
 * Tensors are written with raw_data (strings with string_data).
 */
import Long from 'long';
import { onnx } from './proto/onnx-pb.js';
import { ONNX_DATA_TYPE } from './dtype.js';
import type { Attribute, Graph, Model, Node, ValueInfo, ValueType } from './model.js';
import { tensorToProto } from './tensor-proto.js';
import type { Tensor } from './tensor.js';

const ATTR_NUMBER: Record<Attribute['type'], number> = {
  float: 1, int: 2, string: 3, tensor: 4, graph: 5, floats: 6, ints: 7, strings: 8, tensors: 9, graphs: 10,
  sparse_tensor: 11, sparse_tensors: 12, type: 13, types: 14,
};

const utf8 = new TextEncoder();

/** Serializes a model. */
export function saveModel(model: Model): Uint8Array {
  const p = new onnx.ModelProto({
    irVersion: Long.fromNumber(model.irVersion),
    producerName: model.producerName,
    producerVersion: model.producerVersion,
    modelVersion: Long.fromNumber(model.modelVersion),
    docString: model.docString,
    graph: graphToProto(model.graph),
    opsetImport: [...model.opsets].map(([domain, version]) => new onnx.OperatorSetIdProto({ domain, version: Long.fromNumber(version) })),
    metadataProps: [...model.metadata].map(([key, value]) => new onnx.StringStringEntryProto({ key, value })),
  });
  return onnx.ModelProto.encode(p).finish();
}

export function graphToProto(g: Graph): onnx.GraphProto {
  return new onnx.GraphProto({
    name: g.name,
    node: g.nodes.map(nodeToProto),
    input: g.inputs.map(valueInfoToProto),
    output: g.outputs.map(valueInfoToProto),
    initializer: [...g.initializers].map(([name, t]) => tensorToProto(t, name)),
    valueInfo: [...g.valueInfo.values()].filter((v) => v.type).map(valueInfoToProto),
    docString: g.docString,
  });
}

function nodeToProto(n: Node): onnx.NodeProto {
  return new onnx.NodeProto({
    name: n.name, opType: n.op, domain: n.domain, input: n.inputs, output: n.outputs,
    attribute: [...n.attributes.values()].map(attributeToProto),
  });
}

export function attributeToProto(a: Attribute): onnx.AttributeProto {
  const p = new onnx.AttributeProto({ name: a.name, type: ATTR_NUMBER[a.type] });
  if (a.refAttrName) { p.refAttrName = a.refAttrName; return p; }
  const v = a.value as never;
  switch (a.type) {
    case 'float': p.f = v; break;
    case 'int': p.i = Long.fromNumber(v); break;
    case 'string': p.s = utf8.encode(v); break;
    case 'tensor': p.t = tensorToProto(v); break;
    case 'graph': p.g = graphToProto(v); break;
    case 'floats': p.floats = v; break;
    case 'ints': p.ints = (v as number[]).map((x) => Long.fromNumber(x)); break;
    case 'strings': p.strings = (v as string[]).map((s) => utf8.encode(s)); break;
    case 'tensors': p.tensors = (v as Tensor[]).map((t) => tensorToProto(t)); break;
    case 'graphs': p.graphs = (v as Graph[]).map(graphToProto); break;
    case 'type': p.tp = typeToProto(v); break;
    case 'types': p.typeProtos = (v as ValueType[]).map(typeToProto); break;
    // Sparse attributes were densified on load; write them back as dense tensors.
    case 'sparse_tensor': p.type = ATTR_NUMBER.tensor; p.t = tensorToProto(v); break;
    case 'sparse_tensors': p.type = ATTR_NUMBER.tensors; p.tensors = (v as Tensor[]).map((t) => tensorToProto(t)); break;
  }
  return p;
}

function valueInfoToProto(v: ValueInfo): onnx.ValueInfoProto {
  return new onnx.ValueInfoProto({ name: v.name, type: v.type ? typeToProto(v.type) : undefined });
}

export function typeToProto(t: ValueType): onnx.TypeProto {
  const shape = (dims: (number | string | undefined)[] | undefined) =>
    dims ? new onnx.TensorShapeProto({
      dim: dims.map((d) => new onnx.TensorShapeProto.Dimension(typeof d === 'number' ? { dimValue: Long.fromNumber(d) } : typeof d === 'string' ? { dimParam: d } : {})),
    }) : undefined;
  switch (t.kind) {
    case 'tensor': return new onnx.TypeProto({ tensorType: { elemType: t.dtype ? ONNX_DATA_TYPE[t.dtype] : 0, shape: shape(t.dims) } });
    case 'sparse': return new onnx.TypeProto({ sparseTensorType: { elemType: t.dtype ? ONNX_DATA_TYPE[t.dtype] : 0, shape: shape(t.dims) } });
    case 'sequence': return new onnx.TypeProto({ sequenceType: { elemType: t.elem ? typeToProto(t.elem) : undefined } });
    case 'optional': return new onnx.TypeProto({ optionalType: { elemType: t.elem ? typeToProto(t.elem) : undefined } });
    case 'map': return new onnx.TypeProto({ mapType: { keyType: ONNX_DATA_TYPE[t.key], valueType: t.valueType ? typeToProto(t.valueType) : undefined } });
  }
}

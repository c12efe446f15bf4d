/**
 * Serialized values as the ONNX backend tests store them: a TensorProto for tensors, SequenceProto
 * and OptionalProto (onnx-data.proto) for sequence and optional values. Used by the test runner,
 * the CLI's `--input file.pb`, and repro folders.
 */
import { onnx } from './proto/onnx-pb.js';
import { ModelLoadError } from './errors.js';
import type { ValueType } from './model.js';
import type { Value } from './ops/spec.js';
import { tensorFromProto, tensorToProto } from './tensor-proto.js';
import { Tensor } from './tensor.js';

/** Decodes one `.pb` file; `type` (the graph input/output's declared type) says which message it holds. */
export function decodeValue(bytes: Uint8Array, type: ValueType | undefined): Value {
  try {
    if (type?.kind === 'sequence') return sequenceValue(onnx.SequenceProto.decode(bytes));
    if (type?.kind === 'optional') return optionalValue(onnx.OptionalProto.decode(bytes));
    return tensorFromProto(onnx.TensorProto.decode(bytes));
  } catch (e) {
    if (e instanceof ModelLoadError) throw e;
    throw new ModelLoadError(`cannot decode value file: ${(e as Error).message}`, {}, { cause: e });
  }
}

function sequenceValue(s: onnx.ISequenceProto): Value[] {
  switch (s.elemType) {
    case 1: return (s.tensorValues ?? []).map((t) => tensorFromProto(t));
    case 3: return (s.sequenceValues ?? []).map(sequenceValue);
    case 5: return (s.optionalValues ?? []).map(optionalValue);
    default:
      // Empty sequences may leave elem_type unset.
      if (!s.tensorValues?.length && !s.sequenceValues?.length) return [];
      throw new ModelLoadError(`sequence element type ${s.elemType} is not supported`);
  }
}

function optionalValue(o: onnx.IOptionalProto): Value {
  switch (o.elemType) {
    case 1: return o.tensorValue ? tensorFromProto(o.tensorValue) : null;
    case 3: return o.sequenceValue ? sequenceValue(o.sequenceValue) : null;
    case 5: return o.optionalValue ? optionalValue(o.optionalValue) : null;
    default: return null; // elem_type UNDEFINED: an empty optional
  }
}

/** Encodes a value the way decodeValue reads it. */
export function encodeValue(v: Value, name = ''): Uint8Array {
  if (v instanceof Tensor) return onnx.TensorProto.encode(tensorToProto(v, name)).finish();
  if (Array.isArray(v)) return onnx.SequenceProto.encode(sequenceProto(v, name)).finish();
  return onnx.OptionalProto.encode(new onnx.OptionalProto({ name, elemType: 0 })).finish();
}

function sequenceProto(v: Value[], name: string): onnx.SequenceProto {
  const allTensors = v.every((x) => x instanceof Tensor);
  return new onnx.SequenceProto(allTensors
    ? { name, elemType: 1, tensorValues: (v as Tensor[]).map((t) => tensorToProto(t)) }
    : { name, elemType: 3, sequenceValues: v.map((x) => sequenceProto(x as Value[], '')) });
}

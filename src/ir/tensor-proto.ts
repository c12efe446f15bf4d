/**
 * TensorProto ⇄ Tensor. Decoding views `raw_data` in place when it is aligned for its element type
 * and copies it into fresh, aligned storage otherwise; it unpacks sub-byte types to one element per
 * entry, and keeps int64 exact as BigInt64Array.
 */
import Long from 'long';
import { onnx } from './proto/onnx-pb.js';
import { type DType, ONNX_DATA_TYPE, allocate, dtypeFromOnnx, entriesPerElement, storageCtor, wireBits, type TypedArray } from './dtype.js';
import { ModelLoadError } from './errors.js';
import { Tensor, sizeOf } from './tensor.js';

/** Reads the bytes of an external-data reference; supplied by the loader (file system, or a map in browsers). */
export type ExternalDataReader = (location: string, offset: number, length: number | undefined) => Uint8Array;

/** Largest tensor we agree to allocate from a model file (elements); guards against hostile dims. */
export const MAX_TENSOR_ELEMENTS = 2 ** 31;

const utf8 = new TextDecoder();
const utf8Encode = new TextEncoder();

/** A protobuf int64 (Long or number) as a JS number. */
export function longToNumber(v: Long | number | null | undefined): number {
  if (v === null || v === undefined) return 0;
  return typeof v === 'number' ? v : v.toNumber();
}

function longToBigInt(v: Long | number, unsigned: boolean): bigint {
  if (typeof v === 'number') return BigInt(v);
  const b = v.toBigInt();
  return unsigned ? BigInt.asUintN(64, b) : b;
}

/** Decodes a TensorProto; `readExternal` resolves `data_location = EXTERNAL`. */
export function tensorFromProto(p: onnx.ITensorProto, readExternal?: ExternalDataReader): Tensor {
  const name = p.name ?? '';
  const dtype = dtypeFromOnnx(p.dataType ?? 0);
  if (!dtype) throw new ModelLoadError(`tensor '${name}' has unknown data_type ${p.dataType}`);
  const dims = (p.dims ?? []).map((d) => longToNumber(d as Long));
  if (dims.some((d) => !Number.isSafeInteger(d) || d < 0)) {
    throw new ModelLoadError(`tensor '${name}' has invalid dims [${dims.join(',')}]`);
  }
  const size = sizeOf(dims);
  if (size > MAX_TENSOR_ELEMENTS) {
    throw new ModelLoadError(`tensor '${name}' (${dtype}[${dims.join(',')}]) has ${size} elements, over the limit of ${MAX_TENSOR_ELEMENTS}`);
  }
  if (p.segment) throw new ModelLoadError(`tensor '${name}' is segmented; segmented tensors are not supported`);

  let raw: Uint8Array | undefined = p.rawData && p.rawData.length ? p.rawData : undefined;
  if (p.dataLocation === onnx.TensorProto.DataLocation.EXTERNAL) {
    raw = readExternalData(p, name, readExternal);
  }
  let data;
  if (raw !== undefined) data = fromRaw(dtype, raw, size, name);
  else data = fromTypedFields(dtype, p, size, name);
  return new Tensor(dtype, data, dims);
}

function readExternalData(p: onnx.ITensorProto, name: string, readExternal?: ExternalDataReader): Uint8Array {
  const entries = new Map((p.externalData ?? []).map((e) => [e.key ?? '', e.value ?? '']));
  const location = entries.get('location');
  if (!location) throw new ModelLoadError(`tensor '${name}' is external but has no location`);
  checkExternalLocation(location, name);
  if (!readExternal) {
    throw new ModelLoadError(`tensor '${name}' stores its data in external file '${location}', but the model was loaded from bytes; pass a path, or the file through options.externalData`);
  }
  const offset = Number(entries.get('offset') ?? 0);
  const length = entries.has('length') ? Number(entries.get('length')) : undefined;
  if (!Number.isSafeInteger(offset) || offset < 0 || (length !== undefined && (!Number.isSafeInteger(length) || length < 0))) {
    throw new ModelLoadError(`tensor '${name}' has an invalid external offset/length`);
  }
  return readExternal(location, offset, length);
}

/**
 * External data must stay inside the model's folder: no absolute paths, drive letters, or `..`
 * segments. Checked here, in the core, so every loader (Node or browser) enforces it.
 */
export function checkExternalLocation(location: string, tensorName: string): void {
  const segments = location.split(/[\\/]/);
  if (location.startsWith('/') || location.startsWith('\\') || /^[a-zA-Z]:/.test(location) || segments.includes('..') || location.includes('\0')) {
    throw new ModelLoadError(`tensor '${tensorName}': external data location '${location}' escapes the model's folder`);
  }
}

function fromRaw(dtype: DType, raw: Uint8Array, size: number, name: string) {
  if (dtype === 'string') throw new ModelLoadError(`tensor '${name}': string tensors cannot use raw_data`);
  const bits = wireBits(dtype);
  const needBytes = Math.ceil((size * bits) / 8);
  if (raw.length < needBytes) {
    throw new ModelLoadError(`tensor '${name}' (${dtype}, ${size} elements) needs ${needBytes} bytes of raw_data but has ${raw.length}`);
  }
  if (bits < 8) return unpackSubByte(dtype, raw, size);
  const Ctor = storageCtor(dtype);
  const entries = size * entriesPerElement(dtype);
  // Already aligned for its element type: view the file's bytes in place (no copy), as large
  // weights usually are. Otherwise copy into fresh, aligned storage (Uint8Array.prototype.slice
  // copies; Node's Buffer#slice would return another unaligned view).
  if (raw.byteOffset % Ctor.BYTES_PER_ELEMENT === 0) return new Ctor(raw.buffer, raw.byteOffset, entries);
  const copy = Uint8Array.prototype.slice.call(raw, 0, needBytes);
  return new Ctor(copy.buffer, 0, entries);
}

function unpackSubByte(dtype: DType, packed: ArrayLike<number>, size: number): TypedArray {
  const bits = wireBits(dtype);
  const perByte = 8 / bits;
  const mask = (1 << bits) - 1;
  const signed = dtype === 'int4' || dtype === 'int2';
  const out = allocate(dtype, size) as TypedArray;
  for (let i = 0; i < size; i++) {
    let v = (packed[Math.floor(i / perByte)] >> ((i % perByte) * bits)) & mask;
    if (signed && v > mask >> 1) v -= mask + 1;
    out[i] = v;
  }
  return out;
}

function fromTypedFields(dtype: DType, p: onnx.ITensorProto, size: number, name: string) {
  const need = size * entriesPerElement(dtype);
  const check = (n: number, field: string) => {
    if (n !== need && !(n === 0 && need === 0)) {
      throw new ModelLoadError(`tensor '${name}' (${dtype}, ${size} elements) has ${n} entries in ${field}, expected ${need}`);
    }
  };
  switch (dtype) {
    case 'float32': case 'complex64': check(p.floatData?.length ?? 0, 'float_data'); return Float32Array.from(p.floatData ?? []);
    case 'float64': case 'complex128': check(p.doubleData?.length ?? 0, 'double_data'); return Float64Array.from(p.doubleData ?? []);
    case 'int64': check(p.int64Data?.length ?? 0, 'int64_data');
      return BigInt64Array.from(p.int64Data ?? [], (v) => longToBigInt(v as Long, false));
    case 'uint64': case 'uint32': {
      check(p.uint64Data?.length ?? 0, 'uint64_data');
      if (dtype === 'uint32') return Uint32Array.from(p.uint64Data ?? [], (v) => longToNumber(v as Long));
      return BigUint64Array.from(p.uint64Data ?? [], (v) => longToBigInt(v as Long, true));
    }
    case 'string': check(p.stringData?.length ?? 0, 'string_data'); return (p.stringData ?? []).map((b) => utf8.decode(b));
    default: {
      const ints = p.int32Data ?? [];
      const bits = wireBits(dtype);
      if (bits < 8) {
        const perEntry = 8 / bits;
        if (ints.length !== Math.ceil(size / perEntry)) check(ints.length * perEntry, 'int32_data');
        return unpackSubByte(dtype, ints, size);
      }
      check(ints.length, 'int32_data');
      const Ctor = storageCtor(dtype);
      const out = new Ctor(size);
      for (let i = 0; i < size; i++) out[i] = ints[i];
      return out;
    }
  }
}

/** Encodes a host tensor as a TensorProto with raw_data (strings use string_data). */
export function tensorToProto(t: Tensor, name = ''): onnx.TensorProto {
  const p = new onnx.TensorProto({ name, dataType: ONNX_DATA_TYPE[t.type], dims: t.dims.map((d) => Long.fromNumber(d)) });
  if (t.type === 'string') {
    p.stringData = (t.data as string[]).map((s) => utf8Encode.encode(s));
    return p;
  }
  const bits = wireBits(t.type);
  if (bits < 8) {
    const perByte = 8 / bits;
    const mask = (1 << bits) - 1;
    const out = new Uint8Array(Math.ceil(t.size / perByte));
    const src = t.data as TypedArray;
    for (let i = 0; i < t.size; i++) out[Math.floor(i / perByte)] |= (Number(src[i]) & mask) << ((i % perByte) * bits);
    p.rawData = out;
  } else {
    const a = t.data as TypedArray;
    p.rawData = new Uint8Array(a.buffer.slice(a.byteOffset, a.byteOffset + a.byteLength));
  }
  return p;
}

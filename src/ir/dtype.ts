/**
 * Element types: the names onnx-ts uses (ORT's type strings, extended with ONNX's newer types),
 * their ONNX `TensorProto.DataType` numbers, and how each is stored in memory.
 *
 * Storage rules (the public `Tensor` follows onnxruntime-common):
 * - float16 and bfloat16 keep their bits in a `Uint16Array`; the float8 family, float8e8m0 and
 *   float4e2m1 keep one element's bits per `Uint8Array` entry.
 * - Sub-byte integers hold one element per entry (`int4`/`int2` in `Int8Array`, `uint4`/`uint2`
 *   in `Uint8Array`); packing happens only on the wire.
 * - int64/uint64 use `BigInt64Array`/`BigUint64Array`, never lossy numbers.
 * - bool is a `Uint8Array` of 0/1; complex types interleave (re, im) pairs.
 */
export type DType =
  | 'float32' | 'float64' | 'float16' | 'bfloat16'
  | 'int8' | 'uint8' | 'int16' | 'uint16' | 'int32' | 'uint32' | 'int64' | 'uint64'
  | 'bool' | 'string' | 'complex64' | 'complex128'
  | 'float8e4m3fn' | 'float8e4m3fnuz' | 'float8e5m2' | 'float8e5m2fnuz' | 'float8e8m0'
  | 'int4' | 'uint4' | 'float4e2m1' | 'int2' | 'uint2';

/** ONNX `TensorProto.DataType` wire number for each dtype. */
export const ONNX_DATA_TYPE: Readonly<Record<DType, number>> = {
  float32: 1, uint8: 2, int8: 3, uint16: 4, int16: 5, int32: 6, int64: 7, string: 8, bool: 9,
  float16: 10, float64: 11, uint32: 12, uint64: 13, complex64: 14, complex128: 15, bfloat16: 16,
  float8e4m3fn: 17, float8e4m3fnuz: 18, float8e5m2: 19, float8e5m2fnuz: 20, uint4: 21, int4: 22,
  float4e2m1: 23, float8e8m0: 24, uint2: 25, int2: 26,
};

const BY_NUMBER = new Map<number, DType>(Object.entries(ONNX_DATA_TYPE).map(([k, v]) => [v, k as DType]));

/** The dtype for an ONNX data-type number, or undefined for UNDEFINED/unknown numbers. */
export function dtypeFromOnnx(n: number): DType | undefined {
  return BY_NUMBER.get(n);
}

export const ALL_DTYPES = Object.keys(ONNX_DATA_TYPE) as DType[];

export type TypedArray =
  | Float32Array | Float64Array | Int8Array | Uint8Array | Int16Array | Uint16Array
  | Int32Array | Uint32Array | BigInt64Array | BigUint64Array;

/** What a tensor's `data` holds for each dtype. */
export type TensorData = TypedArray | string[];

/** A constructor of the typed arrays above. */
export type TypedArrayConstructor = { new (n: number): TypedArray; new (buf: ArrayBufferLike, off?: number, len?: number): TypedArray; BYTES_PER_ELEMENT: number };

const STORAGE: Record<Exclude<DType, 'string'>, TypedArrayConstructor> = {
  float32: Float32Array, float64: Float64Array, float16: Uint16Array, bfloat16: Uint16Array,
  int8: Int8Array, uint8: Uint8Array, int16: Int16Array, uint16: Uint16Array,
  int32: Int32Array, uint32: Uint32Array, int64: BigInt64Array, uint64: BigUint64Array,
  bool: Uint8Array, complex64: Float32Array, complex128: Float64Array,
  float8e4m3fn: Uint8Array, float8e4m3fnuz: Uint8Array, float8e5m2: Uint8Array,
  float8e5m2fnuz: Uint8Array, float8e8m0: Uint8Array, float4e2m1: Uint8Array,
  int4: Int8Array, uint4: Uint8Array, int2: Int8Array, uint2: Uint8Array,
};

/** The TypedArray constructor that stores `dtype` (throws for string). */
export function storageCtor(dtype: DType): TypedArrayConstructor {
  if (dtype === 'string') throw new TypeError('string tensors are stored as string[]');
  return STORAGE[dtype];
}

/** Array entries per element: 2 for complex types (interleaved), 1 otherwise. */
export function entriesPerElement(dtype: DType): number {
  return dtype === 'complex64' || dtype === 'complex128' ? 2 : 1;
}

/** Fresh zero-filled storage for `size` elements. */
export function allocate(dtype: DType, size: number): TensorData {
  if (dtype === 'string') return new Array<string>(size).fill('');
  return new (storageCtor(dtype))(size * entriesPerElement(dtype));
}

/** Bits per element on the wire (raw_data), 0 for strings. */
export function wireBits(dtype: DType): number {
  switch (dtype) {
    case 'string': return 0;
    case 'int4': case 'uint4': case 'float4e2m1': return 4;
    case 'int2': case 'uint2': return 2;
    case 'bool': return 8;
    default: return storageCtor(dtype).BYTES_PER_ELEMENT * 8 * entriesPerElement(dtype);
  }
}

/** Types whose values are decoded from bit patterns (float16 and friends) rather than stored as numbers. */
export const ENCODED_FLOAT_DTYPES: readonly DType[] = [
  'float16', 'bfloat16', 'float8e4m3fn', 'float8e4m3fnuz', 'float8e5m2', 'float8e5m2fnuz', 'float8e8m0', 'float4e2m1',
];
export const FLOAT_DTYPES: readonly DType[] = ['float32', 'float64', ...ENCODED_FLOAT_DTYPES];
export const SIGNED_INT_DTYPES: readonly DType[] = ['int8', 'int16', 'int32', 'int64', 'int4', 'int2'];
export const UNSIGNED_INT_DTYPES: readonly DType[] = ['uint8', 'uint16', 'uint32', 'uint64', 'uint4', 'uint2'];
export const INT_DTYPES: readonly DType[] = [...SIGNED_INT_DTYPES, ...UNSIGNED_INT_DTYPES];
export const BIGINT_DTYPES: readonly DType[] = ['int64', 'uint64'];

export const isFloat = (d: DType) => FLOAT_DTYPES.includes(d);
export const isEncodedFloat = (d: DType) => ENCODED_FLOAT_DTYPES.includes(d);
export const isInteger = (d: DType) => INT_DTYPES.includes(d);
export const isBigInt = (d: DType) => d === 'int64' || d === 'uint64';
export const isComplex = (d: DType) => d === 'complex64' || d === 'complex128';

/** Value range of the integer types that are not stored at full width of their array. */
export const INT_RANGE: Partial<Record<DType, readonly [number, number]>> = {
  int8: [-128, 127], uint8: [0, 255], int16: [-32768, 32767], uint16: [0, 65535],
  int32: [-2147483648, 2147483647], uint32: [0, 4294967295],
  int4: [-8, 7], uint4: [0, 15], int2: [-2, 1], uint2: [0, 3],
};

/**
 * Parses an ONNX type string such as `tensor(float)` or `seq(tensor(int64))` element names into our
 * dtype names. ONNX spells some types differently from ORT ("float" vs "float32").
 */
export const ONNX_TYPE_NAME: Readonly<Record<string, DType>> = {
  float: 'float32', double: 'float64', float16: 'float16', bfloat16: 'bfloat16',
  int8: 'int8', uint8: 'uint8', int16: 'int16', uint16: 'uint16', int32: 'int32', uint32: 'uint32',
  int64: 'int64', uint64: 'uint64', bool: 'bool', string: 'string', complex64: 'complex64',
  complex128: 'complex128', float8e4m3fn: 'float8e4m3fn', float8e4m3fnuz: 'float8e4m3fnuz',
  float8e5m2: 'float8e5m2', float8e5m2fnuz: 'float8e5m2fnuz', float8e8m0: 'float8e8m0',
  int4: 'int4', uint4: 'uint4', float4e2m1: 'float4e2m1', int2: 'int2', uint2: 'uint2',
};

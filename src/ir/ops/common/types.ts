/** Type-constraint lists shared by many specs (the ONNX docs' "T" lists). */
import type { DType } from '../../dtype.js';

export const FLOATS: readonly DType[] = ['float32', 'float64', 'float16', 'bfloat16'];
export const SIGNED_INTS: readonly DType[] = ['int8', 'int16', 'int32', 'int64'];
export const UNSIGNED_INTS: readonly DType[] = ['uint8', 'uint16', 'uint32', 'uint64'];
export const INTS: readonly DType[] = [...SIGNED_INTS, ...UNSIGNED_INTS];
export const NUMERIC: readonly DType[] = [...FLOATS, ...INTS];
export const SIGNED_NUMERIC: readonly DType[] = [...FLOATS, ...SIGNED_INTS];
export const FLOAT8S: readonly DType[] = ['float8e4m3fn', 'float8e4m3fnuz', 'float8e5m2', 'float8e5m2fnuz'];
export const SUB_BYTE: readonly DType[] = ['int4', 'uint4', 'int2', 'uint2', 'float4e2m1'];
/** Every tensor element type (Identity, Reshape, Shape, …). */
export const ALL_TENSOR_TYPES: readonly DType[] = [
  ...NUMERIC, 'bool', 'string', 'complex64', 'complex128', ...FLOAT8S, 'float8e8m0', ...SUB_BYTE,
];

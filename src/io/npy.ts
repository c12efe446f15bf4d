/**
 * NumPy `.npy` files (format versions 1–3), for CLI inputs, outputs and traces. Pure functions on
 * bytes, so they also work in browsers.
 */
import type { DType } from '../ir/dtype.js';
import { Tensor, readValues } from '../ir/tensor.js';

const DESCR_TO_DTYPE: Record<string, DType> = {
  '<f4': 'float32', '<f8': 'float64', '<f2': 'float16', '|i1': 'int8', '|u1': 'uint8', '<i2': 'int16',
  '<u2': 'uint16', '<i4': 'int32', '<u4': 'uint32', '<i8': 'int64', '<u8': 'uint64', '|b1': 'bool',
  '<c8': 'complex64', '<c16': 'complex128',
};
const DTYPE_TO_DESCR = Object.fromEntries(Object.entries(DESCR_TO_DTYPE).map(([k, v]) => [v, k])) as Partial<Record<DType, string>>;

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

/** Parses a .npy file into a Tensor. */
export function readNpy(bytes: Uint8Array): Tensor {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) throw new Error('not a .npy file (bad magic)');
  const major = bytes[6];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const headerStart = major === 1 ? 10 : 12;
  const header = new TextDecoder().decode(bytes.subarray(headerStart, headerStart + headerLen));
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*True/.test(header);
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1] ?? '';
  const dims = shapeText.split(',').map((s) => s.trim()).filter(Boolean).map(Number);
  if (!descr) throw new Error('.npy header has no descr');
  if (fortran) throw new Error('.npy files in Fortran order are not supported; save with np.ascontiguousarray');
  const dtype = DESCR_TO_DTYPE[descr.replace('=', '<')];
  if (!dtype) throw new Error(`.npy dtype '${descr}' is not supported (big-endian or object arrays?)`);
  const start = headerStart + headerLen;
  const body = Uint8Array.prototype.slice.call(bytes, start);
  const size = dims.reduce((a, b) => a * b, 1);
  if (dtype === 'bool') return new Tensor('bool', body.subarray(0, size), dims);
  return new Tensor(dtype, arrayOf(dtype, body.buffer, size), dims);
}

function arrayOf(dtype: DType, buf: ArrayBufferLike, size: number) {
  switch (dtype) {
    case 'float32': return new Float32Array(buf, 0, size);
    case 'float64': return new Float64Array(buf, 0, size);
    case 'float16': case 'uint16': return new Uint16Array(buf, 0, size);
    case 'int8': return new Int8Array(buf, 0, size);
    case 'uint8': return new Uint8Array(buf, 0, size);
    case 'int16': return new Int16Array(buf, 0, size);
    case 'int32': return new Int32Array(buf, 0, size);
    case 'uint32': return new Uint32Array(buf, 0, size);
    case 'int64': return new BigInt64Array(buf, 0, size);
    case 'uint64': return new BigUint64Array(buf, 0, size);
    case 'complex64': return new Float32Array(buf, 0, size * 2);
    case 'complex128': return new Float64Array(buf, 0, size * 2);
    default: throw new Error(`unsupported .npy dtype ${dtype}`);
  }
}

/** Serializes a host tensor as .npy (v1). Types NumPy lacks (bfloat16, float8, int4, …) are widened to float32 / int8 / uint8. */
export function writeNpy(t: Tensor): Uint8Array {
  let descr = DTYPE_TO_DESCR[t.type];
  let data = t.data;
  if (!descr) {
    if (t.type === 'string') throw new Error('string tensors cannot be written as .npy');
    // Widen: decode values to float32 (float-like) or keep the one-per-entry integer storage.
    if (t.type === 'int4' || t.type === 'int2') descr = '|i1';
    else if (t.type === 'uint4' || t.type === 'uint2') descr = '|u1';
    else { descr = '<f4'; data = Float32Array.from(readValues(t)); }
  }
  const shape = t.dims.length === 1 ? `(${t.dims[0]},)` : `(${t.dims.join(', ')})`;
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shape}, }`;
  const total = 10 + header.length + 1;
  header += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const headerBytes = new TextEncoder().encode(header);
  const arr = data as ArrayBufferView;
  const body = new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength);
  const out = new Uint8Array(10 + headerBytes.length + body.length);
  out.set(MAGIC, 0);
  out[6] = 1; out[7] = 0;
  new DataView(out.buffer).setUint16(8, headerBytes.length, true);
  out.set(headerBytes, 10);
  out.set(body, 10 + headerBytes.length);
  return out;
}


/**
 * Small helpers shared by the normalization family's specs: float output buffers, the
 * outer/axis/inner split of a shape, and the index map of a unidirectionally broadcast parameter.
 */
import type { DType } from '../../dtype.js';
import { ShapeError } from '../../errors.js';
import type { Dim } from '../../model.js';
import { Tensor, sizeOf } from '../../tensor.js';
import { broadcastIndex } from '../common/broadcast.js';

/** A buffer for float results: the output's own storage for float32/float64, else float64 to encode. */
export function floatBuffer(dtype: DType, n: number): Float32Array | Float64Array {
  return dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
}

/** Wraps a buffer from `floatBuffer` as a tensor of `dtype` (encoding float16 and friends). */
export function floatTensor(dtype: DType, dims: readonly number[], buf: Float32Array | Float64Array): Tensor {
  // The Tensor constructor keeps a typed array of the right class and converts any other.
  if (dtype === 'float32' || dtype === 'float64') return new Tensor(dtype, buf, dims);
  return Tensor.fromValues(dtype, dims, buf);
}

/** Splits `dims` around `axis`: the element counts before it, along it, and after it. */
export function splitAt(dims: readonly number[], axis: number): { outer: number; len: number; inner: number } {
  return { outer: sizeOf(dims.slice(0, axis)), len: dims[axis] ?? 1, inner: sizeOf(dims.slice(axis + 1)) };
}

/**
 * For a parameter (scale, bias) unidirectionally broadcast to `xDims`, the flat index into the
 * parameter for each element of X. When the parameter only varies over the trailing dims from
 * `axis` on, the map covers one trailing block (`period` = its size) and repeats; otherwise it
 * covers all of X. Throws ShapeError when the parameter does not broadcast to X.
 */
export function paramIndex(pDims: readonly number[], xDims: readonly number[], axis: number, what: string): { idx: Int32Array; period: number } {
  if (pDims.length > xDims.length) throw new ShapeError(`${what} [${pDims.join(',')}] has a higher rank than X [${xDims.join(',')}]`);
  for (let i = 0; i < pDims.length; i++) {
    const xd = xDims[xDims.length - pDims.length + i];
    if (pDims[i] !== 1 && pDims[i] !== xd) throw new ShapeError(`${what} [${pDims.join(',')}] does not broadcast to X [${xDims.join(',')}]`);
  }
  let lead = 0;
  while (lead < pDims.length && pDims[lead] === 1) lead++;
  const trimmed = pDims.slice(lead);
  if (trimmed.length <= xDims.length - axis) {
    const block = xDims.slice(axis);
    return { idx: broadcastIndex(trimmed, block), period: sizeOf(block) };
  }
  return { idx: broadcastIndex(pDims, xDims), period: sizeOf(xDims) };
}

/** Checks statically that a parameter's dims can broadcast unidirectionally to X's. */
export function checkUnidirectional(pDims: readonly Dim[] | undefined, xDims: readonly Dim[] | undefined, what: string): void {
  if (!pDims || !xDims) return;
  const bad = () => new ShapeError(`${what} [${pDims.map((d) => d ?? '?').join(',')}] does not broadcast to X [${xDims.map((d) => d ?? '?').join(',')}]`);
  if (pDims.length > xDims.length) throw bad();
  for (let i = 0; i < pDims.length; i++) {
    const p = pDims[i], x = xDims[xDims.length - pDims.length + i];
    if (typeof p === 'number' && typeof x === 'number' && p !== 1 && p !== x) throw bad();
  }
}

/** Formats dims for error messages. */
export function fmtDims(dims: readonly Dim[] | undefined): string {
  return dims ? `[${dims.map((d) => d ?? '?').join(',')}]` : '[?]';
}

/**
 * Helpers shared by the indexing family (Gather*, Scatter*, TopK, Unique, …): reading index
 * tensors, wrapping negative indices with a bounds check, copying elements between storage arrays
 * without decoding them, and the element-wise reductions of the Scatter ops.
 */
import { type DType, type TensorData, allocate, entriesPerElement, isBigInt } from '../../dtype.js';
import { AttributeError, ShapeError } from '../../errors.js';
import type { Dim } from '../../model.js';
import { readValues, type Tensor } from '../../tensor.js';
import { normalizeAxis } from './axes.js';

/** `[2,?,N]` for messages. */
export function formatDims(dims: readonly Dim[] | undefined): string {
  return dims ? `[${dims.map((d) => d ?? '?').join(',')}]` : '[?]';
}

/** Product of static dims; undefined when any dim is not a number. */
export function staticSize(dims: readonly Dim[]): number | undefined {
  let n = 1;
  for (const d of dims) {
    if (typeof d !== 'number') return undefined;
    n *= d;
  }
  return n;
}

/** Product of dims[from, to). */
export function sizeBetween(dims: readonly number[], from: number, to = dims.length): number {
  let n = 1;
  for (let i = from; i < to; i++) n *= dims[i];
  return n;
}

/** An int32/int64 index tensor's values as plain numbers (exact below 2^53, which any real index is). */
export function indexValues(t: Tensor): Float64Array {
  const src = t.data as ArrayLike<number | bigint>;
  const out = new Float64Array(t.size);
  for (let i = 0; i < out.length; i++) out[i] = Number(src[i]);
  return out;
}

/** Maps an index in [-dim, dim) to [0, dim); throws ShapeError outside (ONNX leaves it undefined). */
export function wrapIndex(index: number, dim: number, what: string): number {
  const i = index < 0 ? index + dim : index;
  if (i < 0 || i >= dim || !Number.isInteger(i)) throw new ShapeError(`${what} index ${index} is out of bounds for a dim of size ${dim}`);
  return i;
}

/**
 * The value of a 1-element tensor (K of TopK, depth of OneHot) when shape inference knows it as a
 * constant; undefined otherwise.
 */
export function constScalar(value: Tensor | undefined): number | undefined {
  if (!value || value.size !== 1) return undefined;
  return isBigInt(value.type) ? Number((value.data as BigInt64Array)[0]) : readValues(value)[0];
}

/**
 * Copies `count` elements from `src` (starting at element `from`) into `dst` (at element `to`).
 * Works on raw storage for every dtype: float16 bits, bigints, strings and complex pairs move as
 * they are, with no decode/encode round trip.
 */
export function copyElements(src: TensorData, from: number, dst: TensorData, to: number, count: number, entries: number): void {
  const a = from * entries, b = to * entries, n = count * entries;
  // Small blocks (Gather along the last axis, say) are cheaper as a loop than as a subarray view.
  if (n < 16 || Array.isArray(src)) {
    for (let k = 0; k < n; k++) (dst as unknown[])[b + k] = (src as unknown[])[a + k];
  } else {
    (dst as Float32Array).set((src as Float32Array).subarray(a, a + n), b);
  }
}

/** Fresh storage for `size` elements of `dtype` and the entries per element (2 for complex). */
export function allocateFor(dtype: DType, size: number): { data: TensorData; entries: number } {
  return { data: allocate(dtype, size), entries: entriesPerElement(dtype) };
}

/** A scalar that reductions combine: numbers for every dtype but int64/uint64, which stay bigint. */
export type Scalar = number | bigint;

/** Element values for arithmetic: bigint arrays for 64-bit ints, decoded numbers otherwise. */
export function scalarValues(t: Tensor): Scalar[] {
  return isBigInt(t.type) ? Array.from(t.data as BigInt64Array) : Array.from(readValues(t));
}

/** The Scatter ops' `reduction` attribute: how an update meets the value already there. */
export const SCATTER_REDUCTIONS: Readonly<Record<string, (old: Scalar, update: Scalar) => Scalar>> = {
  none: (_old, update) => update,
  // `+` and `*` work on two numbers or two bigints; bool adds as OR and multiplies as AND once stored.
  add: (old, update) => (old as number) + (update as number),
  mul: (old, update) => (old as number) * (update as number),
  max: (old, update) => (update > old ? update : old),
  min: (old, update) => (update < old ? update : old),
};

/** The reduction function; an AttributeError names the ones allowed at this version. */
export function scatterReduction(name: string, allowed: readonly string[]): (old: Scalar, update: Scalar) => Scalar {
  if (!allowed.includes(name)) throw new AttributeError(`reduction '${name}' is not supported at this version (allowed: ${allowed.join(', ')})`);
  return SCATTER_REDUCTIONS[name];
}

/**
 * The shape rule of the per-element ops (GatherElements, ScatterElements, Scatter): `indices` has
 * data's rank (>= 1) and, off `axis`, no dim larger than data's, since each index element addresses
 * the data element at its own coordinates there (ONNX asks for equal dims; ORT and torch also take
 * smaller ones, which the kernels support). Dims are compared only where both are numbers, so
 * shape inference and the reference kernels share it. Returns the normalized axis.
 */
export function checkAlongAxisDims(op: string, data: readonly Dim[], indices: readonly Dim[], axisAttr: number): number {
  if (indices.length !== data.length || data.length === 0) {
    throw new ShapeError(`${op} needs data and indices of the same rank >= 1, got data ${formatDims(data)} and indices ${formatDims(indices)}`);
  }
  const axis = normalizeAxis(axisAttr, data.length);
  for (let i = 0; i < data.length; i++) {
    const d = data[i], n = indices[i];
    if (i !== axis && typeof d === 'number' && typeof n === 'number' && n > d) {
      throw new ShapeError(`${op}: indices ${formatDims(indices)} exceed data ${formatDims(data)} on dim ${i} (only axis ${axis} may be larger)`);
    }
  }
  return axis;
}

/** Whether two dims lists can be equal: same rank, and equal wherever both dims are numbers. */
export function dimsMayMatch(a: readonly Dim[], b: readonly Dim[]): boolean {
  return a.length === b.length && a.every((d, i) => typeof d !== 'number' || typeof b[i] !== 'number' || d === b[i]);
}

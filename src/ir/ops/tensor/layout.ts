/**
 * Shared machinery of the data-movement specs (Transpose, Slice, Expand, Tile, Pad, CenterCropPad,
 * DepthToSpace, …) and the dim arithmetic their shape inference needs.
 *
 * All of those ops are one operation in disguise: every output coordinate along axis k picks one
 * source coordinate along some source axis, independently of the other axes. `gatherAxes` takes
 * that choice as one offset table per output axis, so each spec only says how its axes map and the
 * copy loop is written (and tuned) once. The loop copies storage entries as they are, so it works
 * for every dtype without decoding: float16 bits, bigints, strings, sub-byte ints.
 */
import { allocate, entriesPerElement, isBigInt, type TypedArray } from '../../dtype.js';
import { ShapeError } from '../../errors.js';
import type { Dim } from '../../model.js';
import { sizeOf, Tensor } from '../../tensor.js';

/** Marks an output coordinate that reads no source element (a pad position): it gets the fill value. */
export const OUTSIDE = -1;

/** A storage entry of some dtype: a number (bits for float16 and friends), a bigint or a string. */
export type StorageValue = number | bigint | string;

/**
 * Builds a tensor of dims `outDims` whose element at coordinates (o_0, …, o_n) is the source element
 * at flat index `offsets[0][o_0] + … + offsets[n][o_n]`, or `fill` when any of those is OUTSIDE.
 * Offsets count elements of `src` (not storage entries).
 */
export function gatherAxes(src: Tensor, outDims: readonly number[], offsets: readonly Int32Array[], fill?: StorageValue): Tensor {
  const per = entriesPerElement(src.type);
  let dims = outDims;
  let offs = offsets;
  if (per > 1) {
    // Complex numbers are (re, im) entry pairs: copy them as an extra innermost axis of 2.
    dims = [...outDims, per];
    offs = [...offsets.map((o) => o.map((v) => (v < 0 ? OUTSIDE : v * per))), Int32Array.of(0, 1)];
  }
  const out = allocate(src.type, sizeOf(outDims)) as TypedArray | string[];
  const total = out.length;
  if (total === 0) return new Tensor(src.type, out, outDims);
  const data = src.data as TypedArray | string[];
  const zero: StorageValue = src.type === 'string' ? '' : isBigInt(src.type) ? 0n : 0;
  const pad = (fill ?? zero) as never;
  const rank = dims.length;
  if (rank === 0) {
    (out as unknown[])[0] = data[0];
    return new Tensor(src.type, out, outDims);
  }

  const inner = dims[rank - 1];
  const last = offs[rank - 1];
  let contiguous = true;
  let anyOutside = false;
  for (let j = 0; j < inner; j++) {
    if (last[j] < 0) anyOutside = true;
    if (last[j] !== last[0] + j) contiguous = false;
  }
  // Typed arrays copy a contiguous run with one native call (Slice, Concat-like and Expand along
  // outer axes all hit this); strings and scattered runs go element by element.
  const bulk = contiguous && !anyOutside && !Array.isArray(out);

  // base[k]: the source offset contributed by axes before k, or OUTSIDE.
  const counter = new Int32Array(rank);
  const base = new Float64Array(rank);
  for (let a = 0; a + 1 < rank; a++) base[a + 1] = addOffset(base[a], offs[a][0]);

  const o = out as unknown as Record<number, unknown>;
  const d = data as unknown as Record<number, unknown>;
  for (let i = 0; i < total; i += inner) {
    const b = base[rank - 1];
    if (b < 0) {
      for (let j = 0; j < inner; j++) o[i + j] = pad;
    } else if (bulk) {
      const from = b + last[0];
      (out as TypedArray).set((data as TypedArray).subarray(from, from + inner) as never, i);
    } else if (!anyOutside) {
      for (let j = 0; j < inner; j++) o[i + j] = d[b + last[j]];
    } else {
      for (let j = 0; j < inner; j++) {
        const v = last[j];
        o[i + j] = v < 0 ? pad : d[b + v];
      }
    }
    // Odometer step over the outer axes, then refresh the bases below the axis that moved.
    let k = rank - 2;
    while (k >= 0) {
      if (++counter[k] < dims[k]) break;
      counter[k] = 0;
      k--;
    }
    if (k < 0) break;
    for (let a = k; a + 1 < rank; a++) base[a + 1] = addOffset(base[a], offs[a][counter[a]]);
  }
  return new Tensor(src.type, out, outDims);
}

function addOffset(base: number, off: number): number {
  return base < 0 || off < 0 ? OUTSIDE : base + off;
}

/** Offset table of an axis read in order (coordinate o reads source coordinate o). */
export function identityAxis(n: number, stride: number): Int32Array {
  const t = new Int32Array(n);
  for (let o = 0; o < n; o++) t[o] = o * stride;
  return t;
}

/** Row-major strides in elements. */
export function elementStrides(dims: readonly number[]): number[] {
  const s = new Array<number>(dims.length);
  let acc = 1;
  for (let i = dims.length - 1; i >= 0; i--) { s[i] = acc; acc *= dims[i]; }
  return s;
}

/** `x` transposed by `perm` (output axis k is input axis perm[k]). */
export function transposeTensor(x: Tensor, perm: readonly number[]): Tensor {
  const strides = elementStrides(x.dims);
  const outDims = perm.map((p) => x.dims[p]);
  return gatherAxes(x, outDims, perm.map((p) => identityAxis(x.dims[p], strides[p])));
}

/** The storage entry that encodes `value` in `dtype` (float16 bits, a bigint, …). */
export function encodeScalar(dtype: Tensor['type'], value: number | bigint | string | boolean): StorageValue {
  return Tensor.fromValues(dtype, [], [value]).data[0] as StorageValue;
}

/** The dims as numbers when all are static, else undefined. */
export function staticDims(dims: readonly Dim[] | undefined): number[] | undefined {
  return dims && dims.every((d) => typeof d === 'number') ? (dims as number[]) : undefined;
}

/**
 * Product of dims as far as it is knowable: a number when all are static, the symbol itself when
 * one symbolic dim is multiplied by static 1s, otherwise undefined.
 */
export function dimProduct(dims: readonly Dim[]): Dim {
  let n = 1;
  let symbol: string | undefined;
  for (const d of dims) {
    if (typeof d === 'number') n *= d;
    else if (typeof d === 'string' && symbol === undefined) symbol = d;
    else return undefined;
  }
  if (symbol === undefined) return n;
  if (n === 1) return symbol;
  // N*0 is 0 whatever N is.
  return n === 0 ? 0 : undefined;
}

/** `[2,'N',?]` for messages. */
export function fmtDims(dims: readonly Dim[] | undefined): string {
  return dims ? `[${dims.map((d) => d ?? '?').join(',')}]` : '[...]';
}

/** Throws a ShapeError unless `values` is a list of integers (what shape-like inputs must hold). */
export function checkIntegers(what: string, values: readonly number[]): void {
  for (const v of values) if (!Number.isInteger(v)) throw new ShapeError(`${what} [${values.join(',')}] must hold integers`);
}

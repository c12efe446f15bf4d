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
  const entries = entriesPerElement(src.type);
  const out = allocate(src.type, sizeOf(outDims));
  const pad = fill ?? (src.type === 'string' ? '' : isBigInt(src.type) ? 0n : 0);
  if (out.length > 0) {
    const data = src.data;
    const fast = Array.isArray(data) || Array.isArray(out) ? undefined : wordCopy(data, out, entries, pad);
    if (fast) copyRows(fast.data, fast.out, simplify(outDims, offsets, fast.per), fast.pad);
    else gatherEach(data, out, outDims, offsets, entries, pad);
  }
  return new Tensor(src.type, out, outDims);
}

/**
 * The plain definition of gatherAxes, element by element. The fast path below must agree with it;
 * it serves strings, and the rare fills that are not one repeated storage word.
 */
function gatherEach(data: ArrayLike<unknown>, out: { [i: number]: unknown; length: number }, dims: readonly number[],
  offsets: readonly Int32Array[], entries: number, pad: unknown): void {
  const rank = dims.length;
  const counter = new Array<number>(rank).fill(0);
  for (let i = 0; i < out.length; i += entries) {
    let at = 0;
    for (let k = 0; k < rank && at >= 0; k++) {
      const v = offsets[k][counter[k]];
      at = v < 0 ? OUTSIDE : at + v;
    }
    for (let e = 0; e < entries; e++) out[i + e] = at < 0 ? pad : data[at * entries + e];
    for (let k = rank - 1; k >= 0; k--) {
      if (++counter[k] < dims[k]) break;
      counter[k] = 0;
    }
  }
}

type Words = Uint8Array | Uint16Array | Uint32Array;

/**
 * Source and output seen as unsigned words of the element's width (8-byte and complex elements as
 * several 4-byte words). Copying bits this way needs no decoding, and it keeps the copy loop down to
 * three array classes: one loop that sees every dtype's own class (Float32Array, BigInt64Array, …)
 * goes megamorphic in V8 and runs ~4.6x slower (Transpose of float32 [1,64,112,112] to NHWC:
 * 77 ms fresh, 356 ms after other dtypes had passed through it).
 */
function wordCopy(data: TypedArray, out: TypedArray, entries: number, pad: StorageValue) {
  const padElement = new (data.constructor as new (n: number) => TypedArray)(entries);
  padElement.fill(pad as never);
  const padWords = wordsOf(padElement);
  // A fill made of different words (a non-zero int64, say) cannot be one word: use the plain path.
  if (padWords.some((w) => w !== padWords[0])) return undefined;
  return { data: wordsOf(data), out: wordsOf(out), per: padWords.length, pad: padWords[0] };
}

function wordsOf(a: TypedArray): Words {
  const W = a.BYTES_PER_ELEMENT === 1 ? Uint8Array : a.BYTES_PER_ELEMENT === 2 ? Uint16Array : Uint32Array;
  return new W(a.buffer as ArrayBuffer, a.byteOffset, a.byteLength / W.BYTES_PER_ELEMENT);
}

/** Axes left to walk, after dropping size-1 axes into `shift` and merging axes that read contiguously. */
interface Plan { dims: number[]; offs: Int32Array[]; shift: number }

function simplify(outDims: readonly number[], offsets: readonly Int32Array[], per: number): Plan | typeof OUTSIDE {
  let dims: number[] = [];
  let offs: Int32Array[] = [];
  let shift = 0;
  outDims.forEach((n, k) => {
    const t = offsets[k];
    if (n !== 1) { dims.push(n); offs.push(t); return; }
    if (t[0] < 0) shift = OUTSIDE;
    else if (shift >= 0) shift += t[0];
  });
  if (shift < 0) return OUTSIDE;
  if (per > 1) {
    // An element of several words (int64, float64, complex) is an extra innermost axis of words.
    shift *= per;
    offs = offs.map((o) => o.map((v) => (v < 0 ? OUTSIDE : v * per)));
    dims.push(per);
    offs.push(identityAxis(per, 1));
  }
  // Two neighbouring axes that are plain strided reads with stride_outer = size_inner · stride_inner
  // are one axis: merging them makes the innermost run longer (Transpose of trailing axes kept in
  // order, Slice/Expand that leave inner axes whole).
  for (let k = dims.length - 2; k >= 0; k--) {
    const so = strideOf(offs[k]), si = strideOf(offs[k + 1]);
    if (so === undefined || si === undefined || so !== dims[k + 1] * si) continue;
    const n = dims[k] * dims[k + 1];
    const merged = new Int32Array(n);
    const start = offs[k][0] + offs[k + 1][0];
    for (let o = 0; o < n; o++) merged[o] = start + o * si;
    dims.splice(k, 2, n);
    offs.splice(k, 2, merged);
  }
  if (dims.length === 0) { dims = [1]; offs = [Int32Array.of(0)]; }
  return { dims, offs, shift };
}

/** The constant step of an offset table without OUTSIDE entries, else undefined. */
function strideOf(t: Int32Array): number | undefined {
  if (t[0] < 0) return undefined;
  const s = t.length > 1 ? t[1] - t[0] : 0;
  for (let o = 1; o < t.length; o++) if (t[o] < 0 || t[o] - t[o - 1] !== s) return undefined;
  return s;
}

/**
 * How the innermost axis reads: one contiguous run between OUTSIDE margins (`lead` fills, `len`
 * entries from `first`, then fills: Slice, Concat-like copies, constant Pad), one repeated
 * element (broadcast), or a general table.
 */
function innerShape(t: Int32Array): { lead: number; len: number; first: number } | 'splat' | 'table' {
  const n = t.length;
  let lead = 0;
  while (lead < n && t[lead] < 0) lead++;
  let len = 0;
  while (lead + len < n && t[lead + len] === t[lead] + len) len++;
  for (let j = lead + len; j < n; j++) if (t[j] >= 0) return n > 1 && t.every((v) => v === t[0]) ? 'splat' : 'table';
  return { lead, len, first: lead < n ? t[lead] : 0 };
}

function copyRows(data: Words, out: Words, plan: Plan | typeof OUTSIDE, pad: number): void {
  if (plan === OUTSIDE) { out.fill(pad); return; }
  const { dims, offs, shift } = plan;
  const rank = dims.length;
  const inner = dims[rank - 1];
  const last = offs[rank - 1];
  const shape = innerShape(last);
  // base[k]: the source offset contributed by axes before k, or OUTSIDE. Int32 keeps the element
  // reads on V8's fast small-integer path (a float index there costs ~10x).
  const counter = new Int32Array(rank);
  const base = new Int32Array(rank);
  base[0] = shift;
  for (let a = 0; a + 1 < rank; a++) base[a + 1] = addOffset(base[a], offs[a][0]);
  const total = out.length;
  for (let i = 0; i < total; i += inner) {
    const b = base[rank - 1];
    if (b < 0) out.fill(pad, i, i + inner);
    else if (shape === 'splat') out.fill(data[b + last[0]], i, i + inner);
    else if (shape === 'table') {
      for (let j = 0; j < inner; j++) {
        const v = last[j];
        out[i + j] = v < 0 ? pad : data[b + v];
      }
    } else {
      const { lead, len, first } = shape;
      if (lead > 0) out.fill(pad, i, i + lead);
      const from = b + first;
      // Short runs copy faster by hand than through subarray(), which allocates a view.
      if (len > 16) out.set(data.subarray(from, from + len), i + lead);
      else for (let j = 0; j < len; j++) out[i + lead + j] = data[from + j];
      if (lead + len < inner) out.fill(pad, i + lead + len, i + inner);
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

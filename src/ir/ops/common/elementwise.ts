/**
 * Elementwise families, each op declared in one line: `defineUnaryOp({ name: 'Exp', scalar: Math.exp })`.
 * The `scalar` function is the single definition of the op's math: the reference kernel maps it over
 * the tensor here, and the code generator reads it to emit specialized kernels.
 */
import { type DType, type TypedArray, allocate, isBigInt } from '../../dtype.js';
import { readValues, Tensor } from '../../tensor.js';
import { broadcastDims, broadcastIndex, broadcastShapes } from './broadcast.js';
import { defineOp, type AttrSpec, type AttrsOf, type InferContext, type OpSpec, type Tolerance } from '../spec.js';
import { ShapeError } from '../../errors.js';

type Num = number;

export interface UnaryOpOptions<A extends Record<string, AttrSpec>> {
  name: string;
  versions: readonly number[];
  doc: string;
  types: readonly DType[];
  /** The op's math on one element (float types are decoded to numbers first). */
  scalar: (x: Num, attrs: AttrsOf<A>) => Num | boolean;
  /** int64/uint64 math; without it, bigints go through `scalar` as numbers. */
  bigScalar?: (x: bigint, attrs: AttrsOf<A>) => bigint;
  /** Output dtype when it differs from the input's (IsNaN → bool). */
  outType?: DType;
  attributes?: A;
  tolerance?: Tolerance;
  domain?: string;
}

/** Declares a unary elementwise op (`Y = f(X)`). */
export function defineUnaryOp<const A extends Record<string, AttrSpec> = {}>(o: UnaryOpOptions<A>): OpSpec<A> {
  return defineOp<A>({
    name: o.name,
    domain: o.domain,
    versions: o.versions,
    doc: o.doc,
    inputs: [{ name: 'X', type: 'T' }],
    outputs: [{ name: 'Y', type: o.outType ?? 'T' }],
    types: { T: o.types },
    attributes: o.attributes,
    tolerance: o.tolerance,
    inferShape: ({ inputs: [x] }) => [{ kind: 'tensor', dtype: o.outType ?? x?.dtype, dims: x?.dims }],
    reference: ({ inputs, attrs }) => {
      const x = inputs[0] as Tensor;
      return [mapUnary(x, o.outType ?? x.type, (v) => o.scalar(v, attrs), o.bigScalar && ((v) => o.bigScalar!(v, attrs)))];
    },
  });
}

/** Applies `f` to every element of `x`, producing a tensor of dtype `outType`. */
export function mapUnary(x: Tensor, outType: DType, f: (v: number) => number | boolean, big?: (v: bigint) => bigint): Tensor {
  const n = x.size;
  if (isBigInt(x.type) && big && isBigInt(outType)) {
    const src = x.data as BigInt64Array;
    const out = allocate(outType, n) as BigInt64Array;
    for (let i = 0; i < n; i++) out[i] = big(src[i]);
    return new Tensor(outType, out, x.dims);
  }
  if (x.type === 'float32' && outType === 'float32') {
    const out = new Float32Array(n);
    mapFloat32(x.data as Float32Array, out, f as (v: number) => number);
    return new Tensor(outType, out, x.dims);
  }
  const src = numberValues(x);
  const out = outputBuffer(outType, n);
  const values = out.values;
  for (let i = 0; i < n; i++) values[i] = f(src[i]);
  return out.finish(x.dims);
}

/*
 * float32 in, float32 out is the common case in real models. Loops of its own keep V8's element
 * accesses monomorphic: a Relu-like map over 2M elements took 530 ms in a loop that had also seen
 * Float64Array, Int32Array, Uint8Array and Array inputs, and 48 ms in a float32-only loop
 * (tsx, Node 20, same loaded 2-core machine, same run).
 */
function mapFloat32(src: Float32Array, out: Float32Array, f: (v: number) => number): void {
  for (let i = 0; i < src.length; i++) out[i] = f(src[i]);
}

function zipFloat32(a: Float32Array, b: Float32Array, ia: Int32Array | undefined, ib: Int32Array | undefined, out: Float32Array,
  f: (x: number, y: number, t: DType) => number): void {
  const n = out.length;
  if (!ia && !ib) for (let i = 0; i < n; i++) out[i] = f(a[i], b[i], 'float32');
  else if (!ia) for (let i = 0; i < n; i++) out[i] = f(a[i], b[ib![i]], 'float32');
  else if (!ib) for (let i = 0; i < n; i++) out[i] = f(a[ia[i]], b[i], 'float32');
  else for (let i = 0; i < n; i++) out[i] = f(a[ia[i]], b[ib[i]], 'float32');
}

/** Element values as numbers; int64/uint64 are converted (exact up to 2^53). */
export function numberValues(t: Tensor): ArrayLike<number> {
  return isBigInt(t.type) ? Array.from(t.data as BigInt64Array, Number) : readValues(t);
}

/** Types whose storage array takes element values as they are (a store wraps integers like a C cast). */
const DIRECT_STORE: ReadonlySet<DType> = new Set<DType>(['float32', 'float64', 'int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32']);

/**
 * Where an elementwise kernel writes its results: straight into the storage array when the dtype
 * stores plain numbers (no staging copy), else into a staging array that `Tensor.fromValues`
 * encodes (float16, int64, bool, …).
 */
export function outputBuffer(outType: DType, n: number): { values: { [i: number]: number | bigint | boolean }; finish(dims: readonly number[]): Tensor } {
  if (DIRECT_STORE.has(outType)) {
    const values = allocate(outType, n) as TypedArray;
    return { values: values as unknown as number[], finish: (dims) => new Tensor(outType, values, dims) };
  }
  const values = new Array<number | bigint | boolean>(n);
  return { values, finish: (dims) => Tensor.fromValues(outType, dims, values as ArrayLike<number>) };
}

export interface BinaryOpOptions {
  name: string;
  versions: readonly number[];
  doc: string;
  types: readonly DType[];
  /** Allowed types of B when they are a separate type variable 'T1' (Pow); else B is 'T' like A. */
  typesB?: readonly DType[];
  scalar: (a: Num, b: Num, dtype: DType) => Num | boolean;
  bigScalar?: (a: bigint, b: bigint, dtype: DType) => bigint | boolean;
  /** Output dtype when it differs from the inputs' (comparisons → bool). */
  outType?: DType;
  /**
   * Opsets before this one use the legacy `broadcast`/`axis` attributes (unidirectional, B aligned
   * to A at `axis`) instead of numpy broadcasting. 7 for the arithmetic ops.
   */
  numpyBroadcastSince?: number;
  tolerance?: Tolerance;
  domain?: string;
}

const LEGACY_BROADCAST_ATTRS = {
  broadcast: { type: 'int', default: 0, until: 7 },
  axis: { type: 'int', until: 7 },
  consumed_inputs: { type: 'ints', until: 6 },
} as const satisfies Record<string, AttrSpec>;

/** Declares a binary elementwise op with broadcasting (`C = f(A, B)`). */
export function defineBinaryOp(o: BinaryOpOptions) {
  const legacyUntil = o.numpyBroadcastSince;
  return defineOp({
    name: o.name,
    domain: o.domain,
    versions: o.versions,
    doc: o.doc,
    inputs: [{ name: 'A', type: 'T' }, { name: 'B', type: o.typesB ? 'T1' : 'T' }],
    outputs: [{ name: 'C', type: o.outType ?? 'T' }],
    types: o.typesB ? { T: o.types, T1: o.typesB } : { T: o.types },
    attributes: legacyUntil ? LEGACY_BROADCAST_ATTRS : ({} as typeof LEGACY_BROADCAST_ATTRS),
    tolerance: o.tolerance,
    inferShape: (ctx) => {
      const [a, b] = ctx.inputs;
      if (!a?.dims || !b?.dims) return [{ kind: 'tensor', dtype: o.outType ?? a?.dtype ?? b?.dtype }];
      const bDims = legacyUntil && ctx.version < legacyUntil ? legacyAlign(a.dims.length, b.dims, ctx) : b.dims;
      return [{ kind: 'tensor', dtype: o.outType ?? a.dtype, dims: broadcastDims(a.dims, bDims) }];
    },
    reference: (ctx) => {
      const a = ctx.inputs[0] as Tensor;
      let b = ctx.inputs[1] as Tensor;
      if (legacyUntil && ctx.version < legacyUntil) b = b.reshape(legacyAlign(a.dims.length, b.dims, ctx) as number[]);
      return [mapBinary(a, b, o.outType ?? a.type, o.scalar, o.bigScalar)];
    },
  });
}

/**
 * Legacy (opset < 7) broadcasting: with broadcast=1, B's dims line up with A's starting at `axis`
 * (default: suffix). Returns B's dims padded with 1s to A's rank.
 */
export function legacyAlign<D>(rankA: number, bDims: readonly D[], ctx: { attrs: Record<string, unknown> }): (D | 1)[] {
  if (!ctx.attrs.broadcast) return [...bDims];
  const axisAttr = ctx.attrs.axis as number | undefined;
  const axis = axisAttr === undefined ? rankA - bDims.length : axisAttr < 0 ? axisAttr + rankA : axisAttr;
  if (axis < 0 || axis + bDims.length > rankA) throw new ShapeError(`legacy broadcast: B of rank ${bDims.length} does not fit A of rank ${rankA} at axis ${axis}`);
  return [...new Array(axis).fill(1), ...bDims, ...new Array(rankA - axis - bDims.length).fill(1)];
}

/**
 * Applies `f` elementwise over broadcast `a` and `b`. `big` handles the pair when both are
 * int64/uint64 (exact math); otherwise values go through `f` as numbers. `a` and `b` may differ in
 * dtype (Pow); `f` receives `a`'s.
 */
export function mapBinary(a: Tensor, b: Tensor, outType: DType,
  f: (x: number, y: number, t: DType) => number | boolean,
  big?: (x: bigint, y: bigint, t: DType) => bigint | boolean): Tensor {
  const dims = broadcastShapes(a.dims, b.dims);
  const n = dims.reduce((p, q) => p * q, 1);
  const same = (d: readonly number[]) => d.length === dims.length && d.every((v, i) => v === dims[i]);
  const ia = same(a.dims) ? undefined : broadcastIndex(a.dims, dims);
  const ib = same(b.dims) ? undefined : broadcastIndex(b.dims, dims);
  const t = a.type;
  if (big && isBigInt(a.type) && isBigInt(b.type)) {
    const av = a.data as BigInt64Array, bv = b.data as BigInt64Array;
    const out = new Array<bigint | boolean>(n);
    for (let i = 0; i < n; i++) out[i] = big(av[ia ? ia[i] : i], bv[ib ? ib[i] : i], t);
    return Tensor.fromValues(outType, dims, out as unknown as ArrayLike<bigint>);
  }
  if (a.type === 'float32' && b.type === 'float32' && outType === 'float32') {
    const out = new Float32Array(n);
    zipFloat32(a.data as Float32Array, b.data as Float32Array, ia, ib, out, f as (x: number, y: number, t: DType) => number);
    return new Tensor(outType, out, dims);
  }
  const av = numberValues(a), bv = numberValues(b);
  const out = outputBuffer(outType, n);
  const values = out.values;
  if (!ia && !ib) for (let i = 0; i < n; i++) values[i] = f(av[i], bv[i], t);
  else for (let i = 0; i < n; i++) values[i] = f(av[ia ? ia[i] : i], bv[ib ? ib[i] : i], t);
  return out.finish(dims);
}

/** For variadic elementwise ops (Sum, Max, Mean): folds `f` over all inputs with broadcasting. */
export function foldVariadic(inputs: Tensor[], f: (x: number, y: number, t: DType) => number, big?: (x: bigint, y: bigint, t: DType) => bigint): Tensor {
  let acc = inputs[0];
  for (let i = 1; i < inputs.length; i++) acc = mapBinary(acc, inputs[i], acc.type, f, big);
  return acc;
}

export type { InferContext };

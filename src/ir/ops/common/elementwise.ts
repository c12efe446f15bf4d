/**
 * Elementwise families, each op declared in one line: `defineUnaryOp({ name: 'Exp', scalar: Math.exp })`.
 * The `scalar` function is the single definition of the op's math: the reference kernel maps it over
 * the tensor here, and the code generator reads it to emit specialized kernels.
 */
import { type DType, isBigInt } from '../../dtype.js';
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
  if (isBigInt(x.type)) {
    const src = x.data as BigInt64Array;
    if (big && isBigInt(outType)) {
      const out = new (x.data.constructor as BigInt64ArrayConstructor)(n);
      for (let i = 0; i < n; i++) out[i] = big(src[i]);
      return new Tensor(outType, out, x.dims);
    }
    const out = new Array<number | boolean>(n);
    for (let i = 0; i < n; i++) out[i] = f(Number(src[i]));
    return Tensor.fromValues(outType, x.dims, out as ArrayLike<number>);
  }
  const src = readValues(x);
  const out = new Array<number | boolean>(n);
  for (let i = 0; i < n; i++) out[i] = f(src[i]);
  return Tensor.fromValues(outType, x.dims, out as ArrayLike<number>);
}

export interface BinaryOpOptions {
  name: string;
  versions: readonly number[];
  doc: string;
  types: readonly DType[];
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
    inputs: [{ name: 'A', type: 'T' }, { name: 'B', type: 'T' }],
    outputs: [{ name: 'C', type: o.outType ?? 'T' }],
    types: { T: o.types },
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
function legacyAlign<D>(rankA: number, bDims: readonly D[], ctx: { attrs: Record<string, unknown> }): (D | 1)[] {
  if (!ctx.attrs.broadcast) return [...bDims];
  const axisAttr = ctx.attrs.axis as number | undefined;
  const axis = axisAttr === undefined ? rankA - bDims.length : axisAttr < 0 ? axisAttr + rankA : axisAttr;
  if (axis < 0 || axis + bDims.length > rankA) throw new ShapeError(`legacy broadcast: B of rank ${bDims.length} does not fit A of rank ${rankA} at axis ${axis}`);
  return [...new Array(axis).fill(1), ...bDims, ...new Array(rankA - axis - bDims.length).fill(1)];
}

/** Applies `f` elementwise over broadcast `a` and `b`. */
export function mapBinary(a: Tensor, b: Tensor, outType: DType,
  f: (x: number, y: number, t: DType) => number | boolean,
  big?: (x: bigint, y: bigint, t: DType) => bigint | boolean): Tensor {
  const dims = broadcastShapes(a.dims, b.dims);
  const n = dims.reduce((p, q) => p * q, 1);
  const same = (d: readonly number[]) => d.length === dims.length && d.every((v, i) => v === dims[i]);
  const ia = same(a.dims) ? undefined : broadcastIndex(a.dims, dims);
  const ib = same(b.dims) ? undefined : broadcastIndex(b.dims, dims);
  const out = new Array<number | bigint | boolean>(n);
  if (isBigInt(a.type)) {
    const av = a.data as BigInt64Array, bv = b.data as BigInt64Array;
    for (let i = 0; i < n; i++) {
      const x = av[ia ? ia[i] : i], y = bv[ib ? ib[i] : i];
      out[i] = big ? big(x, y, a.type) : f(Number(x), Number(y), a.type);
    }
  } else {
    const av = readValues(a), bv = readValues(b);
    for (let i = 0; i < n; i++) out[i] = f(av[ia ? ia[i] : i], bv[ib ? ib[i] : i], a.type);
  }
  return Tensor.fromValues(outType, dims, out as ArrayLike<number>);
}

/** For variadic elementwise ops (Sum, Max, Mean): folds `f` over all inputs with broadcasting. */
export function foldVariadic(inputs: Tensor[], f: (x: number, y: number, t: DType) => number, big?: (x: bigint, y: bigint, t: DType) => bigint): Tensor {
  let acc = inputs[0];
  for (let i = 1; i < inputs.length; i++) acc = mapBinary(acc, inputs[i], acc.type, f, big);
  return acc;
}

export type { InferContext };

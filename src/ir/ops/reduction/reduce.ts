/**
 * The shared machinery of the Reduce* family: which axes a node reduces (an attribute before the
 * op's `axesInputSince`, an optional int64 input from then on), the output shape, and one kernel
 * that every Reduce op runs with its own `ReduceMath`.
 *
 * The kernel enumerates two offset tables once: the flat offset of every output element's first
 * input element (over the kept axes), and the offsets of the reduced positions relative to it
 * (over the reduced axes). Each output is then a plain loop over the second table, which works
 * for any set of axes, contiguous or not.
 */
import { type DType, INT_RANGE, isBigInt } from '../../dtype.js';
import type { Dim } from '../../model.js';
import { readNumbers, readValues, Tensor } from '../../tensor.js';
import { normalizeAxes } from '../common/axes.js';
import { stridesOf } from '../common/broadcast.js';
import { defineOp, type InferContext, type InferInput, type OpSpec } from '../spec.js';

/**
 * What a Reduce op computes, as three steps: `pre` maps each element, `combine` folds the mapped
 * elements of one output, `post` finishes the folded value (with the element count for a mean).
 */
export interface ReduceMath {
  pre: 'none' | 'abs' | 'square';
  /** 'logsumexp' folds log(Σ exp(x)), shifted by the maximum so large inputs do not overflow. */
  combine: 'sum' | 'prod' | 'max' | 'min' | 'logsumexp';
  post: 'none' | 'sqrt' | 'log' | 'mean';
}

/** A Reduce op's declaration: its schema facts and its `ReduceMath`. */
export interface ReduceOpOptions {
  name: string;
  versions: readonly number[];
  doc: string;
  types: readonly DType[];
  /** The version from which `axes` is an input instead of an attribute (13 for ReduceSum, else 18). */
  axesInputSince: number;
  math: ReduceMath;
}

const reduceAttributes = (axesInputSince: number) => ({
  axes: { type: 'ints', until: axesInputSince },
  keepdims: { type: 'int', default: 1 },
  noop_with_empty_axes: { type: 'int', default: 0, since: axesInputSince },
} as const);

type ReduceAttrs = { axes?: number[]; keepdims: number; noop_with_empty_axes: number };

/** Declares a Reduce op on top of the shared axes handling, shape inference and kernel. */
export function defineReduceOp(o: ReduceOpOptions): OpSpec<ReturnType<typeof reduceAttributes>> {
  return defineOp({
    name: o.name,
    versions: o.versions,
    doc: o.doc,
    inputs: [{ name: 'data', type: 'T' }, { name: 'axes', type: 'int64', optional: true }],
    outputs: [{ name: 'reduced', type: 'T' }],
    types: { T: o.types },
    attributes: reduceAttributes(o.axesInputSince),
    inferShape: (ctx) => {
      const data = ctx.inputs[0];
      return [{ kind: 'tensor', dtype: data?.dtype, dims: inferReducedDims(ctx, o.axesInputSince) }];
    },
    reference: (ctx) => {
      const data = ctx.inputs[0] as Tensor;
      const axesInput = ctx.inputs[1] as Tensor | undefined;
      const requested = requestedAxes(ctx.attrs, ctx.version, o.axesInputSince, axesInput !== undefined, axesInput && readNumbers(axesInput));
      const axes = resolveAxes(requested!, data.dims.length);
      return [reduce(data, axes, ctx.attrs.keepdims !== 0, o.math)];
    },
  });
}

/**
 * The axes a node asks for: a list, 'all', 'none' (noop_with_empty_axes with no axes), or
 * undefined while the axes input is present but not yet known.
 */
type RequestedAxes = number[] | 'all' | 'none' | undefined;

function requestedAxes(attrs: ReduceAttrs, version: number, axesInputSince: number, hasInput: boolean, values: number[] | undefined): RequestedAxes {
  if (version < axesInputSince) return attrs.axes?.length ? attrs.axes : 'all';
  if (hasInput && values === undefined) return undefined;
  if (values?.length) return values;
  return attrs.noop_with_empty_axes ? 'none' : 'all';
}

function resolveAxes(requested: Exclude<RequestedAxes, undefined>, rank: number): number[] {
  if (requested === 'all') return Array.from({ length: rank }, (_, i) => i);
  if (requested === 'none') return [];
  return normalizeAxes(requested, rank);
}

function inferReducedDims(ctx: InferContext<ReturnType<typeof reduceAttributes>>, axesInputSince: number): Dim[] | undefined {
  const data = ctx.inputs[0];
  const axesInput: InferInput | undefined = ctx.inputs[1];
  if (!data?.dims) return undefined;
  const rank = data.dims.length;
  const keepdims = ctx.attrs.keepdims !== 0;
  const values = axesInput?.value ? readNumbers(axesInput.value) : undefined;
  const requested = requestedAxes(ctx.attrs, ctx.version, axesInputSince, axesInput !== undefined, values);
  if (requested === undefined) {
    // Unknown axes: keepdims keeps the rank; otherwise the axes input's length gives it, if known.
    if (keepdims) return data.dims.map(() => undefined);
    const count = axesInput?.dims?.length === 1 ? axesInput.dims[0] : undefined;
    return typeof count === 'number' && count > 0 ? new Array<Dim>(rank - count).fill(undefined) : undefined;
  }
  const axes = new Set(resolveAxes(requested, rank));
  return keepdims ? data.dims.map((d, i) => (axes.has(i) ? 1 : d)) : data.dims.filter((_, i) => !axes.has(i));
}

/** Dims of `dims` reduced over `axes` (kept as 1s with keepdims, dropped otherwise). */
export function reducedDims(dims: readonly number[], axes: readonly number[], keepdims: boolean): number[] {
  return keepdims ? dims.map((d, i) => (axes.includes(i) ? 1 : d)) : dims.filter((_, i) => !axes.includes(i));
}

/**
 * Flat offsets of every position of the sub-grid spanned by `axes` of a tensor with `dims`, in
 * row-major order over those axes. With the kept axes this lists each output's base offset, with
 * the reduced axes the offsets of one output's elements relative to that base.
 */
export function axisOffsets(dims: readonly number[], axes: readonly number[]): Int32Array {
  const strides = stridesOf(dims);
  const sizes = axes.map((a) => dims[a]);
  const count = sizes.reduce((p, q) => p * q, 1);
  const out = new Int32Array(count);
  const counter = new Array<number>(axes.length).fill(0);
  let offset = 0;
  for (let i = 0; i < count; i++) {
    out[i] = offset;
    for (let k = axes.length - 1; k >= 0; k--) {
      counter[k]++;
      offset += strides[axes[k]];
      if (counter[k] < sizes[k]) break;
      offset -= strides[axes[k]] * counter[k];
      counter[k] = 0;
    }
  }
  return out;
}

/** Reduces `data` over the (normalized, distinct) `axes` with `math`. */
export function reduce(data: Tensor, axes: readonly number[], keepdims: boolean, math: ReduceMath): Tensor {
  const dims = data.dims;
  const sorted = [...axes].sort((a, b) => a - b);
  const kept = dims.map((_, i) => i).filter((i) => !sorted.includes(i));
  const outDims = reducedDims(dims, sorted, keepdims);
  const bases = axisOffsets(dims, kept);
  const offsets = axisOffsets(dims, sorted);
  if (isBigInt(data.type)) return Tensor.fromValues(data.type, outDims, reduceBigInts(data, bases, offsets, math));
  const values = reduceNumbers(premap(readValues(data), math.pre), bases, offsets, math.combine, emptyValue(data.type, math.combine));
  finish(values, offsets.length, math.post);
  return Tensor.fromValues(data.type, outDims, values);
}

function premap(x: ArrayLike<number>, pre: ReduceMath['pre']): ArrayLike<number> {
  if (pre === 'none') return x;
  const out = new Float64Array(x.length);
  if (pre === 'abs') for (let i = 0; i < x.length; i++) out[i] = Math.abs(x[i]);
  else for (let i = 0; i < x.length; i++) out[i] = x[i] * x[i];
  return out;
}

/** The fold of an empty set, per the spec: max of nothing is -inf, or the type's minimum. */
function emptyValue(dtype: DType, combine: ReduceMath['combine']): number {
  switch (combine) {
    case 'sum': return 0;
    case 'prod': return 1;
    case 'logsumexp': return -Infinity;
    case 'max': return dtype === 'bool' ? 0 : INT_RANGE[dtype]?.[0] ?? -Infinity;
    case 'min': return dtype === 'bool' ? 1 : INT_RANGE[dtype]?.[1] ?? Infinity;
  }
}

function reduceNumbers(x: ArrayLike<number>, bases: Int32Array, offsets: Int32Array, combine: ReduceMath['combine'], empty: number): Float64Array {
  const out = new Float64Array(bases.length);
  const n = offsets.length;
  if (n === 0) return out.fill(empty);
  // One loop per fold, so the inner loop carries no per-element dispatch.
  switch (combine) {
    case 'sum':
      for (let o = 0; o < bases.length; o++) {
        const base = bases[o];
        let acc = 0;
        for (let j = 0; j < n; j++) acc += x[base + offsets[j]];
        out[o] = acc;
      }
      break;
    case 'prod':
      for (let o = 0; o < bases.length; o++) {
        const base = bases[o];
        let acc = 1;
        for (let j = 0; j < n; j++) acc *= x[base + offsets[j]];
        out[o] = acc;
      }
      break;
    case 'max':
      for (let o = 0; o < bases.length; o++) {
        const base = bases[o];
        let acc = x[base];
        // NaN wins, as in numpy's max: comparisons with NaN are false, so test it explicitly.
        for (let j = 1; j < n && acc === acc; j++) { const v = x[base + offsets[j]]; if (v > acc || v !== v) acc = v; }
        out[o] = acc;
      }
      break;
    case 'min':
      for (let o = 0; o < bases.length; o++) {
        const base = bases[o];
        let acc = x[base];
        for (let j = 1; j < n && acc === acc; j++) { const v = x[base + offsets[j]]; if (v < acc || v !== v) acc = v; }
        out[o] = acc;
      }
      break;
    case 'logsumexp':
      for (let o = 0; o < bases.length; o++) {
        const base = bases[o];
        let m = -Infinity;
        for (let j = 0; j < n; j++) { const v = x[base + offsets[j]]; if (v > m || v !== v) m = v; }
        // An infinite (or NaN) maximum decides the result; shifting by it would give NaN.
        if (!Number.isFinite(m)) { out[o] = m; continue; }
        let s = 0;
        for (let j = 0; j < n; j++) s += Math.exp(x[base + offsets[j]] - m);
        out[o] = m + Math.log(s);
      }
      break;
  }
  return out;
}

function finish(values: Float64Array, count: number, post: ReduceMath['post']): void {
  switch (post) {
    case 'none': return;
    case 'sqrt': for (let i = 0; i < values.length; i++) values[i] = Math.sqrt(values[i]); return;
    case 'log': for (let i = 0; i < values.length; i++) values[i] = Math.log(values[i]); return;
    // Integer types truncate the mean when the result is stored, as integer division does.
    case 'mean': for (let i = 0; i < values.length; i++) values[i] /= count; return;
  }
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/**
 * int64/uint64 reductions in BigInt, so sums and products stay exact past 2^53. Not a hot path in
 * real models, so one loop with the fold chosen per element keeps it short.
 */
function reduceBigInts(data: Tensor, bases: Int32Array, offsets: Int32Array, math: ReduceMath): (bigint | number)[] {
  const x = data.data as BigInt64Array | BigUint64Array;
  const unsigned = data.type === 'uint64';
  const n = offsets.length;
  const out = new Array<bigint | number>(bases.length);
  for (let o = 0; o < bases.length; o++) {
    const base = bases[o];
    if (math.combine === 'logsumexp') {
      let s = 0;
      for (let j = 0; j < n; j++) s += Math.exp(Number(x[base + offsets[j]]));
      out[o] = truncOrZero(Math.log(s));
      continue;
    }
    let acc: bigint;
    switch (math.combine) {
      case 'sum': acc = 0n; break;
      case 'prod': acc = 1n; break;
      case 'max': acc = unsigned ? 0n : INT64_MIN; break;
      case 'min': acc = unsigned ? UINT64_MAX : INT64_MAX; break;
    }
    for (let j = 0; j < n; j++) {
      let v = x[base + offsets[j]];
      if (math.pre === 'abs' && v < 0n) v = -v;
      else if (math.pre === 'square') v *= v;
      if (math.combine === 'sum') acc += v;
      else if (math.combine === 'prod') acc *= v;
      else if (math.combine === 'max') { if (v > acc) acc = v; }
      else if (v < acc) acc = v;
    }
    switch (math.post) {
      case 'none': out[o] = acc; break;
      case 'mean': out[o] = n === 0 ? 0n : acc / BigInt(n); break;
      case 'sqrt': out[o] = truncOrZero(Math.sqrt(Number(acc))); break;
      case 'log': out[o] = truncOrZero(Math.log(Number(acc))); break;
    }
  }
  return out;
}

/** An integer result of float math; non-finite results (log 0) have no integer, ONNX leaves them undefined. */
function truncOrZero(v: number): bigint {
  return Number.isFinite(v) ? BigInt(Math.trunc(v)) : 0n;
}

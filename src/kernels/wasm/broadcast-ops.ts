/**
 * Equal, Where and Expand on the wasm provider, in plain TypeScript: exported transformers build
 * their attention mask with them (Equal(mask, 0) → Expand → Where(…, -inf, 0)) once per run, and
 * the reference kernels, which go through generic value readers, took 20–45 µs each on tinybert's
 * 64-element masks (scratch timing, 09:54 UTC). Direct typed-array loops over the shared
 * broadcastIndex maps; dtypes whose storage is not the value itself (float16 and the other
 * bit-encoded floats, strings) go to the reference kernels.
 */
import { broadcastIndex, broadcastShapes } from '../../ir/ops/common/broadcast.js';
import type { DType, TypedArray } from '../../ir/dtype.js';
import type { Value } from '../../ir/ops/spec.js';
import { sizeOf, Tensor } from '../../ir/tensor.js';
import { scratch } from '../caches.js';
import { outputStorage, type KernelContext } from '../kernel.js';
import { reference, shapeValues } from './common.js';

type Attrs = Readonly<Record<string, unknown>>;

/** Types whose stored entries are the values themselves (=== compares values, copies are exact). */
const PLAIN = new Set<DType>(['float32', 'float64', 'int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64', 'bool']);

/**
 * `broadcastIndex(inDims, out)` in reused scratch map `slot` (0–2; kernels run one at a time and
 * these keep nothing): a fresh Int32Array per operand was ~1 µs of allocation each, most of a
 * 64-element mask op (16:40 UTC profile of tinybert).
 */
function indexMap(slot: number, inDims: readonly number[], out: readonly number[], size: number): Int32Array {
  return broadcastIndex(inDims, out, scratch<Int32Array>('int32', `broadcast-map-${slot}`, size));
}

function shapesOr(dims: (readonly number[])[]): number[] | undefined {
  try {
    return broadcastShapes(...dims);
  } catch {
    return undefined; // the reference kernel reports the mismatch
  }
}

/** Equal (opset 7+: numpy broadcasting); NaN equals nothing, int64 compares as bigints. */
export function runEqual(ctx: KernelContext, inputs: readonly (Value | undefined)[], attrs: Attrs): Value[] | Promise<Value[]> {
  const a = inputs[0] as Tensor, b = inputs[1] as Tensor;
  const out = PLAIN.has(a.type) && a.type === b.type ? shapesOr([a.dims, b.dims]) : undefined;
  if (!out) return reference(ctx, inputs, attrs);
  const x = a.data as ArrayLike<number | bigint>, y = b.data as ArrayLike<number | bigint>;
  const size = sizeOf(out);
  const ia = indexMap(0, a.dims, out, size), ib = indexMap(1, b.dims, out, size);
  const r = outputStorage(ctx, 'bool', size) as Uint8Array;
  for (let o = 0; o < size; o++) r[o] = x[ia[o]] === y[ib[o]] ? 1 : 0;
  return [new Tensor('bool', r, out)];
}

/** Where(condition, X, Y) with numpy broadcasting over all three. */
export function runWhere(ctx: KernelContext, inputs: readonly (Value | undefined)[], attrs: Attrs): Value[] | Promise<Value[]> {
  const c = inputs[0] as Tensor, a = inputs[1] as Tensor, b = inputs[2] as Tensor;
  const out = c.type === 'bool' && PLAIN.has(a.type) && a.type === b.type ? shapesOr([c.dims, a.dims, b.dims]) : undefined;
  if (!out) return reference(ctx, inputs, attrs);
  const cond = c.data as Uint8Array, x = a.data as TypedArray, y = b.data as TypedArray;
  const size = sizeOf(out);
  const ic = indexMap(0, c.dims, out, size), ia = indexMap(1, a.dims, out, size), ib = indexMap(2, b.dims, out, size);
  const r = outputStorage(ctx, a.type, size) as Float32Array;
  for (let o = 0; o < size; o++) r[o] = (cond[ic[o]] ? x[ia[o]] : y[ib[o]]) as number;
  return [new Tensor(a.type, r, out)];
}

/** Expand (bidirectional broadcast of the input with the int64 `shape`). */
export function runExpand(ctx: KernelContext, inputs: readonly (Value | undefined)[], attrs: Attrs): Value[] | Promise<Value[]> {
  const x = inputs[0] as Tensor, shape = inputs[1] as Tensor;
  const out = PLAIN.has(x.type) && shape.type === 'int64' ? shapesOr([x.dims, shapeValues(shape)]) : undefined;
  if (!out) return reference(ctx, inputs, attrs);
  const src = x.data as TypedArray;
  const size = sizeOf(out);
  const ix = indexMap(0, x.dims, out, size);
  const r = outputStorage(ctx, x.type, size) as Float32Array;
  for (let o = 0; o < size; o++) r[o] = src[ix[o]] as number;
  return [new Tensor(x.type, r, out)];
}

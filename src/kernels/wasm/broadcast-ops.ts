/**
 * Equal, Where and Expand on the wasm provider, in plain TypeScript: exported transformers build
 * their attention mask with them (Equal(mask, 0) → Expand → Where(…, -inf, 0)) once per run, and
 * the reference kernels, which go through generic value readers, took 20–45 µs each on tinybert's
 * 64-element masks (scratch timing, 09:54 UTC). Direct typed-array loops with numpy broadcasting;
 * dtypes whose storage is not the value itself (float16 and the other bit-encoded floats, strings)
 * go to the reference kernels.
 */
import { broadcastShapes } from '../../ir/ops/common/broadcast.js';
import { storageCtor, type DType, type TypedArray } from '../../ir/dtype.js';
import type { Value } from '../../ir/ops/spec.js';
import { Tensor } from '../../ir/tensor.js';
import { outputStorage, type KernelContext } from '../kernel.js';
import { reference } from './common.js';

type Attrs = Readonly<Record<string, unknown>>;

/** Types whose stored entries are the values themselves (=== compares values, copies are exact). */
const PLAIN = new Set<DType>(['float32', 'float64', 'int8', 'uint8', 'int16', 'uint16', 'int32', 'uint32', 'int64', 'uint64', 'bool']);

/** Strides of `dims` over the broadcast `out` dims (0 where it repeats), right-aligned. */
function stridesInto(dims: readonly number[], out: readonly number[]): number[] {
  const s = new Array<number>(out.length).fill(0);
  let acc = 1;
  for (let i = dims.length - 1; i >= 0; i--) {
    const k = out.length - dims.length + i;
    if (dims[i] !== 1) s[k] = acc;
    acc *= dims[i];
  }
  return s;
}

/**
 * Calls `fn(o, i0, i1, …)` for every output index `o` with each input's element index, walking
 * the output in row-major order with one odometer.
 */
function eachBroadcast(out: readonly number[], inputs: readonly (readonly number[])[], fn: (o: number, idx: Int32Array) => void): void {
  const rank = out.length, n = inputs.length;
  const strides = inputs.map((d) => stridesInto(d, out));
  const counter = new Int32Array(rank), idx = new Int32Array(n);
  let size = 1;
  for (const d of out) size *= d;
  for (let o = 0; o < size; o++) {
    fn(o, idx);
    for (let a = rank - 1; a >= 0; a--) {
      counter[a]++;
      for (let t = 0; t < n; t++) idx[t] += strides[t][a];
      if (counter[a] < out[a]) break;
      for (let t = 0; t < n; t++) idx[t] -= strides[t][a] * out[a];
      counter[a] = 0;
    }
  }
}

function storage(ctx: KernelContext, dtype: DType, size: number): TypedArray {
  return outputStorage(ctx, dtype, size);
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
  const size = out.reduce((p, d) => p * d, 1);
  const r = storage(ctx, 'bool', size) as Uint8Array;
  eachBroadcast(out, [a.dims, b.dims], (o, idx) => { r[o] = x[idx[0]] === y[idx[1]] ? 1 : 0; });
  return [new Tensor('bool', r, out)];
}

/** Where(condition, X, Y) with numpy broadcasting over all three. */
export function runWhere(ctx: KernelContext, inputs: readonly (Value | undefined)[], attrs: Attrs): Value[] | Promise<Value[]> {
  const c = inputs[0] as Tensor, a = inputs[1] as Tensor, b = inputs[2] as Tensor;
  const out = c.type === 'bool' && PLAIN.has(a.type) && a.type === b.type ? shapesOr([c.dims, a.dims, b.dims]) : undefined;
  if (!out) return reference(ctx, inputs, attrs);
  const cond = c.data as Uint8Array, x = a.data as TypedArray, y = b.data as TypedArray;
  const size = out.reduce((p, d) => p * d, 1);
  const r = storage(ctx, a.type, size) as Float32Array;
  eachBroadcast(out, [c.dims, a.dims, b.dims], (o, idx) => { r[o] = (cond[idx[0]] ? x[idx[1]] : y[idx[2]]) as number; });
  return [new Tensor(a.type, r, out)];
}

/** Expand (bidirectional broadcast of the input with the int64 `shape`). */
export function runExpand(ctx: KernelContext, inputs: readonly (Value | undefined)[], attrs: Attrs): Value[] | Promise<Value[]> {
  const x = inputs[0] as Tensor, shape = inputs[1] as Tensor;
  const out = PLAIN.has(x.type) && shape.type === 'int64' ? shapesOr([x.dims, Array.from(shape.data as BigInt64Array, Number)]) : undefined;
  if (!out) return reference(ctx, inputs, attrs);
  const src = x.data as TypedArray;
  const size = out.reduce((p, d) => p * d, 1);
  const r = storage(ctx, x.type, size) as Float32Array;
  eachBroadcast(out, [x.dims], (o, idx) => { r[o] = src[idx[0]] as number; });
  return [new Tensor(x.type, r, out)];
}

/**
 * Reshape and Gather on the wasm provider, in plain TypeScript (no wasm module involved; Gather
 * writes a float32 output into a block of wasm memory where one is lent).
 *
 * Reshape as a view: the same data under new dims, computed by the spec's reshapeDims (which
 * also reports impossible shapes) from the int64 shape read directly. Through the reference
 * provider the same call cost 5–7 µs of CPU (scratch timing under tsx, 09:24 UTC), mostly the
 * generic value readers and context copy; tinybert runs 8 Reshapes per inference.
 */
import { entriesPerElement, type TypedArray } from '../../ir/dtype.js';
import { reshapeDims } from '../../ir/ops/tensor/reshape.js';
import type { Value } from '../../ir/ops/spec.js';
import { Tensor } from '../../ir/tensor.js';
import { scratch } from '../caches.js';
import { outputStorage, type KernelContext } from '../kernel.js';
import { reference, shapeValues } from './common.js';
import { currentRuntime } from './runtime.js';

type Attrs = Readonly<Record<string, unknown>>;

/** Reshape (opset 5+: the shape is an int64 input), by the spec's own rule (reshapeDims). */
export function runReshape(ctx: KernelContext, inputs: readonly (Value | undefined)[], attrs: Attrs): Value[] | Promise<Value[]> {
  const data = inputs[0] as Tensor, shape = inputs[1] as Tensor;
  if (shape.type !== 'int64') return reference(ctx, inputs, attrs);
  const dims = reshapeDims(data.dims, shapeValues(shape), attrs.allowzero === 1) as number[];
  return [data.reshape(dims)];
}

/**
 * Gather with rows copied by `set`: tinybert's embedding lookups (16 rows of 128 floats) took
 * ~15 µs each on the generated cpu kernel, whose index conversion goes through generic value
 * readers (scratch timing, 09:50 UTC). Indices out of range go to the reference, which reports
 * them; string and complex tensors too. The normalized indices go to reused scratch (a fresh
 * Int32Array was ~1 µs of allocation), and a float32 output goes to a block of wasm memory where
 * one is lent, so the wasm kernel after it (a layer norm of the embeddings) reads it in place.
 */
export function runGather(ctx: KernelContext, inputs: readonly (Value | undefined)[], attrs: Attrs): Value[] | Promise<Value[]> {
  const data = inputs[0] as Tensor, indices = inputs[1] as Tensor;
  const rank = data.dims.length;
  const axis = (attrs.axis as number) < 0 ? (attrs.axis as number) + rank : (attrs.axis as number);
  if (data.type === 'string' || entriesPerElement(data.type) !== 1 || axis < 0 || axis >= rank) return reference(ctx, inputs, attrs);
  const axisDim = data.dims[axis];
  let outer = 1, inner = 1;
  for (let i = 0; i < axis; i++) outer *= data.dims[i];
  for (let i = axis + 1; i < rank; i++) inner *= data.dims[i];
  const raw = indices.data as BigInt64Array | Int32Array;
  const n = raw.length;
  const idx = scratch<Int32Array>('int32', 'gather-indices', n);
  for (let j = 0; j < n; j++) {
    const v = Number(raw[j]);
    const w = v < 0 ? v + axisDim : v;
    if (w < 0 || w >= axisDim) return reference(ctx, inputs, attrs);
    idx[j] = w;
  }
  const size = outer * n * inner;
  const out = outputStorage(ctx, data.type, size, data.type === 'float32' ? currentRuntime() : undefined);
  const src = data.data as TypedArray;
  // Rows move as 32-bit words whatever the dtype (an int64 element is two): one loop that met
  // Float32Array, BigInt64Array and Int32Array went megamorphic, and read int64 shape values as
  // BigInts (4.5% of tinybert_dyn's generic plan). 1- and 2-byte types keep their own class.
  const per = src.BYTES_PER_ELEMENT >> 2;
  const [o32, s32] = per > 0 ? [words(out), words(src)] : [out as Uint8Array, src as Uint8Array];
  const row = per > 0 ? inner * per : inner;
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < n; j++) {
      const from = (o * axisDim + idx[j]) * row, to = (o * n + j) * row;
      // Short rows by hand, long ones by set(): a subarray view per row is an object allocation,
      // which outweighs a loop over tinybert's 128-float rows (256: a round bound, not a measured one).
      if (row <= 256) for (let k = 0; k < row; k++) o32[to + k] = s32[from + k];
      else o32.set(s32.subarray(from, from + row), to);
    }
  }
  const dims = data.dims.slice(0, axis);
  for (const d of indices.dims) dims.push(d);
  for (let i = axis + 1; i < rank; i++) dims.push(data.dims[i]);
  return [new Tensor(data.type, out, dims)];
}

/** `a`'s bytes as 32-bit words (its element size a multiple of 4). */
export function words(a: TypedArray): Uint32Array {
  return new Uint32Array(a.buffer, a.byteOffset, a.byteLength >> 2);
}

/**
 * Concat as row copies, shared by the cpu and wasm providers: the output is `outer` rows, and each
 * input contributes one contiguous block to every row (TypedArray.set, a memcpy). The reference
 * kernel copies the same way but into fresh storage from `allocate`; here the output comes from the
 * session's buffer pool, or from the wasm memory when `arena` lends a block, so the next wasm kernel
 * reads it in place. SqueezeNet's Fire modules concatenate two conv outputs before the next conv:
 * on the reference its eight Concats took 2.3 ms of a 126 ms cpu run, most of it allocation and GC.
 */
import type { DType, TypedArray } from '../ir/dtype.js';
import { normalizeAxis } from '../ir/ops/common/axes.js';
import { concatDims } from '../ir/ops/tensor/concat.js';
import { Tensor } from '../ir/tensor.js';
import { outputStorage, type KernelContext, type StorageArena } from './kernel.js';

/** Inputs joined on `axis` (opset 4+), with the spec's own shape rule (concatDims reports mismatched dims). */
export function concatRows(ctx: KernelContext, xs: readonly Tensor[], axis: number, arena?: StorageArena): Tensor {
  const rank = xs[0].dims.length;
  const a = normalizeAxis(axis, rank, 'Concat axis');
  const dims = concatDims(xs.map((x) => x.dims), a) as number[];
  let outer = 1, inner = 1;
  for (let i = 0; i < a; i++) outer *= dims[i];
  for (let i = a + 1; i < rank; i++) inner *= dims[i];
  const rowLen = dims[a] * inner;
  const type = xs[0].type as DType;
  const out = outputStorage(ctx, type, outer * rowLen, arena);
  let col = 0;
  for (const x of xs) {
    const block = x.dims[a] * inner, src = x.data as TypedArray;
    for (let o = 0; o < outer; o++) out.set(src.subarray(o * block, (o + 1) * block) as never, o * rowLen + col);
    col += block;
  }
  return new Tensor(type, out, dims);
}

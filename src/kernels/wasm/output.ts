/**
 * Where a wasm kernel writes its outputs. Under the executor's buffer pool with a shared memory,
 * an output is a block the runtime lends the pool (StorageArena): the kernel writes it in place and
 * the next wasm kernel reads it in place (`rt.copyIn` returns its pointer), so activations do not
 * cross between wasm memory and the JS heap at every node. Copying them was 21 % of mobilenet_v2's
 * main-thread profile at 2 threads (11.8 % out, 9.3 % in; 13:40 UTC), all of it
 * serial. Elsewhere (no pool, an unshared memory) the kernel writes scratch and the result is
 * copied into pooled host storage: a fresh Float32Array per output cost 6 µs of CPU for 2048
 * floats in tinybert's kernels (09:20 UTC), more than the layer norm itself.
 */
import type { DType, TypedArray } from '../../ir/dtype.js';
import { outputStorage, type KernelContext } from '../kernel.js';
import { currentRuntime, type WasmRuntime } from './runtime.js';

/** One output of `n` floats: write at `ptr`, then `take()` the host-visible array. */
export interface WasmOutput {
  ptr: number;
  take(): Float32Array;
}

/**
 * An output of `n` floats for the current kernel call. Call it inside `rt.kernelCall` (its scratch
 * form lives until the call ends). Every output has at least 64 bytes of slack after it.
 */
export function wasmOutput(ctx: KernelContext, rt: WasmRuntime, n: number): WasmOutput {
  const data = outputStorage(ctx, 'float32', n, rt) as Float32Array;
  const ptr = rt.viewPtr(data);
  if (ptr !== undefined) return { ptr, take: () => data };
  const scratch = rt.alloc(n * 4);
  return {
    ptr: scratch,
    take: () => {
      data.set(rt.f32.subarray(scratch >> 2, (scratch >> 2) + n));
      return data;
    },
  };
}

/**
 * Pooled storage of `n` elements of `dtype` for a kernel that moves data on the host side (Gather,
 * Slice, Transpose): a block of wasm memory for float32, the type the next wasm kernels read in
 * place; host storage for the others.
 */
export function movedOutput(ctx: KernelContext, dtype: DType, n: number): TypedArray {
  return outputStorage(ctx, dtype, n, dtype === 'float32' ? currentRuntime() : undefined);
}

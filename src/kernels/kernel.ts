/**
 * The one kernel interface every provider implements: the reference provider (the specs' own
 * kernels), the generated `cpu` and `wasm` providers, and device providers (`webgpu`, `cuda`, `dml`).
 *
 * Kernels may be asynchronous and may keep their tensors on a device: a provider declares the
 * `location` its kernels want, and the executor moves tensors with the provider's `upload`/`download`
 * when consecutive nodes run on providers with different locations. The executor never needs to
 * know more than that.
 */
import { entriesPerElement, storageCtor, type DType, type TypedArray, type TypedArrayConstructor } from '../ir/dtype.js';
import type { Graph, Node } from '../ir/model.js';
import type { Value } from '../ir/ops/spec.js';
import type { Tensor, TensorLocation } from '../ir/tensor.js';

export type ProviderName = 'reference' | 'cpu' | 'wasm' | 'webgpu' | 'cuda' | 'dml' | (string & {});

/** What a kernel sees besides its inputs and attributes. */
export interface KernelContext {
  node: Node;
  /** The graph that holds the node. */
  graph: Graph;
  /** Resolved spec version (highest listed version not above the model's opset). */
  version: number;
  /** The model's opset for the node's domain. */
  opset: number;
  outputCount: number;
  provider: ProviderName;
  /** Threads per op the session allows (SessionOptions.intraOpNumThreads); 1 when absent. */
  intraOpNumThreads?: number;
  runGraph(graph: Graph, inputs: Value[]): Promise<Value[]>;
  random(seed?: number): () => number;
  /**
   * Storage for an output of `length` elements of `dtype`, recycled from the session's buffer pool
   * when one of that size is free (src/runtime/buffer-pool.ts). Its contents are undefined: the
   * kernel must write every element. Absent outside the executor; `outputStorage` covers both.
   * With `arena`, the storage is a block that arena lends when it can (the wasm provider's memory,
   * so that the next wasm kernel reads it where it is), else host storage as without.
   */
  alloc?(dtype: DType, length: number, arena?: StorageArena): TypedArray;
  /**
   * As `alloc`, but may return input `index`'s own storage when that input dies at this node and no
   * other live value views it (in-place). Only for kernels that read each element before writing
   * the same element (elementwise ops with the input at the output's shape).
   */
  allocInPlace?(index: number, dtype: DType, length: number): TypedArray;
}

/** Output storage from the context's pool when it has one (in `arena` where it lends), else fresh zeroed storage. */
export function outputStorage(ctx: KernelContext, dtype: DType, length: number, arena?: StorageArena): TypedArray {
  return ctx.alloc ? ctx.alloc(dtype, length, arena) : new (storageCtor(dtype))(length * entriesPerElement(dtype));
}

/**
 * Memory outside the JS heap that a provider lends to the sessions' buffer pools, so that a tensor
 * its kernels make stays where its next kernels read it: the wasm provider's WebAssembly.Memory
 * (its kernels otherwise copy every input in and every output out). A lent block's views are
 * ordinary typed arrays, so any kernel can read and write them; the pool keeps the block until
 * the session is released, and a block never leaves a run: graph outputs are copied to the host.
 */
export interface StorageArena {
  /** A block of at least `bytes`, or undefined when the arena cannot lend now (no shared memory). */
  lend(bytes: number): ArenaBlock | undefined;
  /** Takes a block back for good. */
  reclaim(block: ArenaBlock): void;
  /** The lent block that `data` views (a whole block or part of one), if any. */
  blockOf(data: TypedArray): ArenaBlock | undefined;
  /** A view of `entries` elements over the start of `block`. */
  view(block: ArenaBlock, ctor: TypedArrayConstructor, entries: number): TypedArray;
}

/** A block an arena lent: `bytes` from byte offset `ptr` of its memory. */
export interface ArenaBlock {
  readonly ptr: number;
  readonly bytes: number;
}

/** As `outputStorage`, in place over input `index` where the executor allows it. */
export function outputStorageInPlace(ctx: KernelContext, index: number, dtype: DType, length: number): TypedArray {
  return ctx.allocInPlace ? ctx.allocInPlace(index, dtype, length) : outputStorage(ctx, dtype, length);
}

export interface KernelConfig {
  op: string;
  /** '' for ai.onnx. */
  domain: string;
  provider: ProviderName;
  /** Spec versions this kernel covers: [since, until) — until omitted means open-ended. */
  versions: readonly [since: number, until?: number];
  /** Element types of the node's first tensor input (or its output, for ops without inputs); 'any' for all. */
  dtypes: readonly DType[] | 'any';
  /** Names the specialization, e.g. 'matmul-f32-4x8-wasmsimd'. Shown by inspect and the profiler. */
  variant?: string;
  /** Narrows when the kernel applies (only group == 1, only static shapes, …). */
  supports?(node: Node, attrs: Readonly<Record<string, unknown>>): boolean;
  run(ctx: KernelContext, inputs: readonly (Value | undefined)[], attrs: Readonly<Record<string, unknown>>): Value[] | Promise<Value[]>;
  /**
   * Session creation (level 'all'): transform the node's constant inputs ahead of the first run,
   * e.g. pack GEMM/Conv weights into the layout the kernel reads. `constants[i]` is input i when it
   * is an initializer, else undefined. The kernel keeps what it makes (keyed by the tensor).
   */
  prepare?(ctx: KernelContext, constants: readonly (Tensor | undefined)[], attrs: Readonly<Record<string, unknown>>): void | Promise<void>;
}

/** A provider: a set of kernels plus, for device providers, how tensors move to and from it. */
export interface Provider {
  name: ProviderName;
  /** Where its kernels expect tensor inputs and put outputs. */
  location: TensorLocation;
  kernels: readonly KernelConfig[];
  /** Host → device. Required when `location` is not 'cpu'. */
  upload?(t: Tensor): Promise<Tensor>;
  /** Device → host. Required when `location` is not 'cpu'. */
  download?(t: Tensor): Promise<Tensor>;
  /** Called once before first use (compile shaders, start workers, open a device). */
  init?(): Promise<void>;
}

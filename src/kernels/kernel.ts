/**
 * The one kernel interface every provider implements: the reference provider (the specs' own
 * kernels), the generated `cpu` and `wasm` providers, and device providers (`webgpu`, `cuda`, `dml`).
 *
 * Kernels may be asynchronous and may keep their tensors on a device: a provider declares the
 * `location` its kernels want, and the executor moves tensors with the provider's `upload`/`download`
 * when consecutive nodes run on providers with different locations. The executor never needs to
 * know more than that.
 */
import type { DType } from '../ir/dtype.js';
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
  runGraph(graph: Graph, inputs: Value[]): Promise<Value[]>;
  random(seed?: number): () => number;
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

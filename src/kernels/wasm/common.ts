/** Helpers shared by the wasm kernels. */
import { getOpSpec } from '../../ir/ops/index.js';
import type { Value } from '../../ir/ops/spec.js';
import { Tensor } from '../../ir/tensor.js';
import type { KernelContext } from '../kernel.js';

/** Whether input `i` of the node is an initializer of its graph (so its packing can be cached). */
export function isConstant(ctx: KernelContext, i: number, t: Tensor | undefined | null): boolean {
  const name = ctx.node.inputs[i];
  return !!t && !!name && ctx.graph.initializers.get(name) === t;
}

/**
 * The spec's own reference kernel, for inputs a wasm kernel does not cover (shapes only known at
 * run time: a 3-D Conv, an unusual broadcast). Same context and attributes, so same results.
 */
export function reference(ctx: KernelContext, inputs: readonly (Value | undefined)[], attrs: Readonly<Record<string, unknown>>): Value[] | Promise<Value[]> {
  const spec = getOpSpec(ctx.node.domain, ctx.node.op)!;
  return spec.reference({ ...ctx, inputs: inputs as (Value | undefined)[], attrs: attrs as never });
}

/** A float32 tensor over `data`. */
export function f32Tensor(dims: readonly number[], data: Float32Array): Tensor {
  return new Tensor('float32', data, dims);
}

/** Product of dims. */
export function sizeOfDims(dims: readonly number[]): number {
  let n = 1;
  for (const d of dims) n *= d;
  return n;
}

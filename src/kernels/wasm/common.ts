/** Helpers shared by the wasm kernels. */
import { Tensor } from '../../ir/tensor.js';
import type { KernelContext } from '../kernel.js';

/** Whether input `i` of the node is an initializer of its graph (so its packing can be cached). */
export function isConstant(ctx: KernelContext, i: number, t: Tensor | undefined | null): boolean {
  const name = ctx.node.inputs[i];
  return !!t && !!name && ctx.graph.initializers.get(name) === t;
}

/** The spec's own kernel, for inputs a wasm kernel does not cover (a 3-D Conv, an unusual broadcast). */
export { runReference as reference } from '../reference/provider.js';

/** A float32 tensor over `data`. */
export function f32Tensor(dims: readonly number[], data: Float32Array): Tensor {
  return new Tensor('float32', data, dims);
}

/** An int64 shape tensor's values as numbers (a loop: Array.from with a map function is ~1 µs on tiny arrays). */
export function shapeValues(shape: Tensor): number[] {
  const raw = shape.data as BigInt64Array;
  const dims = new Array<number>(raw.length);
  for (let i = 0; i < raw.length; i++) dims[i] = Number(raw[i]);
  return dims;
}

/** Product of dims. */
export function sizeOfDims(dims: readonly number[]): number {
  let n = 1;
  for (const d of dims) n *= d;
  return n;
}

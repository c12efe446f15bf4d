/**
 * Concat of float32 tensors on the wasm provider: row copies (../concat-rows.ts) into a block of
 * wasm memory where the session's pool lends one (output.ts). SqueezeNet's Fire modules concatenate
 * two conv outputs right before the next conv: on the reference kernel the result went to fresh host
 * storage (its `allocate` and the garbage collector were 9 % of squeezenet's main-thread profile at
 * 2 threads, 13:50 UTC) and the next conv copied it back in.
 */
import type { Value } from '../../ir/ops/spec.js';
import { Tensor } from '../../ir/tensor.js';
import { concatRows } from '../concat-rows.js';
import type { KernelContext } from '../kernel.js';
import { reference } from './common.js';
import { currentRuntime } from './runtime.js';

/** Concat (opset 4+: `axis` required). */
export function runConcat(ctx: KernelContext, inputs: readonly (Value | undefined)[], attrs: Readonly<Record<string, unknown>>): Value[] | Promise<Value[]> {
  const xs = inputs as readonly Tensor[];
  if (xs.length === 0 || xs.some((x) => !(x instanceof Tensor) || x.type !== 'float32')) return reference(ctx, inputs, attrs);
  return [concatRows(ctx, xs, attrs.axis as number, currentRuntime())];
}

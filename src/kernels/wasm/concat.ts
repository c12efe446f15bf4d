/**
 * Concat of float32 tensors on the wasm provider, in plain TypeScript, into a block of wasm memory
 * where the session's pool lends one (output.ts): SqueezeNet's Fire modules concatenate two conv
 * outputs right before the next conv. On the reference kernel the result went to fresh host storage
 * (its `allocate` and the garbage collector were 9 % of squeezenet's main-thread profile at 2
 * threads, 13:50 UTC) and the next conv copied it back in.
 */
import { normalizeAxis } from '../../ir/ops/common/axes.js';
import type { Value } from '../../ir/ops/spec.js';
import { concatDims } from '../../ir/ops/tensor/concat.js';
import { Tensor } from '../../ir/tensor.js';
import { outputStorage, type KernelContext } from '../kernel.js';
import { reference } from './common.js';
import { currentRuntime } from './runtime.js';

/** Concat (opset 4+: `axis` required), with the spec's own shape rule (concatDims reports mismatched dims). */
export function runConcat(ctx: KernelContext, inputs: readonly (Value | undefined)[], attrs: Readonly<Record<string, unknown>>): Value[] | Promise<Value[]> {
  const xs = inputs as readonly Tensor[];
  if (xs.length === 0 || xs.some((x) => !(x instanceof Tensor) || x.type !== 'float32')) return reference(ctx, inputs, attrs);
  const rank = xs[0].dims.length;
  const a = normalizeAxis(attrs.axis as number, rank, 'Concat axis');
  const dims = concatDims(xs.map((x) => x.dims), a) as number[];
  let outer = 1, inner = 1;
  for (let i = 0; i < a; i++) outer *= dims[i];
  for (let i = a + 1; i < rank; i++) inner *= dims[i];
  const rowLen = dims[a] * inner;
  const out = outputStorage(ctx, 'float32', outer * rowLen, currentRuntime()) as Float32Array;
  let col = 0;
  for (const x of xs) {
    const block = x.dims[a] * inner, src = x.data as Float32Array;
    for (let o = 0; o < outer; o++) out.set(src.subarray(o * block, (o + 1) * block), o * rowLen + col);
    col += block;
  }
  return [new Tensor('float32', out, dims)];
}

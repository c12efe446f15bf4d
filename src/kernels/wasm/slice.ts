/**
 * Slice on the wasm provider when it cuts at most one axis at step 1 (the others whole): the data
 * viewed as [outer, axisDim, inner], the output is `outer` runs of count·inner elements, copied
 * (copy-runs.ts) into a block of wasm memory where one is lent. tinybert_dyn's attention splits
 * its packed Q/K/V projection this way, six Slices per run: on the generated cpu kernel they took
 * 6–18 µs each of a ~1.2 ms run at changing lengths (host outputs, copied back into wasm memory
 * for the next kernel). Other slices (steps, several cut axes) go to the reference kernel.
 */
import { entriesPerElement } from '../../ir/dtype.js';
import { axisSlices } from '../../ir/ops/tensor/slice.js';
import type { Value } from '../../ir/ops/spec.js';
import { Tensor } from '../../ir/tensor.js';
import type { KernelContext } from '../kernel.js';
import { reference, sizeOfDims } from './common.js';
import { movedOutput } from './output.js';
import { runCopier } from './copy-runs.js';

export function runSlice(ctx: KernelContext, inputs: readonly (Value | undefined)[], attrs: Readonly<Record<string, unknown>>): Value[] | Promise<Value[]> {
  const data = inputs[0] as Tensor;
  const src = data.data as Exclude<Tensor['data'], string[]>;
  if (data.type === 'string' || entriesPerElement(data.type) !== 1 || data.dims.length === 0) return reference(ctx, inputs, attrs);
  const slices = axisSlices(inputs, attrs as never, ctx.version);
  let axis = -1;
  for (let a = 0; a < slices.length; a++) {
    if (slices[a].first === 0 && slices[a].count === data.dims[a] && slices[a].step === 1) continue;
    if (axis >= 0 || slices[a].step !== 1) return reference(ctx, inputs, attrs);
    axis = a;
  }
  const dims = slices.map((p) => p.count);
  const size = sizeOfDims(dims);
  const out = movedOutput(ctx, data.type, size);
  // Nothing cut: one run of everything.
  if (axis < 0) axis = 0;
  const { first, count } = slices[axis];
  const outer = sizeOfDims(data.dims.slice(0, axis)), axisDim = data.dims[axis], inner = sizeOfDims(data.dims.slice(axis + 1));
  const { out0, src0, per, copy } = runCopier(out, src);
  const run = count * inner * per;
  if (run > 0) for (let o = 0; o < outer; o++) copy(out0 + o * run, src0 + (o * axisDim + first) * inner * per, run);
  return [new Tensor(data.type, out, dims)];
}

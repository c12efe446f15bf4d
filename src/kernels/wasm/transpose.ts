/**
 * Transpose on the wasm provider when the last axis stays last: every output row is a contiguous
 * input row, so the kernel copies rows (copy-runs.ts) into a block of wasm memory where one is
 * lent, and the wasm kernel after it reads it in place. batch_first LSTMs
 * (lstm_bidi2_dyn at batch 2: four of them around the recurrences) and nn.MultiheadAttention's
 * [B,S,E] ↔ [S,B,E] swaps (tinybert_dyn) are of this kind. On the generated cpu kernel each took
 * 14–25 µs of a 0.37–0.77 ms run: its element loop, a host output, and a copy back into wasm
 * memory for the next kernel. Permutations that move the last axis go to the next provider.
 */
import { entriesPerElement } from '../../ir/dtype.js';
import { resolvePerm } from '../../ir/ops/tensor/transpose.js';
import type { Value } from '../../ir/ops/spec.js';
import { Tensor } from '../../ir/tensor.js';
import type { KernelConfig, KernelContext } from '../kernel.js';
import { collapseTranspose } from '../transpose-plan.js';
import { reference } from './common.js';
import { movedOutput } from './output.js';
import { runCopier } from './copy-runs.js';

/** Static rule: the permutation keeps the last axis last (an absent perm reverses the axes, which moves it). */
export const transposeSupports: KernelConfig['supports'] = (_node, attrs) => {
  const perm = attrs.perm as number[] | undefined;
  return perm !== undefined && perm.length > 0 && perm[perm.length - 1] === perm.length - 1;
};

export function runTranspose(ctx: KernelContext, inputs: readonly (Value | undefined)[], attrs: Readonly<Record<string, unknown>>): Value[] | Promise<Value[]> {
  const x = inputs[0] as Tensor;
  const perm = resolvePerm(attrs.perm as number[] | undefined, x.dims.length);
  const outDims = perm.map((p) => x.dims[p]);
  const c = collapseTranspose(x.dims, perm);
  // Only size-1 axes move: the same elements in the same order, so a view (as Reshape's).
  if (c.dims.length <= 1) return [x.reshape(outDims)];
  const r = c.dims.length;
  const src = x.data as Exclude<Tensor['data'], string[]>;
  // A size-1 last axis dropped by the collapse can leave a moved axis last; strings and complex
  // types go to the reference too.
  if (c.strides[r - 1] !== 1 || x.type === 'string' || entriesPerElement(x.type) !== 1) return reference(ctx, inputs, attrs);
  const out = movedOutput(ctx, x.type, x.size);
  const { out0, src0, per, copy } = runCopier(out, src);
  const row = c.dims[r - 1] * per;
  const counter = new Array<number>(r - 1).fill(0);
  let from = src0;
  for (let to = out0, end = out0 + x.size * per; to < end; to += row) {
    copy(to, from, row);
    // The next output row: an odometer over the outer output axes, in input units.
    for (let d = r - 2; d >= 0; d--) {
      from += c.strides[d] * per;
      if (++counter[d] < c.dims[d]) break;
      from -= c.strides[d] * per * counter[d];
      counter[d] = 0;
    }
  }
  return [new Tensor(x.type, out, outDims)];
}

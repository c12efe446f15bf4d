/**
 * Transpose on the wasm provider when the last axis stays last: every output row is a contiguous
 * input row, so the kernel copies rows (as 32-bit words, as Gather does) into a block of wasm
 * memory where one is lent, and the wasm kernel after it reads it in place. batch_first LSTMs
 * (lstm_bidi2_dyn at batch 2: four of them around the recurrences) and nn.MultiheadAttention's
 * [B,S,E] ↔ [S,B,E] swaps (tinybert_dyn) are of this kind. On the generated cpu kernel each took
 * 14–25 µs of a 0.37–0.77 ms run: its element loop, a host output, and a copy back into wasm
 * memory for the next kernel. Permutations that move the last axis go to the next provider.
 */
import { resolvePerm } from '../../ir/ops/tensor/transpose.js';
import type { Value } from '../../ir/ops/spec.js';
import { Tensor } from '../../ir/tensor.js';
import { outputStorage, type KernelConfig, type KernelContext } from '../kernel.js';
import { collapseTranspose } from '../transpose-plan.js';
import { reference } from './common.js';
import { currentRuntime } from './runtime.js';
import { words } from './views.js';

/** Static rule: the permutation keeps the last axis last (no perm reverses every axis, which moves it). */
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
  // A size-1 last axis dropped by the collapse can leave a moved axis last; strings and sub-word types too.
  if (c.strides[r - 1] !== 1 || x.type === 'string' || src.BYTES_PER_ELEMENT < 4) return reference(ctx, inputs, attrs);
  const out = outputStorage(ctx, x.type, x.size, x.type === 'float32' ? currentRuntime() : undefined);
  const per = src.BYTES_PER_ELEMENT >> 2;
  const row = c.dims[r - 1] * per;
  // Input and output in the same wasm memory (the usual case between wasm kernels): each row is one
  // copyWithin over a view of the whole memory, a native move with no view per row. 80 rows of 64
  // words in a scratch timing: 1.8 µs, against 5.1 µs for a word loop and 4.0 µs for set(subarray).
  const shared = out.buffer === src.buffer;
  const [o32, s32] = shared ? Array(2).fill(new Uint32Array(out.buffer, 0, out.buffer.byteLength >> 2)) as Uint32Array[] : [words(out), words(src)];
  const o0 = shared ? out.byteOffset >> 2 : 0, s0 = shared ? src.byteOffset >> 2 : 0;
  const counter = new Array<number>(r - 1).fill(0);
  let from = s0;
  for (let to = o0, end = o0 + out.length * per; to < end; to += row) {
    if (shared) o32.copyWithin(to, from, from + row);
    else if (row <= 256) for (let k = 0; k < row; k++) o32[to + k] = s32[from + k];
    else o32.set(s32.subarray(from, from + row), to);
    // The next output row: an odometer over the outer output axes, in input words.
    for (let d = r - 2; d >= 0; d--) {
      from += c.strides[d] * per;
      if (++counter[d] < c.dims[d]) break;
      from -= c.strides[d] * per * counter[d];
      counter[d] = 0;
    }
  }
  return [new Tensor(x.type, out, outDims)];
}

/**
 * Run copies for the wasm provider's data-movement kernels (Gather, Slice, Transpose). Elements
 * move as 32-bit words whatever the dtype (an int64 element is two): one loop that met
 * Float32Array, BigInt64Array and Int32Array went megamorphic, and read int64 shape values as
 * BigInts (4.5% of tinybert_dyn's generic plan). 1- and 2-byte types keep their own class.
 *
 * Input and output in the same wasm memory (the usual case between wasm kernels): each run is one
 * copyWithin over a view of the whole memory, a native move with no view per run. 80 runs of 64
 * words in a scratch timing: 1.8 µs, against 5.1 µs for a word loop and 4.0 µs for set(subarray).
 * Otherwise runs of 16 units or more go by set(subarray), shorter ones by hand: a scratch timing
 * of 8,192 words in runs of 8 / 16 / 32 / 128 took 9 / 19 / 22 / 20 µs by hand and 41 / 21 / 11 /
 * 2.8 µs by set (the subarray view per run is an allocation, which only short runs notice).
 */
import type { TypedArray } from '../../ir/dtype.js';

export interface RunCopier {
  /** Unit offsets of element 0 of the output and of the input in the arrays `copy` indexes. */
  readonly out0: number;
  readonly src0: number;
  /** Units per element (a unit is a 32-bit word, or the element itself under 4 bytes). */
  readonly per: number;
  /** Copies `n` units from input unit `from` to output unit `to` (both absolute: start from out0/src0). */
  copy(to: number, from: number, n: number): void;
}

type Units = Uint32Array | Uint8Array;

/** The run copier from `src` into `out`, which hold the same dtype (not strings). */
export function runCopier(out: TypedArray, src: TypedArray): RunCopier {
  const bytes = src.BYTES_PER_ELEMENT, unit = bytes >= 4 ? 4 : bytes;
  const per = bytes / unit;
  // A view of the same class over `a`'s buffer from byte `from` (Uint16Array stands for Uint8Array in the types).
  const units = (a: TypedArray, from: number, length: number): Units =>
    (bytes >= 4 ? new Uint32Array(a.buffer, from, length) : new (a.constructor as Uint8ArrayConstructor)(a.buffer, from, length));
  if (out.buffer === src.buffer) {
    const heap = units(out, 0, Math.floor(out.buffer.byteLength / unit));
    return { out0: out.byteOffset / unit, src0: src.byteOffset / unit, per, copy: (to, from, n) => { heap.copyWithin(to, from, from + n); } };
  }
  const o = units(out, out.byteOffset, out.length * per), s = units(src, src.byteOffset, src.length * per);
  return {
    out0: 0, src0: 0, per,
    copy: (to, from, n) => {
      if (n < 16) for (let k = 0; k < n; k++) o[to + k] = s[from + k];
      else o.set(s.subarray(from, from + n), to);
    },
  };
}

/*
 * generated, do not edit: run `npm run codegen`
 * spec:     src/ir/ops/tensor/transpose.ts
 * template: codegen/cpu/templates.ts (transpose)
 * variant:  transpose-i64-general-ts  { op: 'Transpose', template: 'transpose', dtype: 'int64', tile: 'general' }
 */
/** Any permutation: `dims` are the output dims and `strides` the input strides of each output axis (collapsed by the caller); writes are sequential, the last axis is the inner loop. */
export function transpose_i64_general__ts(x: BigInt64Array, y: BigInt64Array, dims: readonly number[], strides: readonly number[]): void {
  const r = dims.length, n = y.length;
  if (n === 0) return;
  const len = dims[r - 1], step = strides[r - 1];
  const counter = new Array<number>(r).fill(0);
  // Rows that stay contiguous (the last axis kept last) and are long go by `set`, as the slice and
  // gather templates copy their runs: lstm_bidi2_dyn's [20,2,2,64] by [0,2,1,3], 7.6 → 3.6 µs.
  const runs = step === 1 && len >= 16;
  let off = 0;
  for (let i = 0; i < n; i += len) {
    if (runs) y.set(x.subarray(off, off + len), i);
    else for (let j = 0, p = off; j < len; j++, p += step) y[i + j] = x[p];
    for (let d = r - 2; d >= 0; d--) {
      off += strides[d];
      if (++counter[d] < dims[d]) break;
      off -= strides[d] * counter[d];
      counter[d] = 0;
    }
  }
}

/*
 * generated, do not edit: run `npm run codegen`
 * spec:     src/ir/ops/reduction/reduce.ts, src/ir/ops/reduction/reduce-ops.ts
 * template: codegen/cpu/templates.ts (reduce)
 * variant:  reduce-mean-f64-middle-ts  { op: 'ReduceMean', template: 'reduce', dtype: 'float64', tile: 'middle' }
 */
/** ReduceMean of x viewed as [outer, len, inner] over the middle axis; whole inner rows are folded at once so reads stay contiguous. `acc` is a float64 scratch of `inner` elements. */
export function reduce_mean_f64_middle__ts(x: Float64Array, y: Float64Array, outer: number, len: number, inner: number, acc: Float64Array): void {
  outer = outer | 0; len = len | 0; inner = inner | 0; // int32 arguments (see codegen/cpu/templates.ts)
  if (len === 0) { y.fill(NaN); return; }
  for (let o = 0; o < outer; o++) {
    const base = o * len * inner;
    for (let k = 0; k < inner; k++) acc[k] = x[base + k];
    for (let j = 1; j < len; j++) {
      const row = base + j * inner;
      for (let k = 0; k < inner; k++) acc[k] += x[row + k];
    }
    for (let k = 0; k < inner; k++) y[o * inner + k] = acc[k] / len;
  }
}

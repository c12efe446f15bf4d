/*
 * generated, do not edit: run `npm run codegen`
 * spec:     src/ir/ops/math/variadic.ts
 * template: codegen/cpu/templates.ts (variadic)
 * variant:  sum-f64-strided-ts  { op: 'Sum', template: 'variadic', dtype: 'float64', broadcast: 'strided' }
 */
/** The op's math, copied from src/ir/ops/math/variadic.ts (the function its reference folds with foldVariadic). */
const scalar: (a: number, b: number) => number = (a, b) => a + b;
/** The math at this kernel's dtype. */
const f = (x: number, y: number): number => scalar(x, y);

/** out = Sum(A, B) over float64. General broadcasting: `dims` are the (collapsed) output dims, `sa`/`sb` the operands' element strides per dim (0 where broadcast). The last dim is the inner loop. */
export function sum_f64_strided__ts(a: Float64Array, b: Float64Array, out: Float64Array, dims: readonly number[], sa: readonly number[], sb: readonly number[]): void {
  const r = dims.length;
  const n = out.length;
  if (n === 0) return;
  const len = dims[r - 1], ia = sa[r - 1], ib = sb[r - 1];
  const counter = new Array<number>(r).fill(0);
  let offA = 0, offB = 0;
  for (let i = 0; i < n; i += len) {
    for (let j = 0, pa = offA, pb = offB; j < len; j++, pa += ia, pb += ib) out[i + j] = f(a[pa], b[pb]);
    // Advance the counter over the outer dims, odometer style.
    for (let d = r - 2; d >= 0; d--) {
      offA += sa[d]; offB += sb[d];
      if (++counter[d] < dims[d]) break;
      offA -= sa[d] * counter[d]; offB -= sb[d] * counter[d];
      counter[d] = 0;
    }
  }
}

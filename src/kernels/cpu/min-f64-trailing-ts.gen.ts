/*
 * generated, do not edit: run `npm run codegen`
 * spec:     src/ir/ops/math/variadic.ts
 * template: codegen/cpu/templates.ts (variadic)
 * variant:  min-f64-trailing-ts  { op: 'Min', template: 'variadic', dtype: 'float64', broadcast: 'trailing' }
 */
/** The op's math, copied from src/ir/ops/math/variadic.ts (the function its reference folds with foldVariadic). */
const scalar: (a: number, b: number) => number = (a, b) => (Number.isNaN(a) || a < b ? a : b);
/** The math at this kernel's dtype. */
const f = (x: number, y: number): number => scalar(x, y);

/** out = Min(A, B) over float64. The output viewed as [outer, mid, inner]: one operand has its full shape, the other (`aIsSmall` says which) varies only along `mid` (a bias [C] on [N,C], a per-channel [C,1,1] on [N,C,H,W]). */
export function min_f64_trailing__ts(a: Float64Array, b: Float64Array, out: Float64Array, outer: number, mid: number, inner: number, aIsSmall: boolean): void {
  outer = outer | 0; mid = mid | 0; inner = inner | 0; // int32 arguments (see codegen/cpu/templates.ts)
  let i = 0;
  for (let o = 0; o < outer; o++) {
    for (let m = 0; m < mid; m++) {
      const end = i + inner;
      if (aIsSmall) { const s = a[m]; for (; i < end; i++) out[i] = f(s, b[i]); }
      else { const s = b[m]; for (; i < end; i++) out[i] = f(a[i], s); }
    }
  }
}

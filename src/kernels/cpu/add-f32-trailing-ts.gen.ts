/*
 * generated, do not edit: run `npm run codegen`
 * spec:     src/ir/ops/math/arithmetic.ts
 * template: codegen/cpu/templates.ts (binary)
 * variant:  add-f32-trailing-ts  { op: 'Add', template: 'binary', dtype: 'float32', broadcast: 'trailing' }
 */
import type { DType } from '../../ir/dtype.js';
/** The op's math, copied from src/ir/ops/math/arithmetic.ts (the `scalar` of defineBinaryOp). */
const scalar: (a: number, b: number, dtype: DType) => number = (a, b) => a + b;
/** The math at this kernel's dtype. */
const f = (x: number, y: number): number => scalar(x, y, 'float32');

/** out = Add(A, B) over float32. The output viewed as [outer, mid, inner]: one operand has its full shape, the other (`aIsSmall` says which) varies only along `mid` (a bias [C] on [N,C], a per-channel [C,1,1] on [N,C,H,W]). */
export function add_f32_trailing__ts(a: Float32Array, b: Float32Array, out: Float32Array, outer: number, mid: number, inner: number, aIsSmall: boolean): void {
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

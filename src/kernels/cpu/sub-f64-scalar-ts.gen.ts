/*
 * generated, do not edit: run `npm run codegen`
 * spec:     src/ir/ops/math/arithmetic.ts
 * template: codegen/cpu/templates.ts (binary)
 * variant:  sub-f64-scalar-ts  { op: 'Sub', template: 'binary', dtype: 'float64', broadcast: 'scalar' }
 */
import type { DType } from '../../ir/dtype.js';
/** The op's math, copied from src/ir/ops/math/arithmetic.ts (the `scalar` of defineBinaryOp). */
const scalar: (a: number, b: number, dtype: DType) => number = (a, b) => a - b;
/** The math at this kernel's dtype. */
const f = (x: number, y: number): number => scalar(x, y, 'float64');

/** out = Sub(A, B) over float64. One operand has a single element (`aIsScalar` says which); the other has the output's shape. */
export function sub_f64_scalar__ts(a: Float64Array, b: Float64Array, out: Float64Array, aIsScalar: boolean): void {
  const n = out.length;
  if (aIsScalar) {
    const s = a[0];
    for (let i = 0; i < n; i++) out[i] = f(s, b[i]);
  } else {
    const s = b[0];
    for (let i = 0; i < n; i++) out[i] = f(a[i], s);
  }
}

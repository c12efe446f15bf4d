/*
 * generated, do not edit: run `npm run codegen`
 * spec:     src/ir/ops/math/arithmetic.ts
 * template: codegen/cpu/templates.ts (binary)
 * variant:  sub-f64-same-ts  { op: 'Sub', template: 'binary', dtype: 'float64', broadcast: 'same' }
 */
import type { DType } from '../../ir/dtype.js';
/** The op's math, copied from src/ir/ops/math/arithmetic.ts (the `scalar` of defineBinaryOp). */
const scalar: (a: number, b: number, dtype: DType) => number = (a, b) => a - b;
/** The math at this kernel's dtype. */
const f = (x: number, y: number): number => scalar(x, y, 'float64');

/** out = Sub(A, B) over float64. A and B have the output's shape. */
export function sub_f64_same__ts(a: Float64Array, b: Float64Array, out: Float64Array): void {
  const n = out.length;
  for (let i = 0; i < n; i++) out[i] = f(a[i], b[i]);
}

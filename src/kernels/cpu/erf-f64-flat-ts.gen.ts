/*
 * generated, do not edit: run `npm run codegen`
 * spec:     src/ir/ops/math/unary.ts
 * template: codegen/cpu/templates.ts (unary)
 * variant:  erf-f64-flat-ts  { op: 'Erf', template: 'unary', dtype: 'float64', tile: 'flat' }
 */
import { erf } from '../../ir/ops/math/unary.js';
type Attrs = Readonly<Record<string, unknown>>;
/** The op's math, copied from src/ir/ops/math/unary.ts (the `scalar` of defineUnaryOp). */
const scalar: (x: number, attrs: Attrs) => number = erf;

/** Y[i] = Erf(X[i]) over float64; `y` may be `x` (in place, as fused activations do). */
export function erf_f64_flat__ts(x: Float64Array, y: Float64Array, attrs: Attrs): void {
  const n = x.length;
  for (let i = 0; i < n; i++) y[i] = scalar(x[i], attrs);
}

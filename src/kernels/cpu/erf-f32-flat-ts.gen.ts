/*
 * generated, do not edit: run `npm run codegen`
 * spec:     src/ir/ops/math/unary.ts
 * template: codegen/cpu/templates.ts (unary)
 * variant:  erf-f32-flat-ts  { op: 'Erf', template: 'unary', dtype: 'float32', tile: 'flat' }
 */
import { erf } from '../../ir/ops/math/unary.js';
type Attrs = Readonly<Record<string, unknown>>;
/** The op's math, copied from src/ir/ops/math/unary.ts (the `scalar` of defineUnaryOp). */
const scalar: (x: number, attrs: Attrs) => number = erf;

/** Y[i] = Erf(X[i]) over float32; `y` may be `x` (in place, as fused activations do). */
export function erf_f32_flat__ts(x: Float32Array, y: Float32Array, attrs: Attrs): void {
  const n = x.length;
  for (let i = 0; i < n; i++) y[i] = scalar(x[i], attrs);
}

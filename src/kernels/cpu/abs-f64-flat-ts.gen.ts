/*
 * generated, do not edit: run `npm run codegen`
 * spec:     src/ir/ops/math/unary.ts
 * template: codegen/cpu/templates.ts (unary)
 * variant:  abs-f64-flat-ts  { op: 'Abs', template: 'unary', dtype: 'float64', tile: 'flat' }
 */
type Attrs = Readonly<{ consumed_inputs?: number[] }>;
/** The op's math, copied from src/ir/ops/math/unary.ts (the `scalar` of defineUnaryOp). */
const scalar: (x: number, attrs: Attrs) => number = Math.abs;

/** Y[i] = Abs(X[i]) over float64; `y` may be `x` (in place, as fused activations do). */
export function abs_f64_flat__ts(x: Float64Array, y: Float64Array, attrs: Attrs): void {
  const n = x.length;
  for (let i = 0; i < n; i++) y[i] = scalar(x[i], attrs);
}

/*
 * generated, do not edit: run `npm run codegen`
 * spec:     src/ir/ops/math/trigonometric.ts
 * template: codegen/cpu/templates.ts (unary)
 * variant:  tan-f64-flat-ts  { op: 'Tan', template: 'unary', dtype: 'float64', tile: 'flat' }
 */
type Attrs = Readonly<Record<string, unknown>>;
/** The op's math, copied from src/ir/ops/math/trigonometric.ts (the `scalar` of defineUnaryOp). */
const scalar: (x: number, attrs: Attrs) => number = Math.tan;

/** Y[i] = Tan(X[i]) over float64; `y` may be `x` (in place, as fused activations do). */
export function tan_f64_flat__ts(x: Float64Array, y: Float64Array, attrs: Attrs): void {
  const n = x.length;
  for (let i = 0; i < n; i++) y[i] = scalar(x[i], attrs);
}

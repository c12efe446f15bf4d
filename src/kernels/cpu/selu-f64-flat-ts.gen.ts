/*
 * generated, do not edit: run `npm run codegen`
 * spec:     src/ir/ops/math/activations.ts
 * template: codegen/cpu/templates.ts (unary)
 * variant:  selu-f64-flat-ts  { op: 'Selu', template: 'unary', dtype: 'float64', tile: 'flat' }
 */
type Attrs = Readonly<{ alpha: number; gamma: number; consumed_inputs?: number[] }>;
/** The op's math, copied from src/ir/ops/math/activations.ts (the `scalar` of defineUnaryOp). */
const scalar: (x: number, attrs: Attrs) => number = (x, { alpha, gamma }) => (x > 0 ? gamma * x : gamma * alpha * Math.expm1(x));

/** Y[i] = Selu(X[i]) over float64; `y` may be `x` (in place, as fused activations do). */
export function selu_f64_flat__ts(x: Float64Array, y: Float64Array, attrs: Attrs): void {
  const n = x.length;
  for (let i = 0; i < n; i++) y[i] = scalar(x[i], attrs);
}

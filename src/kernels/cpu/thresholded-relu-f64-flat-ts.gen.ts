/*
 * generated, do not edit: run `npm run codegen`
 * spec:     src/ir/ops/math/activations.ts
 * template: codegen/cpu/templates.ts (unary)
 * variant:  thresholded-relu-f64-flat-ts  { op: 'ThresholdedRelu', template: 'unary', dtype: 'float64', tile: 'flat' }
 */
type Attrs = Readonly<{ alpha: number }>;
/** The op's math, copied from src/ir/ops/math/activations.ts (the `scalar` of defineUnaryOp). */
const scalar: (x: number, attrs: Attrs) => number = (x, { alpha }) => (x > alpha ? x : 0);

/** Y[i] = ThresholdedRelu(X[i]) over float64; `y` may be `x` (in place, as fused activations do). */
export function thresholded_relu_f64_flat__ts(x: Float64Array, y: Float64Array, attrs: Attrs): void {
  const n = x.length;
  for (let i = 0; i < n; i++) y[i] = scalar(x[i], attrs);
}

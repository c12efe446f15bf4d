/*
 * generated, do not edit: run `npm run codegen`
 * spec:     src/ir/ops/math/activations.ts
 * template: codegen/cpu/templates.ts (unary)
 * variant:  swish-f64-flat-ts  { op: 'Swish', template: 'unary', dtype: 'float64', tile: 'flat' }
 */
type Attrs = Readonly<{ alpha: number }>;
/** The op's math, copied from src/ir/ops/math/activations.ts (the `scalar` of defineUnaryOp). */
const scalar: (x: number, attrs: Attrs) => number = (x, { alpha }) => x * sigmoid(alpha * x);
function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Y[i] = Swish(X[i]) over float64; `y` may be `x` (in place, as fused activations do). */
export function swish_f64_flat__ts(x: Float64Array, y: Float64Array, attrs: Attrs): void {
  const n = x.length;
  for (let i = 0; i < n; i++) y[i] = scalar(x[i], attrs);
}

/*
 * generated, do not edit: run `npm run codegen`
 * spec:     src/ir/ops/math/activations.ts
 * template: codegen/cpu/templates.ts (unary)
 * variant:  mish-f64-flat-ts  { op: 'Mish', template: 'unary', dtype: 'float64', tile: 'flat' }
 */
type Attrs = Readonly<Record<string, unknown>>;
/** The op's math, copied from src/ir/ops/math/activations.ts (the `scalar` of defineUnaryOp). */
const scalar: (x: number, attrs: Attrs) => number = (x) => x * Math.tanh(softplus(x));
function softplus(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

/** Y[i] = Mish(X[i]) over float64; `y` may be `x` (in place, as fused activations do). */
export function mish_f64_flat__ts(x: Float64Array, y: Float64Array, attrs: Attrs): void {
  const n = x.length;
  for (let i = 0; i < n; i++) y[i] = scalar(x[i], attrs);
}

/*
 * generated, do not edit: run `npm run codegen`
 * spec:     src/ir/ops/math/activations.ts
 * template: codegen/cpu/templates.ts (unary)
 * variant:  hard-sigmoid-f64-flat-ts  { op: 'HardSigmoid', template: 'unary', dtype: 'float64', tile: 'flat' }
 */
type Attrs = Readonly<{ alpha: number; beta: number; consumed_inputs?: number[] }>;
/** The op's math, copied from src/ir/ops/math/activations.ts (the `scalar` of defineUnaryOp). */
const scalar: (x: number, attrs: Attrs) => number = (x, { alpha, beta }) => clamp01(alpha * x + beta);
function clamp01(v: number): number {
  return Math.max(0, Math.min(1, v));
}

/** Y[i] = HardSigmoid(X[i]) over float64; `y` may be `x` (in place, as fused activations do). */
export function hard_sigmoid_f64_flat__ts(x: Float64Array, y: Float64Array, attrs: Attrs): void {
  const n = x.length;
  for (let i = 0; i < n; i++) y[i] = scalar(x[i], attrs);
}

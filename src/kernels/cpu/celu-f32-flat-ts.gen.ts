/*
 * generated, do not edit: run `npm run codegen`
 * spec:     src/ir/ops/math/activations.ts
 * template: codegen/cpu/templates.ts (unary)
 * variant:  celu-f32-flat-ts  { op: 'Celu', template: 'unary', dtype: 'float32', tile: 'flat' }
 */
type Attrs = Readonly<{ alpha: number }>;
/** The op's math, copied from src/ir/ops/math/activations.ts (the `scalar` of defineUnaryOp). */
const scalar: (x: number, attrs: Attrs) => number = (x, { alpha }) => Math.max(0, x) + Math.min(0, alpha * Math.expm1(x / alpha));

/** Y[i] = Celu(X[i]) over float32; `y` may be `x` (in place, as fused activations do). */
export function celu_f32_flat__ts(x: Float32Array, y: Float32Array, attrs: Attrs): void {
  const n = x.length;
  for (let i = 0; i < n; i++) y[i] = scalar(x[i], attrs);
}

/*
 * generated, do not edit: run `npm run codegen`
 * spec:     src/ir/ops/math/activations.ts
 * template: codegen/cpu/templates.ts (unary)
 * variant:  softplus-f32-flat-ts  { op: 'Softplus', template: 'unary', dtype: 'float32', tile: 'flat' }
 */
type Attrs = Readonly<Record<string, unknown>>;
/** The op's math, copied from src/ir/ops/math/activations.ts (the `scalar` of defineUnaryOp). */
const scalar: (x: number, attrs: Attrs) => number = softplus;
function softplus(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

/** Y[i] = Softplus(X[i]) over float32; `y` may be `x` (in place, as fused activations do). */
export function softplus_f32_flat__ts(x: Float32Array, y: Float32Array, attrs: Attrs): void {
  const n = x.length;
  for (let i = 0; i < n; i++) y[i] = scalar(x[i], attrs);
}

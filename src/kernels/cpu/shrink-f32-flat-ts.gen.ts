/*
 * generated, do not edit: run `npm run codegen`
 * spec:     src/ir/ops/math/activations.ts
 * template: codegen/cpu/templates.ts (unary)
 * variant:  shrink-f32-flat-ts  { op: 'Shrink', template: 'unary', dtype: 'float32', tile: 'flat' }
 */
type Attrs = Readonly<{ bias: number; lambd: number }>;
/** The op's math, copied from src/ir/ops/math/activations.ts (the `scalar` of defineUnaryOp). */
const scalar: (x: number, attrs: Attrs) => number = (x, { bias, lambd }) => (x < -lambd ? x + bias : x > lambd ? x - bias : 0);

/** Y[i] = Shrink(X[i]) over float32; `y` may be `x` (in place, as fused activations do). */
export function shrink_f32_flat__ts(x: Float32Array, y: Float32Array, attrs: Attrs): void {
  const n = x.length;
  for (let i = 0; i < n; i++) y[i] = scalar(x[i], attrs);
}

/*
 * generated, do not edit: run `npm run codegen`
 * spec:     src/ir/ops/math/unary.ts
 * template: codegen/cpu/templates.ts (unary)
 * variant:  ceil-f32-flat-ts  { op: 'Ceil', template: 'unary', dtype: 'float32', tile: 'flat' }
 */
type Attrs = Readonly<{ consumed_inputs?: number[] }>;
/** The op's math, copied from src/ir/ops/math/unary.ts (the `scalar` of defineUnaryOp). */
const scalar: (x: number, attrs: Attrs) => number = Math.ceil;

/** Y[i] = Ceil(X[i]) over float32; `y` may be `x` (in place, as fused activations do). */
export function ceil_f32_flat__ts(x: Float32Array, y: Float32Array, attrs: Attrs): void {
  const n = x.length;
  for (let i = 0; i < n; i++) y[i] = scalar(x[i], attrs);
}

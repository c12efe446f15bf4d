/*
 * generated, do not edit: run `npm run codegen`
 * spec:     src/ir/ops/math/activations.ts
 * template: codegen/cpu/templates.ts (unary)
 * variant:  sigmoid-f32-flat-ts  { op: 'Sigmoid', template: 'unary', dtype: 'float32', tile: 'flat' }
 */
type Attrs = Readonly<{ consumed_inputs?: number[] }>;
/** The op's math, copied from src/ir/ops/math/activations.ts (the `scalar` of defineUnaryOp). */
const scalar: (x: number, attrs: Attrs) => number = sigmoid;
function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Y[i] = Sigmoid(X[i]) over float32; `y` may be `x` (in place, as fused activations do). */
export function sigmoid_f32_flat__ts(x: Float32Array, y: Float32Array, attrs: Attrs): void {
  const n = x.length;
  for (let i = 0; i < n; i++) y[i] = scalar(x[i], attrs);
}

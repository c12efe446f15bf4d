/*
 * generated, do not edit: run `npm run codegen`
 * spec:     src/ir/ops/math/activations.ts
 * template: codegen/cpu/templates.ts (unary)
 * variant:  gelu-f32-flat-ts  { op: 'Gelu', template: 'unary', dtype: 'float32', tile: 'flat' }
 */
import { erf } from '../../ir/ops/math/unary.js';
type Attrs = Readonly<{ approximate: string }>;
/** The op's math, copied from src/ir/ops/math/activations.ts (the `scalar` of defineUnaryOp). */
const scalar: (x: number, attrs: Attrs) => number = (x, { approximate }) => (approximate === 'tanh'
    ? 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)))
    : 0.5 * x * (1 + erf(x / Math.SQRT2)));

/** Y[i] = Gelu(X[i]) over float32; `y` may be `x` (in place, as fused activations do). */
export function gelu_f32_flat__ts(x: Float32Array, y: Float32Array, attrs: Attrs): void {
  const n = x.length;
  for (let i = 0; i < n; i++) y[i] = scalar(x[i], attrs);
}

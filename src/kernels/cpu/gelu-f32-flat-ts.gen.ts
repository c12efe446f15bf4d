/*
 * generated, do not edit: run `npm run codegen`
 * spec:     src/ir/ops/math/activations.ts
 * template: codegen/cpu/templates.ts, codegen/approximations.ts (unary)
 * variant:  gelu-f32-flat-ts  { op: 'Gelu', template: 'unary', dtype: 'float32', tile: 'flat' }
 */
type Attrs = Readonly<{ approximate: string }>;
/** The op's math, copied from src/ir/ops/math/activations.ts (the `scalar` of defineUnaryOp). */
const scalar: (x: number, attrs: Attrs) => number = (x, { approximate }) => (approximate === 'tanh'
    ? 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)))
    : 0.5 * x * (1 + erf(x / Math.SQRT2)));
/** erf(x) ≈ x·P(x²)/Q(x²) on x clamped to ±4, rounded to float32 as the wasm lanes round it, float32-accurate (codegen/approximations.ts). */
function erf(x: number): number {
  const z = Math.min(Math.max(x, -4), 4), z2 = z * z;
  // Rounded, erf is exactly ±1 near the clamp, as the exact erf is at ±∞: Gelu(-∞) = -∞·(1 - 1) is
  // then NaN, as the spec's formula gives, not -∞·(1 − 0.99999998) = -∞ (the property suite found it).
  return Math.fround((z * (((((((-2.72614225801306e-10) * z2 + 2.77068142495902e-8) * z2 + -0.00000210102402082508) * z2 + -0.0000569250639462346) * z2 + -0.000734990630326855) * z2 + -0.00295459980854025) * z2 + -0.0160960333262415)) / (((((-0.0000145660718464996) * z2 + -0.000213374055278905) * z2 + -0.00168282697438203) * z2 + -0.00737332916720468) * z2 + -0.0142647390514189));
}

/** Y[i] = Gelu(X[i]) over float32; `y` may be `x` (in place, as fused activations do). */
export function gelu_f32_flat__ts(x: Float32Array, y: Float32Array, attrs: Attrs): void {
  const n = x.length;
  for (let i = 0; i < n; i++) y[i] = scalar(x[i], attrs);
}

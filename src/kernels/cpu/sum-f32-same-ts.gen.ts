/*
 * generated, do not edit: run `npm run codegen`
 * spec:     src/ir/ops/math/variadic.ts
 * template: codegen/cpu/templates.ts (variadic)
 * variant:  sum-f32-same-ts  { op: 'Sum', template: 'variadic', dtype: 'float32', broadcast: 'same' }
 */
/** The op's math, copied from src/ir/ops/math/variadic.ts (the function its reference folds with foldVariadic). */
const scalar: (a: number, b: number) => number = (a, b) => a + b;
/** The math at this kernel's dtype. */
const f = (x: number, y: number): number => scalar(x, y);

/** out = Sum(A, B) over float32. A and B have the output's shape. */
export function sum_f32_same__ts(a: Float32Array, b: Float32Array, out: Float32Array): void {
  const n = out.length;
  for (let i = 0; i < n; i++) out[i] = f(a[i], b[i]);
}

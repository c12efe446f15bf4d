/*
 * generated, do not edit: run `npm run codegen`
 * spec:     src/ir/ops/math/arithmetic.ts
 * template: codegen/cpu/templates.ts (binary)
 * variant:  div-f32-same-ts  { op: 'Div', template: 'binary', dtype: 'float32', broadcast: 'same' }
 */
import type { DType } from '../../ir/dtype.js';
/** The op's math, copied from src/ir/ops/math/arithmetic.ts (the `scalar` of defineBinaryOp). */
const scalar: (a: number, b: number, dtype: DType) => number = (a, b) => a / b;
/** The math at this kernel's dtype. */
const f = (x: number, y: number): number => scalar(x, y, 'float32');

/** out = Div(A, B) over float32. A and B have the output's shape. */
export function div_f32_same__ts(a: Float32Array, b: Float32Array, out: Float32Array): void {
  const n = out.length;
  for (let i = 0; i < n; i++) out[i] = f(a[i], b[i]);
}

/*
 * generated, do not edit: run `npm run codegen`
 * spec:     src/ir/ops/math/pow.ts
 * template: codegen/cpu/templates.ts (binary)
 * variant:  pow-f32-trailing-ts  { op: 'Pow', template: 'binary', dtype: 'float32', broadcast: 'trailing' }
 */
import type { DType } from '../../ir/dtype.js';
/** The op's math, copied from src/ir/ops/math/pow.ts (the `scalar` of defineBinaryOp). */
const scalar: (a: number, b: number, dtype: DType) => number = (x, y, t) => (t === 'int32' || t === 'int64' ? intPow(x, y, t) : Math.pow(x, y));
function bigPow(base: bigint, exp: bigint): bigint {
  if (exp < 0n) return base === 1n ? 1n : base === -1n ? (exp % 2n === 0n ? 1n : -1n) : 0n;
  let result = 1n;
  // Square-and-multiply, wrapping at every step so huge exponents cost only log2(exp) steps.
  for (let b = base, e = exp; e > 0n; e >>= 1n) {
    if (e & 1n) result = BigInt.asIntN(64, result * b);
    b = BigInt.asIntN(64, b * b);
  }
  return result;
}

function intPow(x: number, y: number, t: DType): number {
  if (Number.isInteger(y)) return Number(BigInt.asIntN(t === 'int32' ? 32 : 64, bigPow(BigInt(x), BigInt(y))));
  const r = Math.trunc(Math.pow(x, y));
  return Number.isFinite(r) ? r : 0; // NaN/∞ have no integer value; ONNX leaves them undefined
}

/** The math at this kernel's dtype. */
const f = (x: number, y: number): number => scalar(x, y, 'float32');

/** out = Pow(A, B) over float32. The output viewed as [outer, mid, inner]: one operand has its full shape, the other (`aIsSmall` says which) varies only along `mid` (a bias [C] on [N,C], a per-channel [C,1,1] on [N,C,H,W]). */
export function pow_f32_trailing__ts(a: Float32Array, b: Float32Array, out: Float32Array, outer: number, mid: number, inner: number, aIsSmall: boolean): void {
  outer = outer | 0; mid = mid | 0; inner = inner | 0; // int32 arguments (see codegen/cpu/templates.ts)
  let i = 0;
  for (let o = 0; o < outer; o++) {
    for (let m = 0; m < mid; m++) {
      const end = i + inner;
      if (aIsSmall) { const s = a[m]; for (; i < end; i++) out[i] = f(s, b[i]); }
      else { const s = b[m]; for (; i < end; i++) out[i] = f(a[i], s); }
    }
  }
}

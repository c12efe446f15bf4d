/*
 * generated, do not edit: run `npm run codegen`
 * spec:     src/ir/ops/math/pow.ts
 * template: codegen/cpu/templates.ts (binary)
 * variant:  pow-f32-strided-ts  { op: 'Pow', template: 'binary', dtype: 'float32', broadcast: 'strided' }
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

/** out = Pow(A, B) over float32. General broadcasting: `dims` are the (collapsed) output dims, `sa`/`sb` the operands' element strides per dim (0 where broadcast). The last dim is the inner loop. */
export function pow_f32_strided__ts(a: Float32Array, b: Float32Array, out: Float32Array, dims: readonly number[], sa: readonly number[], sb: readonly number[]): void {
  const r = dims.length;
  const n = out.length;
  if (n === 0) return;
  const len = dims[r - 1], ia = sa[r - 1], ib = sb[r - 1];
  const counter = new Array<number>(r).fill(0);
  let offA = 0, offB = 0;
  for (let i = 0; i < n; i += len) {
    for (let j = 0, pa = offA, pb = offB; j < len; j++, pa += ia, pb += ib) out[i + j] = f(a[pa], b[pb]);
    // Advance the counter over the outer dims, odometer style.
    for (let d = r - 2; d >= 0; d--) {
      offA += sa[d]; offB += sb[d];
      if (++counter[d] < dims[d]) break;
      offA -= sa[d] * counter[d]; offB -= sb[d] * counter[d];
      counter[d] = 0;
    }
  }
}

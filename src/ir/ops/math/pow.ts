/**
 * Pow: X raised to Y, elementwise with broadcasting. Since opset 12 the exponent has its own type
 * (T1), so int bases take float exponents and float bases take integer ones.
 * https://onnx.ai/onnx/operators/onnx__Pow.html
 */
import type { DType } from '../../dtype.js';
import { defineBinaryOp } from '../common/elementwise.js';
import { FLOATS, NUMERIC } from '../common/types.js';

const BASE_TYPES: readonly DType[] = ['int32', 'int64', ...FLOATS];

/** X^Y; integer bases give integer results that wrap like hardware integer math. */
export const Pow = defineBinaryOp({
  name: 'Pow', versions: [1, 7, 12, 13, 15], numpyBroadcastSince: 7,
  doc: 'X ^ Y, elementwise with broadcasting; the result has the type of X.',
  types: BASE_TYPES, typesB: NUMERIC,
  scalar: (x, y, t) => (t === 'int32' || t === 'int64' ? intPow(x, y, t) : Math.pow(x, y)),
  bigScalar: (x, y) => bigPow(x, y),
});

/**
 * An integer base: integer exponents are computed exactly (then wrapped to the type's width);
 * fractional ones in floating point, truncated toward zero like a C cast of the float result.
 */
function intPow(x: number, y: number, t: DType): number {
  if (Number.isInteger(y)) return Number(BigInt.asIntN(t === 'int32' ? 32 : 64, bigPow(BigInt(x), BigInt(y))));
  const r = Math.trunc(Math.pow(x, y));
  return Number.isFinite(r) ? r : 0; // NaN/∞ have no integer value; ONNX leaves them undefined
}

/** base^exp wrapped to 64 bits; negative exponents give the integer part of 1/base^|exp|. */
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

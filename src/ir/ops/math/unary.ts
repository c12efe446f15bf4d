/**
 * The elementary unary family: Abs, Neg, Sign, Reciprocal, Sqrt, Exp, Log, Ceil, Floor, Round, Erf.
 * https://onnx.ai/onnx/operators/onnx__Abs.html (and the other ops' pages, same URL pattern)
 *
 * Every op is computed in float64 and rounded once to the output type. Integer results wrap the way
 * a two's-complement store does (Abs(-128) is -128 in int8), which is what ONNX runtimes produce.
 */
import { defineUnaryOp } from '../common/elementwise.js';
import { FLOATS, NUMERIC, SIGNED_NUMERIC } from '../common/types.js';

/** Opset 1 versions carry the legacy `consumed_inputs` attribute (ignored: it was an optimization hint). */
const CONSUMED_INPUTS = { consumed_inputs: { type: 'ints', until: 6 } } as const;
const V1_6_13 = [1, 6, 13] as const;
const legacy = { versions: V1_6_13, attributes: CONSUMED_INPUTS };

/** |X|. */
export const Abs = defineUnaryOp({
  ...legacy, name: 'Abs', doc: '|X|, elementwise.', types: NUMERIC,
  scalar: Math.abs, bigScalar: (x) => (x < 0n ? -x : x),
});
/** -X. */
export const Neg = defineUnaryOp({
  ...legacy, name: 'Neg', doc: '-X, elementwise.', types: SIGNED_NUMERIC,
  scalar: (x) => -x, bigScalar: (x) => -x,
});
/** -1, 0 or 1 by the sign of X. */
export const Sign = defineUnaryOp({
  name: 'Sign', versions: [9, 13], doc: 'The sign of X (-1, 0, 1), elementwise.', types: NUMERIC,
  scalar: Math.sign, bigScalar: (x) => (x > 0n ? 1n : x < 0n ? -1n : 0n),
});
/** 1/X. */
export const Reciprocal = defineUnaryOp({ ...legacy, name: 'Reciprocal', doc: '1/X, elementwise.', types: FLOATS, scalar: (x) => 1 / x });
/** √X (NaN for negative X). */
export const Sqrt = defineUnaryOp({ ...legacy, name: 'Sqrt', doc: 'Square root of X, elementwise.', types: FLOATS, scalar: Math.sqrt });
/** e^X. */
export const Exp = defineUnaryOp({ ...legacy, name: 'Exp', doc: 'e^X, elementwise.', types: FLOATS, scalar: Math.exp });
/** ln X. */
export const Log = defineUnaryOp({ ...legacy, name: 'Log', doc: 'Natural logarithm of X, elementwise.', types: FLOATS, scalar: Math.log });
/** ⌈X⌉. */
export const Ceil = defineUnaryOp({ ...legacy, name: 'Ceil', doc: 'Smallest integer ≥ X, elementwise.', types: FLOATS, scalar: Math.ceil });
/** ⌊X⌋. */
export const Floor = defineUnaryOp({ ...legacy, name: 'Floor', doc: 'Largest integer ≤ X, elementwise.', types: FLOATS, scalar: Math.floor });
/** X rounded to the nearest integer, halves to even. */
export const Round = defineUnaryOp({
  name: 'Round', versions: [11, 22], doc: 'X rounded to the nearest integer, halves to the even one.', types: FLOATS,
  scalar: roundHalfToEven,
});
/** The Gauss error function. Opset 9 also listed the integer types (results truncate toward 0). */
export const Erf = defineUnaryOp({ name: 'Erf', versions: [9, 13], doc: 'The error function erf(X), elementwise.', types: NUMERIC, scalar: erf });

/** Rounds to the nearest integer; exact halves go to the even neighbour (banker's rounding, as in IEEE). */
export function roundHalfToEven(x: number): number {
  const r = Math.round(x); // halves go up here: 2.5 → 3, -2.5 → -2
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * erf(x) = 2/√π · e^(−x²) · Σₙ 2ⁿ x^(2n+1) / (1·3·…·(2n+1)).
 * Every term of this series is positive, so unlike the Taylor series it loses no digits to
 * cancellation; it stops when the terms no longer change the sum. Beyond |x| = 6, 1 − erf(|x|) is
 * below 1e-17 and the answer is ±1 in double precision.
 */
export function erf(x: number): number {
  if (Number.isNaN(x)) return x;
  const ax = Math.abs(x);
  if (ax >= 6) return Math.sign(x);
  const x2 = ax * ax;
  let term = ax;
  let sum = ax;
  for (let n = 1; term > sum * 1e-17; n++) {
    term *= (2 * x2) / (2 * n + 1);
    sum += term;
  }
  return Math.sign(x) * Math.min(1, (2 / Math.sqrt(Math.PI)) * Math.exp(-x2) * sum);
}

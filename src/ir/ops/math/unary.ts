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
 * erf(x) in double precision by W. J. Cody's rational Chebyshev approximations ("Rational
 * Chebyshev approximations for the error function", Math. Comp. 23, 1969; the coefficients of
 * netlib's specfun CALERF): erf itself on |x| ≤ 0.46875, erfc on (0.46875, 4] and on (4, 26.5]
 * in 1/x², with e^(−x²) split as e^(−t²)·e^(−(x−t)(x+t)), t = x rounded down to 1/16, so the
 * exponent loses no bits. A series that summed up to ~100 terms stood here before: the cpu
 * provider's Gelu after tinybert's 16×512 FusedMatMul spent ~0.65 ms in it (kernel timing,
 * 16:00 UTC), against ~0.9 ms for the GEMM. Within 3 ulps of erf computed exactly (the series was
 * within 13; test/erf.test.ts).
 */
export function erf(x: number): number {
  if (Number.isNaN(x)) return x;
  const y = Math.abs(x);
  if (y <= 0.46875) {
    const z = y * y;
    let num = ERF_A[4] * z, den = z;
    for (let i = 0; i < 3; i++) { num = (num + ERF_A[i]) * z; den = (den + ERF_B[i]) * z; }
    return (x * (num + ERF_A[3])) / (den + ERF_B[3]);
  }
  const complement = y >= 26.543 ? 0 : erfcTail(y);
  const r = 0.5 - complement + 0.5;
  return x < 0 ? -r : r;
}

/** erfc(y) for 0.46875 < y < 26.543 (Cody's second and third ranges). */
function erfcTail(y: number): number {
  let r: number;
  if (y <= 4) {
    let num = ERF_C[8] * y, den = y;
    for (let i = 0; i < 7; i++) { num = (num + ERF_C[i]) * y; den = (den + ERF_D[i]) * y; }
    r = (num + ERF_C[7]) / (den + ERF_D[7]);
  } else {
    const z = 1 / (y * y);
    let num = ERF_P[5] * z, den = z;
    for (let i = 0; i < 4; i++) { num = (num + ERF_P[i]) * z; den = (den + ERF_Q[i]) * z; }
    r = (z * (num + ERF_P[4])) / (den + ERF_Q[4]);
    r = (1 / Math.sqrt(Math.PI) - r) / y;
  }
  const t = Math.trunc(y * 16) / 16;
  return Math.exp(-t * t) * Math.exp(-(y - t) * (y + t)) * r;
}

// Cody's coefficients (netlib specfun, CALERF), lowest order first as there.
const ERF_A = [3.1611237438705656, 113.864154151050156, 377.485237685302021, 3209.37758913846947, 0.185777706184603153];
const ERF_B = [23.6012909523441209, 244.024637934444173, 1282.61652607737228, 2844.23683343917062];
const ERF_C = [0.564188496988670089, 8.88314979438837594, 66.1191906371416295, 298.635138197400131, 881.95222124176909,
  1712.04761263407058, 2051.07837782607147, 1230.33935479799725, 2.15311535474403846e-8];
const ERF_D = [15.7449261107098347, 117.693950891312499, 537.181101862009858, 1621.38957456669019, 3290.79923573345963,
  4362.61909014324716, 3439.36767414372164, 1230.33935480374942];
const ERF_P = [0.305326634961232344, 0.360344899949804439, 0.125781726111229246, 0.0160837851487422766,
  6.58749161529837803e-4, 0.0163153871373020978];
const ERF_Q = [2.56852019228982242, 1.87295284992346047, 0.527905102951428412, 0.0605183413124413191, 0.00233520497626869185];

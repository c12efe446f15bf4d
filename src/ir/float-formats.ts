/**
 * Bit-level encodings of the small float formats: float16, bfloat16, the float8 family,
 * float8e8m0 and float4e2m1. Every encoder rounds to nearest, ties to even (RNE), as the ONNX
 * Cast spec requires; the float8 overflow rules follow the Cast operator's tables.
 */

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** float16 bits → number. */
export function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 0x1f) return frac ? NaN : sign * Infinity;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

/** number → float16 bits, RNE, overflow to ±Inf. Rounds from the exact value (not via float32). */
export function floatToHalf(x: number): number {
  if (Number.isNaN(x)) return 0x7e00;
  const sign = x < 0 || Object.is(x, -0) ? 0x8000 : 0;
  let a = Math.abs(x);
  if (a === Infinity) return sign | 0x7c00;
  if (a === 0) return sign;
  // Subnormal range: quantum 2^-24.
  if (a < 2 ** -14) {
    const q = roundHalfEven(a / 2 ** -24);
    return sign | q; // q == 1024 is the smallest normal, which the bit layout encodes correctly
  }
  let e = Math.floor(Math.log2(a));
  if (2 ** e > a) e -= 1; // log2 rounding guard
  if (2 ** (e + 1) <= a) e += 1;
  let m = roundHalfEven((a / 2 ** e - 1) * 1024);
  if (m === 1024) { m = 0; e += 1; }
  if (e > 15) return sign | 0x7c00;
  return sign | ((e + 15) << 10) | m;
}

/** bfloat16 bits → number. */
export function bfloat16ToFloat(b: number): number {
  u32[0] = b << 16;
  return f32[0];
}

/** number → bfloat16 bits, RNE from the float32 value; NaN stays NaN. */
export function floatToBfloat16(x: number): number {
  f32[0] = x;
  const bits = u32[0];
  if (Number.isNaN(x)) return ((bits >>> 16) | 0x40) & 0xffff;
  const rounded = bits + 0x7fff + ((bits >>> 16) & 1);
  return (rounded >>> 16) & 0xffff;
}

/** Description of a minifloat format. */
interface MiniFloat {
  expBits: number;
  mantBits: number;
  bias: number;
  /** Infinity is encoded (IEEE-like E5M2). */
  hasInf: boolean;
  /** "Unsigned zero" formats: 0x80 is NaN, there is no -0. */
  fnuz: boolean;
  /** Total bits (8 or 4). */
  bits: number;
}

const FORMATS = {
  float8e4m3fn: { expBits: 4, mantBits: 3, bias: 7, hasInf: false, fnuz: false, bits: 8 },
  float8e4m3fnuz: { expBits: 4, mantBits: 3, bias: 8, hasInf: false, fnuz: true, bits: 8 },
  float8e5m2: { expBits: 5, mantBits: 2, bias: 15, hasInf: true, fnuz: false, bits: 8 },
  float8e5m2fnuz: { expBits: 5, mantBits: 2, bias: 16, hasInf: false, fnuz: true, bits: 8 },
  float4e2m1: { expBits: 2, mantBits: 1, bias: 1, hasInf: false, fnuz: false, bits: 4 },
} satisfies Record<string, MiniFloat>;

export type MiniFloatName = keyof typeof FORMATS;

function decodeMini(f: MiniFloat, code: number): number {
  const signBit = 1 << (f.bits - 1);
  if (f.fnuz && code === signBit) return NaN;
  const sign = code & signBit ? -1 : 1;
  const exp = (code >> f.mantBits) & ((1 << f.expBits) - 1);
  const mant = code & ((1 << f.mantBits) - 1);
  const expMax = (1 << f.expBits) - 1;
  if (f.bits === 8 && !f.fnuz) {
    if (f.hasInf && exp === expMax) return mant === 0 ? sign * Infinity : NaN;
    if (!f.hasInf && exp === expMax && mant === (1 << f.mantBits) - 1) return NaN; // E4M3FN: S.1111.111
  }
  if (exp === 0) return sign * mant * 2 ** (1 - f.bias - f.mantBits);
  return sign * (1 + mant / (1 << f.mantBits)) * 2 ** (exp - f.bias);
}

/** Per format: decode table, and the positive finite values in code order for encoding. */
const TABLES = new Map<MiniFloatName, { decode: Float64Array; positives: number[]; nan: number; inf: number }>();
function table(name: MiniFloatName) {
  let t = TABLES.get(name);
  if (!t) {
    const f = FORMATS[name];
    const n = 1 << f.bits;
    const decode = new Float64Array(n);
    for (let c = 0; c < n; c++) decode[c] = decodeMini(f, c);
    const positives: number[] = [];
    for (let c = 0; c < n >> 1; c++) if (Number.isFinite(decode[c])) positives.push(decode[c]);
    // float4e2m1 has no NaN code; the ONNX backend tests expect NaN to become 0x8 (-0).
    const nan = f.fnuz ? 0x80 : f.hasInf ? 0x7f : f.bits === 8 ? 0x7f : 0x8;
    const inf = f.hasInf ? 0x7c : -1;
    t = { decode, positives, nan, inf };
    TABLES.set(name, t);
  }
  return t;
}

/** Minifloat bits → number. */
export function miniToFloat(name: MiniFloatName, code: number): number {
  return table(name).decode[code];
}

/**
 * number → minifloat bits with RNE. `saturate` follows the Cast tables: with saturation ±Inf and
 * overflow go to ±max; without, they go to ±Inf (E5M2) or NaN. float4e2m1 always saturates and has
 * no NaN code, so NaN maps to 0x8 (-0), the value the ONNX backend tests (test_cast_*_to_FLOAT4E2M1) expect.
 */
export function floatToMini(name: MiniFloatName, x: number, saturate = true): number {
  const f = FORMATS[name];
  const t = table(name);
  const signBit = 1 << (f.bits - 1);
  if (Number.isNaN(x)) return t.nan;
  const neg = x < 0 || Object.is(x, -0);
  const a = Math.abs(x);
  const sign = neg && !f.fnuz ? signBit : 0;
  const p = t.positives;
  const max = p[p.length - 1];
  const overflow = () => {
    if (saturate || name === 'float4e2m1') return (neg ? signBit : 0) | (p.length - 1);
    if (f.hasInf) return sign | t.inf;
    return f.fnuz ? t.nan : sign | t.nan;
  };
  if (a === Infinity) return overflow();
  if (a > max) {
    const half = (max - p[p.length - 2]) / 2;
    if (a < max + half || (a === max + half && ((p.length - 1) & 1) === 0)) return sign | (p.length - 1) | (neg && f.fnuz ? signBit : 0);
    return overflow();
  }
  // Binary search the largest code whose value <= a.
  let lo = 0, hi = p.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (p[mid] <= a) lo = mid; else hi = mid - 1;
  }
  let code = lo;
  if (code < p.length - 1) {
    const below = p[code], above = p[code + 1];
    const d1 = a - below, d2 = above - a;
    if (d2 < d1 || (d2 === d1 && (code & 1) === 1)) code += 1;
  }
  if (code === 0) return f.fnuz ? 0 : sign; // zero keeps its sign where -0 exists
  return (neg ? signBit : 0) | code;
}

/** float8e8m0 (exponent only, value 2^(e-127); 0xff is NaN) → number. */
export function e8m0ToFloat(code: number): number {
  return code === 0xff ? NaN : 2 ** (code - 127);
}

/**
 * number → float8e8m0 bits. `roundMode` is Cast's `round_mode` ('up' | 'down' | 'nearest').
 * Saturation clamps to the finite range; without it, out-of-range values become NaN.
 */
export function floatToE8m0(x: number, saturate = true, roundMode: 'up' | 'down' | 'nearest' = 'up'): number {
  if (Number.isNaN(x) || x === Infinity) return saturate && x === Infinity ? 0xfe : 0xff;
  if (x <= 0) return saturate ? 0 : 0xff;
  const e = Math.log2(x);
  let k: number;
  const floor = Math.floor(e);
  if (roundMode === 'down') k = floor;
  else if (roundMode === 'up') k = 2 ** floor === x ? floor : floor + 1;
  else {
    // nearest in the float32 sense: compare against the midpoint mantissa 1.5 (ties up, as the reference)
    const m = x / 2 ** floor;
    k = m >= 1.5 ? floor + 1 : floor;
  }
  const code = k + 127;
  if (code < 0) return saturate ? 0 : 0xff;
  if (code > 254) return saturate ? 0xfe : 0xff;
  return code;
}

function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return Math.abs(v % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** Rounds to the nearest float32 (exported for kernels that must mimic float32 arithmetic). */
export const toFloat32 = Math.fround;

/**
 * Element conversion shared by Cast and CastLike (and by any spec that needs Cast's exact rules):
 * numbers between every numeric dtype, strings both ways, bool, and the small float formats with
 * Cast's `saturate` and `round_mode`.
 */
import { type DType, INT_RANGE, isBigInt, isInteger } from '../../dtype.js';
import { floatToE8m0 } from '../../float-formats.js';
import { readValues, Tensor } from '../../tensor.js';

/** Options of Cast that only matter for the float8 targets. */
export interface ConvertOptions {
  /** Clamp out-of-range values to the format's max instead of Inf/NaN (float8 targets). */
  saturate?: number | boolean;
  /** float8e8m0 rounding: 'up' | 'down' | 'nearest'. */
  roundMode?: string;
}

/** `x` converted elementwise to `to`, following the ONNX Cast rules. */
export function convertTensor(x: Tensor, to: DType, opts: ConvertOptions = {}): Tensor {
  if (x.type === to) return x;
  if (x.type === 'string') return fromStrings(x.data as string[], to, x.dims, opts);
  if (to === 'string') return new Tensor('string', toStrings(x), x.dims);
  if (isBigInt(x.type)) return fromBigInts(x.data as BigInt64Array | BigUint64Array, to, x.dims);
  return fromNumbers(readValues(x), to, x.dims, opts);
}

/** Bit width of an integer dtype, for the wrap-around of fixed-point to fixed-point casts. */
function intBits(t: DType): number {
  const r = INT_RANGE[t];
  return r ? Math.log2(r[1] - r[0] + 1) : 64;
}

function fromNumbers(v: ArrayLike<number>, to: DType, dims: readonly number[], opts: ConvertOptions): Tensor {
  const n = v.length;
  if (isBigInt(to)) {
    const out = to === 'int64' ? new BigInt64Array(n) : new BigUint64Array(n);
    for (let i = 0; i < n; i++) out[i] = floatToBigInt(v[i], to);
    return new Tensor(to, out, dims);
  }
  if (to === 'bool') {
    // NaN is "not zero", so it becomes true, as in C++ and numpy.
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = v[i] !== 0 ? 1 : 0;
    return new Tensor('bool', out, dims);
  }
  if (to === 'float8e8m0') {
    const saturate = opts.saturate === undefined ? true : Boolean(opts.saturate);
    const mode = (opts.roundMode ?? 'up') as 'up' | 'down' | 'nearest';
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = floatToE8m0(v[i], saturate, mode);
    return new Tensor(to, out, dims);
  }
  // Typed-array stores truncate and wrap integers (ToInt8 & co.), which is the fixed-point rule;
  // fromValues encodes the float formats with round-to-nearest-even.
  return Tensor.fromValues(to, dims, v, { saturate: opts.saturate === undefined ? true : Boolean(opts.saturate) });
}

/**
 * float → int64/uint64. Out of range is undefined in ONNX; NaN and ±Inf give the x86 "integer
 * indefinite" value 0x8000000000000000 that numpy and C++ produce, instead of throwing.
 */
function floatToBigInt(x: number, to: 'int64' | 'uint64'): bigint {
  const big = Number.isFinite(x) ? BigInt(Math.trunc(x)) : -(2n ** 63n);
  return to === 'int64' ? BigInt.asIntN(64, big) : BigInt.asUintN(64, big);
}

function fromBigInts(v: BigInt64Array | BigUint64Array, to: DType, dims: readonly number[]): Tensor {
  const n = v.length;
  if (isBigInt(to)) {
    const out = to === 'int64' ? new BigInt64Array(n) : new BigUint64Array(n);
    for (let i = 0; i < n; i++) out[i] = to === 'int64' ? BigInt.asIntN(64, v[i]) : BigInt.asUintN(64, v[i]);
    return new Tensor(to, out, dims);
  }
  const vals = new Float64Array(n);
  if (isInteger(to)) {
    // Wrap in bigint space first: Number() of a large int64 would lose the low bits that survive.
    const bits = intBits(to);
    for (let i = 0; i < n; i++) vals[i] = Number(BigInt.asIntN(bits, v[i]));
  } else if (to === 'bool') {
    for (let i = 0; i < n; i++) vals[i] = v[i] !== 0n ? 1 : 0;
  } else {
    for (let i = 0; i < n; i++) vals[i] = Number(v[i]);
  }
  return Tensor.fromValues(to, dims, vals);
}

/** Parses Cast's string forms: decimal and scientific numbers, and INF/+INF/-INF/NaN in any case. */
export function parseNumber(s: string): number {
  const t = s.trim();
  const u = t.toUpperCase();
  if (u === 'INF' || u === '+INF' || u === 'INFINITY' || u === '+INFINITY') return Infinity;
  if (u === '-INF' || u === '-INFINITY') return -Infinity;
  if (u === 'NAN' || u === '+NAN' || u === '-NAN') return NaN;
  return Number(t);
}

function fromStrings(s: readonly string[], to: DType, dims: readonly number[], opts: ConvertOptions): Tensor {
  if (isBigInt(to)) {
    const out = to === 'int64' ? new BigInt64Array(s.length) : new BigUint64Array(s.length);
    for (let i = 0; i < s.length; i++) {
      const t = s[i].trim();
      // Integer strings go straight to bigint so that values beyond 2^53 stay exact.
      out[i] = /^[+-]?\d+$/.test(t)
        ? (to === 'int64' ? BigInt.asIntN(64, BigInt(t)) : BigInt.asUintN(64, BigInt(t)))
        : floatToBigInt(parseNumber(t), to);
    }
    return new Tensor(to, out, dims);
  }
  return fromNumbers(Array.from(s, parseNumber), to, dims, opts);
}

/**
 * Numbers → strings in plain form: the shortest decimal that reads back to the same value of the
 * source type (so float32 0.1 prints "0.1", not "0.10000000149011612"), and INF/-INF/NaN.
 */
function toStrings(x: Tensor): string[] {
  if (isBigInt(x.type)) return Array.from(x.data as BigInt64Array, (v) => v.toString());
  const v = readValues(x);
  const out = new Array<string>(v.length);
  for (let i = 0; i < v.length; i++) out[i] = formatNumber(v[i], x.type);
  return out;
}

function formatNumber(v: number, t: DType): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'INF';
  if (v === -Infinity) return '-INF';
  if (t !== 'float32') return String(v);
  for (let p = 1; p < 9; p++) {
    const s = v.toPrecision(p);
    if (Math.fround(Number(s)) === v) return String(Number(s));
  }
  return String(v);
}

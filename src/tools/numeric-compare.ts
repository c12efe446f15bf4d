/**
 * Compares two values (tensor, sequence, optional) with a tolerance: |actual - expected| <=
 * atol + rtol * |expected| for floats, exact for integers, bools and strings. NaN matches NaN, and
 * infinities must match in sign. Reports the worst error so tools can rank divergences.
 */
import { isFloat, isComplex } from '../ir/dtype.js';
import type { Value } from '../ir/ops/spec.js';
import { readValues, Tensor } from '../ir/tensor.js';

export interface CompareResult {
  ok: boolean;
  /** Why not, in one line (first mismatch). */
  reason?: string;
  maxAbsError: number;
  maxRelError: number;
  mismatches: number;
}

export interface Tolerances { rtol: number; atol: number }

/** A structural mismatch (type, shape, kind): no element-wise error to report. */
const fail = (reason: string): CompareResult => ({ ok: false, reason, maxAbsError: Infinity, maxRelError: Infinity, mismatches: 1 });

export function compareValues(actual: Value | undefined, expected: Value | undefined, tol: Tolerances): CompareResult {
  const ok: CompareResult = { ok: true, maxAbsError: 0, maxRelError: 0, mismatches: 0 };
  if (expected === null || expected === undefined) return actual === expected || actual === null ? ok : fail(`expected an empty optional, got a value`);
  if (actual === null || actual === undefined) return fail('expected a value, got none');
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return fail('expected a sequence');
    if (actual.length !== expected.length) return fail(`sequence length ${actual.length}, expected ${expected.length}`);
    let acc = ok;
    for (let i = 0; i < expected.length; i++) {
      const r = compareValues(actual[i], expected[i], tol);
      if (!r.ok) return { ...r, reason: `element ${i}: ${r.reason}` };
      acc = { ok: true, maxAbsError: Math.max(acc.maxAbsError, r.maxAbsError), maxRelError: Math.max(acc.maxRelError, r.maxRelError), mismatches: 0 };
    }
    return acc;
  }
  if (!(actual instanceof Tensor)) return fail('expected a tensor, got a sequence');
  return compareTensors(actual, expected, tol);
}

export function compareTensors(a: Tensor, e: Tensor, tol: Tolerances): CompareResult {
  if (a.type !== e.type) return fail(`dtype ${a.type}, expected ${e.type}`);
  if (a.dims.length !== e.dims.length || a.dims.some((d, i) => d !== e.dims[i])) return fail(`shape [${a.dims.join(',')}], expected [${e.dims.join(',')}]`);
  let maxAbs = 0, maxRel = 0, mismatches = 0;
  let first: string | undefined;
  if (isFloat(a.type) || isComplex(a.type)) {
    const av = isComplex(a.type) ? (a.data as Float32Array) : readValues(a);
    const ev = isComplex(e.type) ? (e.data as Float32Array) : readValues(e);
    for (let i = 0; i < ev.length; i++) {
      const x = av[i], y = ev[i];
      if (Number.isNaN(y) || Number.isNaN(x)) {
        if (Number.isNaN(x) !== Number.isNaN(y)) { mismatches++; first ??= `at ${i}: ${x} vs ${y}`; maxAbs = Infinity; }
        continue;
      }
      if (!Number.isFinite(y) || !Number.isFinite(x)) {
        if (x !== y) { mismatches++; first ??= `at ${i}: ${x} vs ${y}`; maxAbs = Infinity; }
        continue;
      }
      const abs = Math.abs(x - y);
      const rel = abs / Math.max(Math.abs(y), Number.MIN_VALUE);
      if (abs > maxAbs) maxAbs = abs;
      if (abs > 0 && rel > maxRel) maxRel = rel;
      if (abs > tol.atol + tol.rtol * Math.abs(y)) { mismatches++; first ??= `at ${i}: ${x} vs expected ${y} (abs err ${abs.toExponential(2)})`; }
    }
  } else {
    const av = a.data as ArrayLike<unknown>, ev = e.data as ArrayLike<unknown>;
    for (let i = 0; i < ev.length; i++) {
      if (av[i] !== ev[i]) {
        mismatches++;
        first ??= `at ${i}: ${String(av[i])} vs expected ${String(ev[i])}`;
        if (typeof av[i] !== 'string') maxAbs = Math.max(maxAbs, Math.abs(Number(av[i]) - Number(ev[i])));
      }
    }
  }
  return { ok: mismatches === 0, reason: mismatches ? `${mismatches} of ${e.size} elements differ; first ${first}` : undefined, maxAbsError: maxAbs, maxRelError: maxRel, mismatches };
}

const f32 = new Float32Array(1);
const i32 = new Int32Array(f32.buffer);
/** Float32 bits as a monotonically ordered integer, so ULP distance is a subtraction. */
function orderedBits(x: number): number {
  f32[0] = x;
  const b = i32[0];
  return b < 0 ? -0x80000000 - b : b;
}

/** Largest distance in float32 units in the last place between two float tensors (0 for others). */
export function maxUlp(a: Tensor, e: Tensor): number {
  if (!isFloat(a.type) || a.type !== e.type || a.size !== e.size) return 0;
  const av = readValues(a), ev = readValues(e);
  let worst = 0;
  for (let i = 0; i < ev.length; i++) {
    if (!Number.isFinite(av[i]) || !Number.isFinite(ev[i])) continue;
    const d = Math.abs(orderedBits(av[i]) - orderedBits(ev[i]));
    if (d > worst) worst = d;
  }
  return worst;
}

/**
 * The float32-accurate tanh, sigmoid and erf the generated float32 kernels use
 * (codegen/approximations.ts): the emitted source against the exact functions, and the generated
 * kernels at the special values where an approximation could part from the spec's formula.
 */
import { describe, expect, it } from 'vitest';
import { jsApproximation } from '../../codegen/approximations.js';
import { erf } from '../../src/ir/ops/math/unary.js';
import { erf_f32_flat__ts } from '../../src/kernels/cpu/erf-f32-flat-ts.gen.js';
import { erf_f64_flat__ts } from '../../src/kernels/cpu/erf-f64-flat-ts.gen.js';
import { gelu_f32_flat__ts } from '../../src/kernels/cpu/gelu-f32-flat-ts.gen.js';

/** The emitted TypeScript, which is also plain JavaScript once its type annotations are gone. */
function compiled(fn: 'tanh' | 'sigmoid' | 'erf'): (x: number) => number {
  const js = (src: string) => src.replace(/\(x: number\): number/g, '(x)');
  const tanh = js(jsApproximation('tanh', 'tanhF32'));
  const src = fn === 'tanh' ? tanh : `${tanh}\n${js(jsApproximation(fn, 'approx'))}`;
  return new Function(`${src}\nreturn ${fn === 'tanh' ? 'tanhF32' : 'approx'};`)() as (x: number) => number;
}

/** The largest |approx − exact| over `n` evenly spaced points of [lo, hi], relative to |exact| where `relative`. */
function maxError(approx: (x: number) => number, exact: (x: number) => number, lo: number, hi: number, relative = false, n = 200_000): number {
  let worst = 0;
  for (let i = 0; i <= n; i++) {
    const x = lo + ((hi - lo) * i) / n, e = exact(x);
    const d = Math.abs(approx(x) - e) / (relative && e !== 0 ? Math.abs(e) : 1);
    worst = Math.max(worst, d);
  }
  return worst;
}

describe('float32-accurate approximations', () => {
  it('tanh and sigmoid stay within half a float32 ulp at 1 (6e-8) of the exact functions', () => {
    expect(maxError(compiled('tanh'), Math.tanh, -20, 20)).toBeLessThan(3e-8);
    expect(maxError(compiled('sigmoid'), (x) => 1 / (1 + Math.exp(-x)), -40, 40)).toBeLessThan(2e-8);
  });

  it('erf stays within 1.3e-7 of the spec\'s erf, relative: about a float32 ulp, its rounding to float32 included', () => {
    expect(maxError(compiled('erf'), erf, -6, 6, true)).toBeLessThan(1.3e-7);
  });

  it('NaN passes; the clamps give the limits at ±∞', () => {
    for (const fn of ['tanh', 'sigmoid', 'erf'] as const) expect(compiled(fn)(NaN)).toBeNaN();
    expect(compiled('erf')(Infinity)).toBe(1);
    expect(compiled('erf')(-Infinity)).toBe(-1);
    expect(Math.abs(compiled('tanh')(-Infinity) + 1)).toBeLessThan(6e-8);
    expect(compiled('sigmoid')(-Infinity)).toBeLessThan(6e-8);
  });

  it('float32 Gelu keeps the spec formula\'s values at ±∞ and NaN (Gelu(-∞) = -∞·0 = NaN)', () => {
    const x = new Float32Array([-Infinity, Infinity, NaN, 0, -0, -6, 1.5]);
    const y = new Float32Array(x.length);
    gelu_f32_flat__ts(x, y, { approximate: 'none' });
    const exact = [...x].map((v) => Math.fround(0.5 * v * (1 + erf(v / Math.SQRT2))));
    expect(y[0]).toBeNaN();
    expect(exact[0]).toBeNaN();
    expect(y[1]).toBe(Infinity);
    expect(y[2]).toBeNaN();
    for (let i = 3; i < x.length; i++) expect(Math.abs(y[i] - exact[i])).toBeLessThanOrEqual(1e-7 * Math.max(1, Math.abs(exact[i])));
  });

  it('float64 kernels keep the exact erf', () => {
    const x = new Float64Array([0.3, -1.7, 2.9]), y = new Float64Array(3), y32 = new Float32Array(3);
    erf_f64_flat__ts(x, y, {});
    for (let i = 0; i < 3; i++) expect(y[i]).toBe(erf(x[i]));
    // The float32 kernel is within its accuracy, and not bit-equal everywhere (it is the approximation).
    erf_f32_flat__ts(new Float32Array(x), y32, {});
    for (let i = 0; i < 3; i++) expect(Math.abs(y32[i] - erf(Math.fround(x[i])))).toBeLessThan(1.3e-7);
  });
});

/**
 * Float32-accurate approximations of tanh, sigmoid and erf that the generated float32 kernels use
 * instead of the exact math (`Math.tanh`, `Math.exp`, the spec's Cody erf). One source for both
 * providers: the wasm templates (codegen/wasm/templates/recurrent.ts, transformer.ts) evaluate them
 * in SIMD float32 lanes, and the cpu templates emit them as TypeScript (`jsApproximation`), which
 * evaluates them in float64.
 *
 * Why: a call to `Math.tanh` or `Math.exp` is a call into C from optimized JS, about 15 ns each.
 * LSTM's gate math makes five of them per hidden unit and step: 0.40 ms of lstm_bidi2's 2.2 ms on the
 * cpu provider, against 0.14 ms with these (5,120 cells, a scratch timing script, 2026-11-27). The
 * exact erf made Gelu take 0.59 ms per 20,480 values, against 0.17 ms; in tinybert's per-node
 * profile, the FusedMatMul with the Gelu epilogue went from 1.35× the time of its twin without one
 * to 1.14×.
 *
 * Accuracy, measured against the exact functions on 4·10⁶ points each (same script): evaluated in
 * float64, tanh is within 2.6·10⁻⁸ absolute on [-20, 20], sigmoid within 1.3·10⁻⁸, erf within
 * 6.5·10⁻⁸ relative on [-6, 6] (1.2·10⁻⁷ once rounded to float32, as `jsApproximation` returns it):
 * half a float32 ulp to one, far inside the specs' tolerance (rtol 10⁻³, atol 10⁻⁵).
 * test/cpu/approximations.test.ts holds these bounds. Evaluated in float32 (wasm) tanh stays within
 * 4·10⁻⁷. Float64 kernels keep the exact math: these are not float64-accurate.
 */

/**
 * tanh(x) ≈ x·P(x²)/Q(x²) on x clamped to ±9: the rational approximation Eigen and MLAS use for
 * float tanh (their published coefficients, lowest degree first). Beyond ±9, tanh is ±1 in float32.
 */
export const TANH = {
  clamp: 9,
  p: [4.89352455891786e-3, 6.37261928875436e-4, 1.48572235717979e-5, 5.12229709037114e-8,
    -8.60467152213735e-11, 2.00018790482477e-13, -2.76076847742355e-16],
  q: [4.89352518554385e-3, 2.26843463243900e-3, 1.18534705686654e-4, 1.19825839466702e-6],
} as const;

/**
 * erf(x) ≈ x·P(x²)/Q(x²) on x clamped to ±4 (beyond it erf is ±1 in float32): the form XLA and Eigen
 * use for float erf, coefficients highest degree first.
 */
export const ERF = {
  clamp: 4,
  p: [-2.72614225801306e-10, 2.77068142495902e-08, -2.10102402082508e-06, -5.69250639462346e-05,
    -7.34990630326855e-04, -2.95459980854025e-03, -1.60960333262415e-02],
  q: [-1.45660718464996e-05, -2.13374055278905e-04, -1.68282697438203e-03, -7.37332916720468e-03,
    -1.42647390514189e-02],
} as const;

/** Horner's rule over `coeffs` (highest degree first) in `v`, as source text. */
function horner(coeffs: readonly number[], v: string): string {
  return coeffs.slice(1).reduce((acc, c) => `(${acc}) * ${v} + ${c}`, `${coeffs[0]}`);
}

/** The functions `jsApproximation` can emit. */
export type Approximated = 'tanh' | 'sigmoid' | 'erf';

/**
 * TypeScript source of `name(x)` computing the approximation of `fn` in float64 (NaN passes through
 * the clamps: Math.max and Math.min keep it). `sigmoid` calls the emitted `tanh` under `tanhName`.
 */
export function jsApproximation(fn: Approximated, name: string, tanhName = 'tanhF32'): string {
  const doc = (what: string) => `/** ${what}, float32-accurate (codegen/approximations.ts). */`;
  switch (fn) {
    case 'tanh': return [
      doc(`tanh(x) ≈ x·P(x²)/Q(x²) on x clamped to ±${TANH.clamp}`),
      `function ${name}(x: number): number {`,
      `  const z = Math.min(Math.max(x, -${TANH.clamp}), ${TANH.clamp}), z2 = z * z;`,
      `  return (z * (${horner([...TANH.p].reverse(), 'z2')})) / (${horner([...TANH.q].reverse(), 'z2')});`,
      '}',
    ].join('\n');
    case 'sigmoid': return [
      doc('sigmoid(x) = ½ + ½·tanh(x/2)'),
      `function ${name}(x: number): number {`,
      `  return 0.5 + 0.5 * ${tanhName}(0.5 * x);`,
      '}',
    ].join('\n');
    case 'erf': return [
      doc(`erf(x) ≈ x·P(x²)/Q(x²) on x clamped to ±${ERF.clamp}, rounded to float32 as the wasm lanes round it`),
      `function ${name}(x: number): number {`,
      `  const z = Math.min(Math.max(x, -${ERF.clamp}), ${ERF.clamp}), z2 = z * z;`,
      '  // Rounded, erf is exactly ±1 near the clamp, as the exact erf is at ±∞: Gelu(-∞) = -∞·(1 - 1) is',
      '  // then NaN, as the spec\'s formula gives, not -∞·(1 − 0.99999998) = -∞ (the property suite found it).',
      `  return Math.fround((z * (${horner(ERF.p, 'z2')})) / (${horner(ERF.q, 'z2')}));`,
      '}',
    ].join('\n');
  }
}

/**
 * The discrete Fourier transform of one complex line, shared by DFT and STFT. A direct O(n²) sum
 * with a twiddle table indexed by (k·j) mod n, so every angle is exact before its cos/sin: plain
 * and accurate rather than fast.
 */

/** cos/sin of 2πj/n for j in [0, n). */
export interface Twiddles {
  n: number;
  cos: Float64Array;
  sin: Float64Array;
}

/** The twiddle table for transforms of length n. */
export function twiddles(n: number): Twiddles {
  const cos = new Float64Array(n), sin = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const a = (2 * Math.PI * j) / n;
    cos[j] = Math.cos(a);
    sin[j] = Math.sin(a);
  }
  return { n, cos, sin };
}

/**
 * out[k] = Σ_j in[j]·e^{∓2πi·kj/n} for k < outLen (the sign is + for the inverse, which is also
 * divided by n). `re`/`im` hold n samples; `outRe`/`outIm` receive outLen values.
 */
export function dftLine(re: Float64Array, im: Float64Array, t: Twiddles, inverse: boolean, outLen: number,
  outRe: Float64Array, outIm: Float64Array): void {
  const n = t.n;
  const sign = inverse ? 1 : -1;
  const scale = inverse ? 1 / n : 1;
  for (let k = 0; k < outLen; k++) {
    let sr = 0, si = 0, idx = 0;
    for (let j = 0; j < n; j++) {
      const c = t.cos[idx], s = sign * t.sin[idx];
      sr += re[j] * c - im[j] * s;
      si += re[j] * s + im[j] * c;
      idx += k;
      if (idx >= n) idx %= n;
    }
    outRe[k] = sr * scale;
    outIm[k] = si * scale;
  }
}

/**
 * The `post_transform` of the ai.onnx.ml tree and linear models, applied to one row of scores in
 * place: 0 NONE, 1 SOFTMAX, 2 LOGISTIC, 3 SOFTMAX_ZERO (softmax over the non-zero scores, zeros
 * stay 0), 4 PROBIT (the inverse of the standard normal CDF).
 */
import { AttributeError } from '../../errors.js';

/** The transforms' names, at their numeric codes (the older ops name them by string). */
export const POST_TRANSFORMS = ['NONE', 'SOFTMAX', 'LOGISTIC', 'SOFTMAX_ZERO', 'PROBIT'];

/** Applies transform `kind` to `scores[from, from + n)`. */
export function postTransform(kind: number, scores: Float64Array, from: number, n: number): void {
  const end = from + n;
  switch (kind) {
    case 0: return;
    case 1: case 3: {
      const skipZeros = kind === 3;
      let max = -Infinity;
      for (let i = from; i < end; i++) if (!(skipZeros && scores[i] === 0)) max = Math.max(max, scores[i]);
      let sum = 0;
      for (let i = from; i < end; i++) {
        scores[i] = skipZeros && scores[i] === 0 ? 0 : Math.exp(scores[i] - max);
        sum += scores[i];
      }
      if (sum > 0) for (let i = from; i < end; i++) scores[i] /= sum;
      return;
    }
    case 2: for (let i = from; i < end; i++) scores[i] = 1 / (1 + Math.exp(-scores[i])); return;
    case 4: for (let i = from; i < end; i++) scores[i] = Math.SQRT2 * erfInv(2 * scores[i] - 1); return;
    default: throw new AttributeError(`unknown post_transform ${kind}`);
  }
}

/** erf by Abramowitz & Stegun 7.1.26 (absolute error below 1.5e-7), enough for float32 outputs. */
function erf(x: number): number {
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y = 1 - t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * Math.exp(-x * x);
  return x < 0 ? -y : y;
}

/** Inverse of erf on (-1, 1): Winitzki's closed form, then Newton steps on erf to sharpen it. */
function erfInv(y: number): number {
  if (y <= -1) return -Infinity;
  if (y >= 1) return Infinity;
  const a = 0.147;
  const ln = Math.log(1 - y * y);
  const b = 2 / (Math.PI * a) + ln / 2;
  let x = Math.sign(y) * Math.sqrt(Math.sqrt(b * b - ln / a) - b);
  for (let k = 0; k < 3; k++) x -= (erf(x) - y) / ((2 / Math.sqrt(Math.PI)) * Math.exp(-x * x));
  return x;
}

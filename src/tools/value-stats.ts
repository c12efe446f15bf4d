/** Summary statistics of a tensor (min, max, argmax, mean, std, NaN/Inf counts) for traces, reports and the CLI. */
import { isBigInt, isComplex } from '../ir/dtype.js';
import { readValues, type Tensor } from '../ir/tensor.js';

export interface TensorStats {
  min: number | null;
  max: number | null;
  /** Flat index of the first maximum. */
  argmax: number | null;
  /** Mean and standard deviation of the finite elements. */
  mean: number | null;
  std: number | null;
  nan: number;
  inf: number;
}

/** Element values as numbers (int64 through Number, exact to 2^53); strings and complex have none. */
export function numericValues(t: Tensor): ArrayLike<number> {
  return isBigInt(t.type) ? Array.from(t.data as BigInt64Array, Number) : readValues(t);
}

export function tensorStats(t: Tensor): TensorStats {
  const none: TensorStats = { min: null, max: null, argmax: null, mean: null, std: null, nan: 0, inf: 0 };
  if (t.type === 'string' || isComplex(t.type) || t.size === 0) return none;
  const values = numericValues(t);
  let min = Infinity, max = -Infinity, argmax = 0, sum = 0, sumSq = 0, finite = 0, seen = 0, nan = 0, inf = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (Number.isNaN(x)) { nan++; continue; }
    seen++;
    if (x < min) min = x;
    if (x > max || seen === 1) { max = x; argmax = i; }
    if (Number.isFinite(x)) { sum += x; sumSq += x * x; finite++; } else inf++;
  }
  if (!seen) return { ...none, nan };
  const mean = finite ? sum / finite : null;
  const std = mean === null ? null : Math.sqrt(Math.max(0, sumSq / finite - mean * mean));
  return { min, max, argmax, mean, std, nan, inf };
}

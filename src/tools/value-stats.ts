/** Summary statistics of a tensor (min, max, mean, std, NaN/Inf counts) for traces and reports. */
import { isBigInt, isComplex } from '../ir/dtype.js';
import { readValues, type Tensor } from '../ir/tensor.js';

export interface TensorStats {
  min: number | null;
  max: number | null;
  mean: number | null;
  std: number | null;
  nan: number;
  inf: number;
}

export function tensorStats(t: Tensor): TensorStats {
  if (t.type === 'string' || isComplex(t.type) || t.size === 0) return { min: null, max: null, mean: null, std: null, nan: 0, inf: 0 };
  const values: ArrayLike<number> = isBigInt(t.type) ? Array.from(t.data as BigInt64Array, Number) : readValues(t);
  let min = Infinity, max = -Infinity, sum = 0, sumSq = 0, n = 0, nan = 0, inf = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (Number.isNaN(x)) { nan++; continue; }
    if (!Number.isFinite(x)) { inf++; }
    if (x < min) min = x;
    if (x > max) max = x;
    if (Number.isFinite(x)) { sum += x; sumSq += x * x; n++; }
  }
  const mean = n ? sum / n : null;
  const std = n && mean !== null ? Math.sqrt(Math.max(0, sumSq / n - mean * mean)) : null;
  return { min: Number.isFinite(min) || min === -Infinity ? min : null, max: max === -Infinity && n === 0 ? null : max, mean, std, nan, inf };
}

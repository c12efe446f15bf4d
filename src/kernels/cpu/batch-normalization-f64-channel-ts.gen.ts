/*
 * generated, do not edit: run `npm run codegen`
 * spec:     src/ir/ops/normalization/batch-normalization.ts
 * template: codegen/cpu/templates.ts (batchnorm)
 * variant:  batch-normalization-f64-channel-ts  { op: 'BatchNormalization', template: 'batchnorm', dtype: 'float64', tile: 'channel' }
 */
/** Inference BatchNormalization of x viewed as [n, c, inner]: y = x·a + k per channel with a = scale/√(var+ε), k = B − mean·a (the reference folds the same way). */
export function batch_normalization_f64_channel__ts(x: Float64Array, scale: Float64Array, bias: Float64Array, mean: Float64Array, variance: Float64Array, y: Float64Array, n: number, c: number, inner: number, epsilon: number): void {
  n = n | 0; c = c | 0; inner = inner | 0; // int32 arguments (see codegen/cpu/templates.ts)
  for (let ch = 0; ch < c; ch++) {
    const a = scale[ch] / Math.sqrt(variance[ch] + epsilon);
    const k = bias[ch] - mean[ch] * a;
    for (let b = 0; b < n; b++) {
      const base = (b * c + ch) * inner, end = base + inner;
      for (let i = base; i < end; i++) y[i] = x[i] * a + k;
    }
  }
}

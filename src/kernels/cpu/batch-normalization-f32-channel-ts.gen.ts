/*
 * generated, do not edit: run `npm run codegen`
 * spec:     src/ir/ops/normalization/batch-normalization.ts
 * template: codegen/cpu/templates.ts (batchnorm)
 * variant:  batch-normalization-f32-channel-ts  { op: 'BatchNormalization', template: 'batchnorm', dtype: 'float32', tile: 'channel' }
 */
/** Inference BatchNormalization of x viewed as [n, c, inner]: y = x·a + k per channel with a = scale/√(var+ε), k = B − mean·a (the reference folds the same way). */
export function batch_normalization_f32_channel__ts(x: Float32Array, scale: Float32Array, bias: Float32Array, mean: Float32Array, variance: Float32Array, y: Float32Array, n: number, c: number, inner: number, epsilon: number): void {
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

/*
 * generated, do not edit: run `npm run codegen`
 * spec:     src/ir/ops/normalization/softmax.ts
 * template: codegen/cpu/templates.ts (softmax)
 * variant:  log-softmax-f32-strided-ts  { op: 'LogSoftmax', template: 'softmax', dtype: 'float32', tile: 'strided' }
 */
/** LogSoftmax along the middle axis of x viewed as [outer, len, inner]. `tmp` (float64, `len` long) keeps the exponentials unrounded. */
export function log_softmax_f32_strided__ts(x: Float32Array, y: Float32Array, outer: number, len: number, inner: number, tmp: Float64Array): void {
  outer = outer | 0; len = len | 0; inner = inner | 0; // int32 arguments (see codegen/cpu/templates.ts)
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < inner; k++) {
      const base = o * len * inner + k;
      let max = -Infinity;
      for (let i = 0; i < len; i += 1) if (x[base + i * inner] > max) max = x[base + i * inner];
      let sum = 0;
      for (let i = 0; i < len; i += 1) sum += Math.exp(x[base + i * inner] - max);
      const shift = max + Math.log(sum);
      for (let i = 0; i < len; i += 1) y[base + i * inner] = x[base + i * inner] - shift;
    }
  }
}

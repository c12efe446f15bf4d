/*
 * generated, do not edit: run `npm run codegen`
 * spec:     src/ir/ops/normalization/softmax.ts
 * template: codegen/cpu/templates.ts (softmax)
 * variant:  softmax-f32-lastaxis-ts  { op: 'Softmax', template: 'softmax', dtype: 'float32', tile: 'lastaxis' }
 */
/** Softmax along the last axis of x viewed as [outer, len]. `tmp` (float64, `len` long) keeps the exponentials unrounded. */
export function softmax_f32_lastaxis__ts(x: Float32Array, y: Float32Array, outer: number, len: number, tmp: Float64Array): void {
  outer = outer | 0; len = len | 0; // int32 arguments (see codegen/cpu/templates.ts)
  for (let o = 0; o < outer; o++) {
    const base = o * len;
    let max = -Infinity;
    for (let i = 0; i < len; i += 1) if (x[base + i] > max) max = x[base + i];
    let sum = 0;
    for (let i = 0; i < len; i += 1) { const e = Math.exp(x[base + i] - max); tmp[i] = e; sum += e; }
    for (let i = 0; i < len; i += 1) y[base + i] = tmp[i] / sum;
  }
}

/*
 * generated, do not edit: run `npm run codegen`
 * spec:     src/ir/ops/normalization/layer-normalization.ts
 * template: codegen/cpu/templates.ts (layernorm)
 * variant:  layer-normalization-f64-lastaxis-ts  { op: 'LayerNormalization', template: 'layernorm', dtype: 'float64', tile: 'lastaxis' }
 */
/** LayerNormalization over the last `norm` elements of each of `outer` rows, Scale and B of length `norm` (B may be absent). Statistics in float64, as the reference computes them. */
export function layer_normalization_f64_lastaxis__ts(x: Float64Array, scale: Float64Array, bias: Float64Array | undefined, y: Float64Array, outer: number, norm: number, epsilon: number): void {
  outer = outer | 0; // int32 arguments (see codegen/cpu/templates.ts)
  for (let o = 0; o < outer; o++) {
    const base = o * norm;
    let sum = 0;
    for (let j = 0; j < norm; j++) sum += x[base + j];
    const mean = sum / norm;
    let sq = 0;
    for (let j = 0; j < norm; j++) { const d = x[base + j] - mean; sq += d * d; }
    const inv = 1 / Math.sqrt(sq / norm + epsilon);
    if (bias) for (let j = 0; j < norm; j++) y[base + j] = (x[base + j] - mean) * inv * scale[j] + bias[j];
    else for (let j = 0; j < norm; j++) y[base + j] = (x[base + j] - mean) * inv * scale[j];
  }
}

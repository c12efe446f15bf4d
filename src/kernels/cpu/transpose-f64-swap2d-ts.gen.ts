/*
 * generated, do not edit: run `npm run codegen`
 * spec:     src/ir/ops/tensor/transpose.ts
 * template: codegen/cpu/templates.ts (transpose)
 * variant:  transpose-f64-swap2d-ts  { op: 'Transpose', template: 'transpose', dtype: 'float64', tile: 'swap2d' }
 */
/** y[b][c][r] = x[b][r][c] for `batch` [R, C] matrices, in 16×16 tiles so both reads and writes stay within a few cache lines. */
export function transpose_f64_swap2d__ts(x: Float64Array, y: Float64Array, batch: number, R: number, C: number): void {
  batch = batch | 0; R = R | 0; C = C | 0; // int32 arguments (see codegen/cpu/templates.ts)
  const TILE = 16;
  for (let b = 0; b < batch; b++) {
    const off = b * R * C;
    for (let r0 = 0; r0 < R; r0 += TILE) {
      const r1 = Math.min(R, r0 + TILE);
      for (let c0 = 0; c0 < C; c0 += TILE) {
        const c1 = Math.min(C, c0 + TILE);
        for (let r = r0; r < r1; r++) {
          for (let c = c0; c < c1; c++) y[off + c * R + r] = x[off + r * C + c];
        }
      }
    }
  }
}

/*
 * generated, do not edit: run `npm run codegen`
 * spec:     src/ir/ops/linalg/matmul.ts, src/ir/ops/linalg/gemm.ts, src/ir/ops/nn/conv.ts
 * template: codegen/cpu/templates.ts (gemm)
 * variant:  gemm-f32-4x4-ts  { op: 'Gemm', template: 'gemm', dtype: 'float32', tile: '4x4' }
 */
/** Packs B (element [k][n] at `off + k·rs + n·cs`, so transposed B is `rs = 1, cs = K`) into 4-column panels; `out` holds ceil(N/4)·K·4 elements. */
export function gemm_f32_4x4_packb__ts(b: Float32Array, off: number, K: number, N: number, rs: number, cs: number, out: Float32Array): void {
  const panels = (N + 3) >> 2;
  for (let p = 0; p < panels; p++) {
    const j0 = p * 4, w = Math.min(4, N - j0);
    let dst = p * K * 4;
    for (let k = 0; k < K; k++, dst += 4) {
      const src = off + k * rs + j0 * cs;
      for (let jj = 0; jj < 4; jj++) out[dst + jj] = jj < w ? b[src + jj * cs] : 0;
    }

  }
}

/** C[M,N] = A·B (or C += A·B with `accumulate`) over float32: A element [i][k] at `aOff + i·ars + k·acs`, B packed by the packb function, C row-major with row stride `ldc` from `cOff`. */
export function gemm_f32_4x4__ts(M: number, N: number, K: number, a: Float32Array, aOff: number, ars: number, acs: number, bp: Float32Array, c: Float32Array, cOff: number, ldc: number, accumulate: boolean, kc: number): void {
  const panels = (N + 3) >> 2;
  const K4 = K * 4;
  for (let k0 = 0; k0 < K || k0 === 0; k0 += kc) {
    const k1 = Math.min(K, k0 + kc);
    // Later K blocks add to what the earlier ones stored.
    const add = accumulate || k0 > 0;
    for (let p = 0; p < panels; p++) {
      const j0 = p * 4, w = Math.min(4, N - j0);
      const pb = p * K4 + k0 * 4;
      let i = 0;
      for (; i + 4 <= M; i += 4) {
        let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0, c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        let x0 = aOff + i * ars + k0 * acs, x1 = x0 + ars, x2 = x1 + ars, x3 = x2 + ars;
        for (let k = k0, bi = pb; k < k1; k++, bi += 4, x0 += acs, x1 += acs, x2 += acs, x3 += acs) {
          const b0 = bp[bi], b1 = bp[bi + 1], b2 = bp[bi + 2], b3 = bp[bi + 3];
          const a0 = a[x0];
          c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
          const a1 = a[x1];
          c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
          const a2 = a[x2];
          c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
          const a3 = a[x3];
          c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
        }

        {
          const row = cOff + (i + 0) * ldc + j0;
          if (w === 4) { c[row + 0] = add ? c[row + 0] + c00 : c00; c[row + 1] = add ? c[row + 1] + c01 : c01; c[row + 2] = add ? c[row + 2] + c02 : c02; c[row + 3] = add ? c[row + 3] + c03 : c03; }

          else { if (0 < w) c[row + 0] = add ? c[row + 0] + c00 : c00; if (1 < w) c[row + 1] = add ? c[row + 1] + c01 : c01; if (2 < w) c[row + 2] = add ? c[row + 2] + c02 : c02; if (3 < w) c[row + 3] = add ? c[row + 3] + c03 : c03; }

        }

        {
          const row = cOff + (i + 1) * ldc + j0;
          if (w === 4) { c[row + 0] = add ? c[row + 0] + c10 : c10; c[row + 1] = add ? c[row + 1] + c11 : c11; c[row + 2] = add ? c[row + 2] + c12 : c12; c[row + 3] = add ? c[row + 3] + c13 : c13; }

          else { if (0 < w) c[row + 0] = add ? c[row + 0] + c10 : c10; if (1 < w) c[row + 1] = add ? c[row + 1] + c11 : c11; if (2 < w) c[row + 2] = add ? c[row + 2] + c12 : c12; if (3 < w) c[row + 3] = add ? c[row + 3] + c13 : c13; }

        }

        {
          const row = cOff + (i + 2) * ldc + j0;
          if (w === 4) { c[row + 0] = add ? c[row + 0] + c20 : c20; c[row + 1] = add ? c[row + 1] + c21 : c21; c[row + 2] = add ? c[row + 2] + c22 : c22; c[row + 3] = add ? c[row + 3] + c23 : c23; }

          else { if (0 < w) c[row + 0] = add ? c[row + 0] + c20 : c20; if (1 < w) c[row + 1] = add ? c[row + 1] + c21 : c21; if (2 < w) c[row + 2] = add ? c[row + 2] + c22 : c22; if (3 < w) c[row + 3] = add ? c[row + 3] + c23 : c23; }

        }

        {
          const row = cOff + (i + 3) * ldc + j0;
          if (w === 4) { c[row + 0] = add ? c[row + 0] + c30 : c30; c[row + 1] = add ? c[row + 1] + c31 : c31; c[row + 2] = add ? c[row + 2] + c32 : c32; c[row + 3] = add ? c[row + 3] + c33 : c33; }

          else { if (0 < w) c[row + 0] = add ? c[row + 0] + c30 : c30; if (1 < w) c[row + 1] = add ? c[row + 1] + c31 : c31; if (2 < w) c[row + 2] = add ? c[row + 2] + c32 : c32; if (3 < w) c[row + 3] = add ? c[row + 3] + c33 : c33; }

        }

      }

      // Rows left over when M is not a multiple of 4: a 1x4 block each.
      for (; i < M; i++) {
        let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
        let x0 = aOff + i * ars + k0 * acs;
        for (let k = k0, bi = pb; k < k1; k++, bi += 4, x0 += acs) {
          const a0 = a[x0];
          c00 += a0 * bp[bi]; c01 += a0 * bp[bi + 1]; c02 += a0 * bp[bi + 2]; c03 += a0 * bp[bi + 3];
        }

        const row = cOff + i * ldc + j0;
        if (w === 4) { c[row + 0] = add ? c[row + 0] + c00 : c00; c[row + 1] = add ? c[row + 1] + c01 : c01; c[row + 2] = add ? c[row + 2] + c02 : c02; c[row + 3] = add ? c[row + 3] + c03 : c03; }

        else { if (0 < w) c[row + 0] = add ? c[row + 0] + c00 : c00; if (1 < w) c[row + 1] = add ? c[row + 1] + c01 : c01; if (2 < w) c[row + 2] = add ? c[row + 2] + c02 : c02; if (3 < w) c[row + 3] = add ? c[row + 3] + c03 : c03; }

      }

    }

    if (K === 0) break;
  }
}

/*
 * generated, do not edit: run `npm run codegen`
 * spec:     src/ir/ops/linalg/matmul.ts, src/ir/ops/linalg/gemm.ts, src/ir/ops/nn/conv.ts
 * template: codegen/cpu/templates.ts (gemm)
 * variant:  gemm-f32-4x4-ts  { op: 'Gemm', template: 'gemm', dtype: 'float32', tile: '4x4' }
 */
/** Packs B (element [k][n] at `off + k·rs + n·cs`, so transposed B is `rs = 1, cs = K`) into 4-column panels; `out` holds ceil(N/4)·K·4 elements. */
export function gemm_f32_4x4_packb__ts(b: Float32Array, off: number, K: number, N: number, rs: number, cs: number, out: Float64Array): void {
  off = off | 0; K = K | 0; N = N | 0; rs = rs | 0; cs = cs | 0; // int32 arguments (see codegen/cpu/templates.ts)
  const full = N >> 2, cs2 = 2 * cs, cs3 = 3 * cs;
  // The partial last panel first: code after a long loop has run only in V8's on-stack-replaced
  // code when the first call was long, so it had no type feedback; that cached OSR code then
  // deoptimized on it in every later call (tinybert: 85 deopts in 35 runs, each finishing the
  // call in the interpreter). Code before the loop always runs first in the interpreter.
  if (full * 4 < N) {
    const j0 = full * 4, w = N - j0;
    let dst = full * K * 4;
    for (let k = 0; k < K; k++, dst += 4) {
      const src = off + k * rs + j0 * cs;
      for (let jj = 0; jj < 4; jj++) out[dst + jj] = jj < w ? b[src + jj * cs] : 0;
    }
  }
  // Whole panels copy four elements per k with no per-element test (this pass over the activations
  // of every 1×1 convolution was 3% of MobileNet-v2's cpu profile with the tested loop below).
  for (let p = 0; p < full; p++) {
    let dst = p * K * 4, src = off + p * 4 * cs;
    for (let k = 0; k < K; k++, dst += 4, src += rs) {
      out[dst] = b[src]; out[dst + 1] = b[src + cs]; out[dst + 2] = b[src + cs2]; out[dst + 3] = b[src + cs3];
    }
  }
}

/** Packs A (element [i][k] at `off + i·rs + k·cs`, so transposed A is `rs = 1, cs = M`) into 4-row panels; `out` holds ceil(M/4)·K·4 elements. */
export function gemm_f32_4x4_packa__ts(a: Float32Array, off: number, M: number, K: number, rs: number, cs: number, out: Float64Array): void {
  off = off | 0; M = M | 0; K = K | 0; rs = rs | 0; cs = cs | 0; // int32 arguments (see codegen/cpu/templates.ts)
  const panels = (M + 3) >> 2;
  for (let q = 0; q < panels; q++) {
    const i0 = q * 4, h = Math.min(4, M - i0);
    const dst = q * K * 4;
    for (let r = 0; r < 4; r++) {
      let src = off + (i0 + r) * rs;
      if (r < h) for (let k = 0; k < K; k++, src += cs) out[dst + k * 4 + r] = a[src];
      else for (let k = 0; k < K; k++) out[dst + k * 4 + r] = 0;
    }
  }
}

/** C[M,N] = A·B (or C += A·B with `accumulate`) over float32, A packed by the packa function and B by packb ; C row-major with row stride `ldc` from `cOff`; `kc` and `nc` are the K and N block sizes (nc a multiple of 4). */
/** Without `accumulate`, row i starts from `rowBias[i]` (a convolution's bias; zeros for none). The results are clamped to [`lo`, `hi`] (±Infinity for none; Relu is lo = 0), so a fused Relu/Clip and the bias cost no extra pass over C; NaN passes, as in Relu and Clip. */
export function gemm_f32_4x4__ts(M: number, N: number, K: number, ap: Float64Array, bp: Float64Array, c: Float32Array, cOff: number, ldc: number, accumulate: boolean, kc: number, nc: number, rowBias: Float64Array, clipLo: number, clipHi: number): void {
  M = M | 0; N = N | 0; K = K | 0; cOff = cOff | 0; ldc = ldc | 0; kc = kc | 0; nc = nc | 0; // int32 arguments (see codegen/cpu/templates.ts)
  const nPanels = (N + 3) >> 2, mPanels = (M + 3) >> 2;
  const K4 = K * 4, ncPanels = Math.max(1, nc >> 2);
  for (let k0 = 0; k0 < K || k0 === 0; k0 += kc) {
    const k1 = Math.min(K, k0 + kc);
    // Later K blocks add to what the earlier ones stored; only the last one clamps.
    const add = accumulate || k0 > 0;
    const lo = k1 === K ? clipLo : -Infinity, hi = k1 === K ? clipHi : Infinity;
    const relu = lo === 0;
    for (let p0 = 0; p0 < nPanels; p0 += ncPanels) {
      const p1 = Math.min(nPanels, p0 + ncPanels);
      for (let q = 0; q < mPanels; q++) {
        const i0 = q * 4, h = Math.min(4, M - i0);
        const pa = q * K4 + k0 * 4;
        for (let p = p0; p < p1; p++) {
          const j0 = p * 4, w = Math.min(4, N - j0);
          let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0, c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
          for (let k = k0, ai = pa, bi = p * K4 + k0 * 4; k < k1; k++, ai = (ai + 4) | 0, bi = (bi + 4) | 0) {
            const b0 = bp[bi], b1 = bp[(bi + 1) | 0], b2 = bp[(bi + 2) | 0], b3 = bp[(bi + 3) | 0];
            const a0 = ap[ai], a1 = ap[(ai + 1) | 0], a2 = ap[(ai + 2) | 0], a3 = ap[(ai + 3) | 0];
            c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
            c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
            c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
            c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
          }
          if (relu) {
            if (0 < h) {
              const row = cOff + (i0 + 0) * ldc + j0, bias = add ? 0 : rowBias[i0 + 0];
              if (w === 4) { { const t = Math.max((add ? c[row + 0] : bias) + c00, -1.7976931348623157e308); c[row + 0] = Math.min(0.5 * (t + Math.abs(t)), hi); } { const t = Math.max((add ? c[row + 1] : bias) + c01, -1.7976931348623157e308); c[row + 1] = Math.min(0.5 * (t + Math.abs(t)), hi); } { const t = Math.max((add ? c[row + 2] : bias) + c02, -1.7976931348623157e308); c[row + 2] = Math.min(0.5 * (t + Math.abs(t)), hi); } { const t = Math.max((add ? c[row + 3] : bias) + c03, -1.7976931348623157e308); c[row + 3] = Math.min(0.5 * (t + Math.abs(t)), hi); } }
              else { if (0 < w) { const t = Math.max((add ? c[row + 0] : bias) + c00, -1.7976931348623157e308); c[row + 0] = Math.min(0.5 * (t + Math.abs(t)), hi); } if (1 < w) { const t = Math.max((add ? c[row + 1] : bias) + c01, -1.7976931348623157e308); c[row + 1] = Math.min(0.5 * (t + Math.abs(t)), hi); } if (2 < w) { const t = Math.max((add ? c[row + 2] : bias) + c02, -1.7976931348623157e308); c[row + 2] = Math.min(0.5 * (t + Math.abs(t)), hi); } if (3 < w) { const t = Math.max((add ? c[row + 3] : bias) + c03, -1.7976931348623157e308); c[row + 3] = Math.min(0.5 * (t + Math.abs(t)), hi); } }
            }
            if (1 < h) {
              const row = cOff + (i0 + 1) * ldc + j0, bias = add ? 0 : rowBias[i0 + 1];
              if (w === 4) { { const t = Math.max((add ? c[row + 0] : bias) + c10, -1.7976931348623157e308); c[row + 0] = Math.min(0.5 * (t + Math.abs(t)), hi); } { const t = Math.max((add ? c[row + 1] : bias) + c11, -1.7976931348623157e308); c[row + 1] = Math.min(0.5 * (t + Math.abs(t)), hi); } { const t = Math.max((add ? c[row + 2] : bias) + c12, -1.7976931348623157e308); c[row + 2] = Math.min(0.5 * (t + Math.abs(t)), hi); } { const t = Math.max((add ? c[row + 3] : bias) + c13, -1.7976931348623157e308); c[row + 3] = Math.min(0.5 * (t + Math.abs(t)), hi); } }
              else { if (0 < w) { const t = Math.max((add ? c[row + 0] : bias) + c10, -1.7976931348623157e308); c[row + 0] = Math.min(0.5 * (t + Math.abs(t)), hi); } if (1 < w) { const t = Math.max((add ? c[row + 1] : bias) + c11, -1.7976931348623157e308); c[row + 1] = Math.min(0.5 * (t + Math.abs(t)), hi); } if (2 < w) { const t = Math.max((add ? c[row + 2] : bias) + c12, -1.7976931348623157e308); c[row + 2] = Math.min(0.5 * (t + Math.abs(t)), hi); } if (3 < w) { const t = Math.max((add ? c[row + 3] : bias) + c13, -1.7976931348623157e308); c[row + 3] = Math.min(0.5 * (t + Math.abs(t)), hi); } }
            }
            if (2 < h) {
              const row = cOff + (i0 + 2) * ldc + j0, bias = add ? 0 : rowBias[i0 + 2];
              if (w === 4) { { const t = Math.max((add ? c[row + 0] : bias) + c20, -1.7976931348623157e308); c[row + 0] = Math.min(0.5 * (t + Math.abs(t)), hi); } { const t = Math.max((add ? c[row + 1] : bias) + c21, -1.7976931348623157e308); c[row + 1] = Math.min(0.5 * (t + Math.abs(t)), hi); } { const t = Math.max((add ? c[row + 2] : bias) + c22, -1.7976931348623157e308); c[row + 2] = Math.min(0.5 * (t + Math.abs(t)), hi); } { const t = Math.max((add ? c[row + 3] : bias) + c23, -1.7976931348623157e308); c[row + 3] = Math.min(0.5 * (t + Math.abs(t)), hi); } }
              else { if (0 < w) { const t = Math.max((add ? c[row + 0] : bias) + c20, -1.7976931348623157e308); c[row + 0] = Math.min(0.5 * (t + Math.abs(t)), hi); } if (1 < w) { const t = Math.max((add ? c[row + 1] : bias) + c21, -1.7976931348623157e308); c[row + 1] = Math.min(0.5 * (t + Math.abs(t)), hi); } if (2 < w) { const t = Math.max((add ? c[row + 2] : bias) + c22, -1.7976931348623157e308); c[row + 2] = Math.min(0.5 * (t + Math.abs(t)), hi); } if (3 < w) { const t = Math.max((add ? c[row + 3] : bias) + c23, -1.7976931348623157e308); c[row + 3] = Math.min(0.5 * (t + Math.abs(t)), hi); } }
            }
            if (3 < h) {
              const row = cOff + (i0 + 3) * ldc + j0, bias = add ? 0 : rowBias[i0 + 3];
              if (w === 4) { { const t = Math.max((add ? c[row + 0] : bias) + c30, -1.7976931348623157e308); c[row + 0] = Math.min(0.5 * (t + Math.abs(t)), hi); } { const t = Math.max((add ? c[row + 1] : bias) + c31, -1.7976931348623157e308); c[row + 1] = Math.min(0.5 * (t + Math.abs(t)), hi); } { const t = Math.max((add ? c[row + 2] : bias) + c32, -1.7976931348623157e308); c[row + 2] = Math.min(0.5 * (t + Math.abs(t)), hi); } { const t = Math.max((add ? c[row + 3] : bias) + c33, -1.7976931348623157e308); c[row + 3] = Math.min(0.5 * (t + Math.abs(t)), hi); } }
              else { if (0 < w) { const t = Math.max((add ? c[row + 0] : bias) + c30, -1.7976931348623157e308); c[row + 0] = Math.min(0.5 * (t + Math.abs(t)), hi); } if (1 < w) { const t = Math.max((add ? c[row + 1] : bias) + c31, -1.7976931348623157e308); c[row + 1] = Math.min(0.5 * (t + Math.abs(t)), hi); } if (2 < w) { const t = Math.max((add ? c[row + 2] : bias) + c32, -1.7976931348623157e308); c[row + 2] = Math.min(0.5 * (t + Math.abs(t)), hi); } if (3 < w) { const t = Math.max((add ? c[row + 3] : bias) + c33, -1.7976931348623157e308); c[row + 3] = Math.min(0.5 * (t + Math.abs(t)), hi); } }
            }
          } else {
            if (0 < h) {
              const row = cOff + (i0 + 0) * ldc + j0, bias = add ? 0 : rowBias[i0 + 0];
              if (w === 4) { c[row + 0] = Math.min(Math.max((add ? c[row + 0] : bias) + c00, lo), hi); c[row + 1] = Math.min(Math.max((add ? c[row + 1] : bias) + c01, lo), hi); c[row + 2] = Math.min(Math.max((add ? c[row + 2] : bias) + c02, lo), hi); c[row + 3] = Math.min(Math.max((add ? c[row + 3] : bias) + c03, lo), hi); }
              else { if (0 < w) c[row + 0] = Math.min(Math.max((add ? c[row + 0] : bias) + c00, lo), hi); if (1 < w) c[row + 1] = Math.min(Math.max((add ? c[row + 1] : bias) + c01, lo), hi); if (2 < w) c[row + 2] = Math.min(Math.max((add ? c[row + 2] : bias) + c02, lo), hi); if (3 < w) c[row + 3] = Math.min(Math.max((add ? c[row + 3] : bias) + c03, lo), hi); }
            }
            if (1 < h) {
              const row = cOff + (i0 + 1) * ldc + j0, bias = add ? 0 : rowBias[i0 + 1];
              if (w === 4) { c[row + 0] = Math.min(Math.max((add ? c[row + 0] : bias) + c10, lo), hi); c[row + 1] = Math.min(Math.max((add ? c[row + 1] : bias) + c11, lo), hi); c[row + 2] = Math.min(Math.max((add ? c[row + 2] : bias) + c12, lo), hi); c[row + 3] = Math.min(Math.max((add ? c[row + 3] : bias) + c13, lo), hi); }
              else { if (0 < w) c[row + 0] = Math.min(Math.max((add ? c[row + 0] : bias) + c10, lo), hi); if (1 < w) c[row + 1] = Math.min(Math.max((add ? c[row + 1] : bias) + c11, lo), hi); if (2 < w) c[row + 2] = Math.min(Math.max((add ? c[row + 2] : bias) + c12, lo), hi); if (3 < w) c[row + 3] = Math.min(Math.max((add ? c[row + 3] : bias) + c13, lo), hi); }
            }
            if (2 < h) {
              const row = cOff + (i0 + 2) * ldc + j0, bias = add ? 0 : rowBias[i0 + 2];
              if (w === 4) { c[row + 0] = Math.min(Math.max((add ? c[row + 0] : bias) + c20, lo), hi); c[row + 1] = Math.min(Math.max((add ? c[row + 1] : bias) + c21, lo), hi); c[row + 2] = Math.min(Math.max((add ? c[row + 2] : bias) + c22, lo), hi); c[row + 3] = Math.min(Math.max((add ? c[row + 3] : bias) + c23, lo), hi); }
              else { if (0 < w) c[row + 0] = Math.min(Math.max((add ? c[row + 0] : bias) + c20, lo), hi); if (1 < w) c[row + 1] = Math.min(Math.max((add ? c[row + 1] : bias) + c21, lo), hi); if (2 < w) c[row + 2] = Math.min(Math.max((add ? c[row + 2] : bias) + c22, lo), hi); if (3 < w) c[row + 3] = Math.min(Math.max((add ? c[row + 3] : bias) + c23, lo), hi); }
            }
            if (3 < h) {
              const row = cOff + (i0 + 3) * ldc + j0, bias = add ? 0 : rowBias[i0 + 3];
              if (w === 4) { c[row + 0] = Math.min(Math.max((add ? c[row + 0] : bias) + c30, lo), hi); c[row + 1] = Math.min(Math.max((add ? c[row + 1] : bias) + c31, lo), hi); c[row + 2] = Math.min(Math.max((add ? c[row + 2] : bias) + c32, lo), hi); c[row + 3] = Math.min(Math.max((add ? c[row + 3] : bias) + c33, lo), hi); }
              else { if (0 < w) c[row + 0] = Math.min(Math.max((add ? c[row + 0] : bias) + c30, lo), hi); if (1 < w) c[row + 1] = Math.min(Math.max((add ? c[row + 1] : bias) + c31, lo), hi); if (2 < w) c[row + 2] = Math.min(Math.max((add ? c[row + 2] : bias) + c32, lo), hi); if (3 < w) c[row + 3] = Math.min(Math.max((add ? c[row + 3] : bias) + c33, lo), hi); }
            }
          }
        }
      }
    }
    if (K === 0) break;
  }
}

/*
 * generated, do not edit: run `npm run codegen`
 * spec:     src/ir/ops/linalg/matmul.ts, src/ir/ops/linalg/gemm.ts, src/ir/ops/nn/conv.ts
 * template: codegen/cpu/templates.ts (gemm)
 * variant:  gemm-f32-2x4-ts  { op: 'Gemm', template: 'gemm', dtype: 'float32', tile: '2x4' }
 */
import type { Panels } from './panels.js';

/** Packs B (element [k][n] at `off + k·rs + n·cs`, so transposed B is `rs = 1, cs = K`) into 4-column panels from `out[outOff]`; they take ceil(N/4)·K·4 elements. */
export function gemm_f32_2x4_packb__ts(b: Float32Array, off: number, K: number, N: number, rs: number, cs: number, out: Panels, outOff: number): void {
  off = off | 0; K = K | 0; N = N | 0; rs = rs | 0; cs = cs | 0; outOff = outOff | 0; // int32 arguments (see codegen/cpu/templates.ts)
  const full = (N / 4) | 0;
  // The partial last panel first: code after a long loop has run only in V8's on-stack-replaced
  // code when the first call was long, so it had no type feedback; that cached OSR code then
  // deoptimized on it in every later call (tinybert: 85 deopts in 35 runs, each finishing the
  // call in the interpreter). Code before the loop always runs first in the interpreter.
  if (full * 4 < N) {
    const j0 = full * 4, w = N - j0;
    let dst = outOff + full * K * 4;
    for (let k = 0; k < K; k++, dst += 4) {
      const src = off + k * rs + j0 * cs;
      for (let jj = 0; jj < 4; jj++) out[dst + jj] = jj < w ? b[src + jj * cs] : 0;
    }
  }
  // Whole panels with no per-element test (this pass over the activations of every 1×1
  // convolution was 3% of MobileNet-v2's cpu profile with the tested loop).
  for (let p = 0; p < full; p++) {
    let dst = outOff + p * K * 4, at = off + p * 4 * cs;
    for (let k = 0; k < K; k++, dst += 4, at += rs) {
      out[dst] = b[at]; out[dst + 1] = b[at + 1 * cs]; out[dst + 2] = b[at + 2 * cs]; out[dst + 3] = b[at + 3 * cs];
    }
  }
}

/** Packs A (element [i][k] at `off + i·rs + k·cs`, so transposed A is `rs = 1, cs = M`) into panels of `height` rows from `out[outOff]` (the GEMM's are 2 rows; the recurrent template's matrix-vector product reads 4); they take ceil(M/height)·K·height elements. */
export function gemm_f32_2x4_packa__ts(a: Float32Array, off: number, M: number, K: number, rs: number, cs: number, out: Panels, outOff: number, height: number): void {
  off = off | 0; M = M | 0; K = K | 0; rs = rs | 0; cs = cs | 0; outOff = outOff | 0; height = height | 0; // int32 arguments (see codegen/cpu/templates.ts)
  const panels = Math.ceil(M / height);
  // At the GEMM's height, whole panels take their 2 rows side by side per k (the second loop),
  // writing each panel in order; other heights and a partial last panel go row by row, writing
  // with a stride of `height`. The row-by-row loop comes first, for the reason packb gives.
  const whole = height === 2 ? (M / 2) | 0 : 0;
  for (let q = whole; q < panels; q++) {
    const i0 = q * height, h = Math.min(height, M - i0);
    const dst = outOff + q * K * height;
    for (let r = 0; r < height; r++) {
      let src = off + (i0 + r) * rs;
      if (r < h) for (let k = 0; k < K; k++, src += cs) out[dst + k * height + r] = a[src];
      else for (let k = 0; k < K; k++) out[dst + k * height + r] = 0;
    }
  }
  for (let p = 0; p < whole; p++) {
    let dst = outOff + p * K * 2, at = off + p * 2 * rs;
    for (let k = 0; k < K; k++, dst += 2, at += cs) {
      out[dst] = a[at]; out[dst + 1] = a[at + 1 * rs];
    }
  }
}

/** C[M,N] = A·B (or C += A·B with `accumulate`) over float32, panels in JS arrays: A's panels (the packa function's, 2 rows) from `ap[ao]`, B's (packb's) from `bp[bo]`; C row-major with row stride `ldc` from `cOff`; `kc` and `nc` are the K and N block sizes (nc a multiple of 4). */
/** Without `accumulate`, row i starts from `rowBias[i]` (a convolution's bias; zeros for none). The results are clamped to [`lo`, `hi`] (±Infinity for none; Relu is lo = 0), so a fused Relu/Clip and the bias cost no extra pass over C; NaN passes, as in Relu and Clip. */
export function gemm_f32_2x4__ts(M: number, N: number, K: number, ap: number[], ao: number, bp: number[], bo: number, c: Float32Array, cOff: number, ldc: number, accumulate: boolean, kc: number, nc: number, rowBias: Float64Array, clipLo: number, clipHi: number): void {
  M = M | 0; N = N | 0; K = K | 0; ao = ao | 0; bo = bo | 0; cOff = cOff | 0; ldc = ldc | 0; kc = kc | 0; nc = nc | 0; // int32 arguments (see codegen/cpu/templates.ts)
  const nPanels = Math.ceil(N / 4), mPanels = Math.ceil(M / 2);
  const KA = K * 2, KB = K * 4, ncPanels = Math.max(1, (nc / 4) | 0);
  for (let k0 = 0; k0 < K || k0 === 0; k0 += kc) {
    const k1 = Math.min(K, k0 + kc);
    // Later K blocks add to what the earlier ones stored; only the last one clamps.
    const add = accumulate || k0 > 0;
    const lo = k1 === K ? clipLo : -Infinity, hi = k1 === K ? clipHi : Infinity;
    const relu = lo === 0;
    for (let p0 = 0; p0 < nPanels; p0 += ncPanels) {
      const p1 = Math.min(nPanels, p0 + ncPanels);
      for (let q = 0; q < mPanels; q++) {
        const i0 = q * 2, h = Math.min(2, M - i0);
        const pa = ao + q * KA + k0 * 2;
        for (let p = p0; p < p1; p++) {
          const j0 = p * 4, w = Math.min(4, N - j0);
          let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
          for (let ai = pa, aEnd = pa + (k1 - k0) * 2, bi = bo + p * KB + k0 * 4; ai < aEnd; ai = (ai + 2) | 0, bi = (bi + 4) | 0) {
            const b0 = bp[bi], b1 = bp[(bi + 1) | 0], b2 = bp[(bi + 2) | 0], b3 = bp[(bi + 3) | 0];
            { const a = ap[ai]; c00 += a * b0; c01 += a * b1; c02 += a * b2; c03 += a * b3; }
            { const a = ap[(ai + 1) | 0]; c10 += a * b0; c11 += a * b1; c12 += a * b2; c13 += a * b3; }
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
          }
        }
      }
    }
    if (K === 0) break;
  }
}

/** C[M,N] = A·B (or C += A·B with `accumulate`) over float32, panels in Float64Arrays (or one of each): A's panels (the packa function's, 2 rows) from `ap[ao]`, B's (packb's) from `bp[bo]`; C row-major with row stride `ldc` from `cOff`; `kc` and `nc` are the K and N block sizes (nc a multiple of 4). */
/** Without `accumulate`, row i starts from `rowBias[i]` (a convolution's bias; zeros for none). The results are clamped to [`lo`, `hi`] (±Infinity for none; Relu is lo = 0), so a fused Relu/Clip and the bias cost no extra pass over C; NaN passes, as in Relu and Clip. */
export function gemm_f32_2x4_typed__ts(M: number, N: number, K: number, ap: Panels, ao: number, bp: Panels, bo: number, c: Float32Array, cOff: number, ldc: number, accumulate: boolean, kc: number, nc: number, rowBias: Float64Array, clipLo: number, clipHi: number): void {
  M = M | 0; N = N | 0; K = K | 0; ao = ao | 0; bo = bo | 0; cOff = cOff | 0; ldc = ldc | 0; kc = kc | 0; nc = nc | 0; // int32 arguments (see codegen/cpu/templates.ts)
  const nPanels = Math.ceil(N / 4), mPanels = Math.ceil(M / 2);
  const KA = K * 2, KB = K * 4, ncPanels = Math.max(1, (nc / 4) | 0);
  for (let k0 = 0; k0 < K || k0 === 0; k0 += kc) {
    const k1 = Math.min(K, k0 + kc);
    // Later K blocks add to what the earlier ones stored; only the last one clamps.
    const add = accumulate || k0 > 0;
    const lo = k1 === K ? clipLo : -Infinity, hi = k1 === K ? clipHi : Infinity;
    const relu = lo === 0;
    for (let p0 = 0; p0 < nPanels; p0 += ncPanels) {
      const p1 = Math.min(nPanels, p0 + ncPanels);
      for (let q = 0; q < mPanels; q++) {
        const i0 = q * 2, h = Math.min(2, M - i0);
        const pa = ao + q * KA + k0 * 2;
        for (let p = p0; p < p1; p++) {
          const j0 = p * 4, w = Math.min(4, N - j0);
          let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
          for (let ai = pa, aEnd = pa + (k1 - k0) * 2, bi = bo + p * KB + k0 * 4; ai < aEnd; ai = (ai + 2) | 0, bi = (bi + 4) | 0) {
            const b0 = bp[bi], b1 = bp[(bi + 1) | 0], b2 = bp[(bi + 2) | 0], b3 = bp[(bi + 3) | 0];
            { const a = ap[ai]; c00 += a * b0; c01 += a * b1; c02 += a * b2; c03 += a * b3; }
            { const a = ap[(ai + 1) | 0]; c10 += a * b0; c11 += a * b1; c12 += a * b2; c13 += a * b3; }
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
          }
        }
      }
    }
    if (K === 0) break;
  }
}

/*
 * generated, do not edit: run `npm run codegen`
 * spec:     src/ir/ops/nn/conv.ts
 * template: codegen/cpu/templates.ts (conv)
 * variant:  conv-f64-winograd4-ts  { op: 'Conv', template: 'conv', dtype: 'float64', tile: 'winograd4' }
 */
import type { Panels } from './panels.js';

/** U = G·g·Gᵀ for every [M, C] 3×3 kernel of `w`, as 36 packed-A matrices (2-row panels): position ξ at ξ·ceil(M/2)·C·2, element (m, c) at (m >> 1) * C * 2 + c * 2 + (m & 1). */
export function conv_f64_winograd4_weights__ts(w: Float64Array, wOff: number, M: number, C: number, out: Panels): void {
  wOff = wOff | 0; M = M | 0; C = C | 0; // int32 arguments (see codegen/cpu/templates.ts)
  const size = Math.ceil(M / 2) * C * 2;
  const t = new Float64Array(18);
  for (let m = 0; m < M; m++) {
    for (let c = 0; c < C; c++) {
      const g = wOff + (m * C + c) * 9;
      // t = G·g (6×3), column by column
      for (let j = 0; j < 3; j++) {
        const g0 = w[g + j], g1 = w[g + 3 + j], g2 = w[g + 6 + j];
        t[0 + j] = g0 / 4; t[3 + j] = -(g0 + g1 + g2) / 6; t[6 + j] = -(g0 - g1 + g2) / 6; t[9 + j] = g0 / 24 + g1 / 12 + g2 / 6; t[12 + j] = g0 / 24 - g1 / 12 + g2 / 6; t[15 + j] = g2;
      }
      const base = (m >> 1) * C * 2 + c * 2 + (m & 1);
      for (let i = 0; i < 6; i++) {
        const r0 = t[i * 3], r1 = t[i * 3 + 1], r2 = t[i * 3 + 2];
        out[(i * 6 + 0) * size + base] = r0 / 4;
        out[(i * 6 + 1) * size + base] = -(r0 + r1 + r2) / 6;
        out[(i * 6 + 2) * size + base] = -(r0 - r1 + r2) / 6;
        out[(i * 6 + 3) * size + base] = r0 / 24 + r1 / 12 + r2 / 6;
        out[(i * 6 + 4) * size + base] = r0 / 24 - r1 / 12 + r2 / 6;
        out[(i * 6 + 5) * size + base] = r2;
      }
    }
  }
}

/** V = Bᵀ·d·B for every 6×6 input tile (origin (4·th − ph, 4·tw − pw), zeros outside the plane) of `C` planes from `xOff`, as 36 packed-B matrices (4-column panels): position ξ at ξ·ceil(T/4)·C·4, element (c, t) at (t >> 2) * C * 4 + c * 4 + (t & 3), T = TH·TW. */
export function conv_f64_winograd4__ts(x: Float64Array, xOff: number, C: number, H: number, W: number, ph: number, pw: number, TH: number, TW: number, out: Panels): void {
  xOff = xOff | 0; C = C | 0; H = H | 0; W = W | 0; ph = ph | 0; pw = pw | 0; TH = TH | 0; TW = TW | 0; // int32 arguments (see codegen/cpu/templates.ts)
  const T = TH * TW;
  const size = Math.ceil(T / 4) * C * 4;
  const d = new Float64Array(36), u = new Float64Array(36);
  for (let c = 0; c < C; c++) {
    const plane = xOff + c * H * W;
    for (let th = 0; th < TH; th++) {
      for (let tw = 0; tw < TW; tw++) {
        const y0 = 4 * th - ph, x0 = 4 * tw - pw;
        if (y0 >= 0 && y0 + 6 <= H && x0 >= 0 && x0 + 6 <= W) {
          for (let i = 0, r = plane + y0 * W + x0; i < 6; i++, r += W) {
            d[i * 6] = x[r]; d[i * 6 + 1] = x[r + 1]; d[i * 6 + 2] = x[r + 2]; d[i * 6 + 3] = x[r + 3]; d[i * 6 + 4] = x[r + 4]; d[i * 6 + 5] = x[r + 5];
          }
        } else {
          for (let i = 0; i < 6; i++) {
            const yy = y0 + i;
            const inside = yy >= 0 && yy < H;
            for (let j = 0; j < 6; j++) {
              const xx = x0 + j;
              d[i * 6 + j] = inside && xx >= 0 && xx < W ? x[plane + yy * W + xx] : 0;
            }
          }
        }
        // u = Bᵀ·d (column by column)
        for (let j = 0; j < 6; j++) {
          const d0 = d[0 + j], d1 = d[6 + j], d2 = d[12 + j], d3 = d[18 + j], d4 = d[24 + j], d5 = d[30 + j];
          u[0 + j] = 4 * d0 - 5 * d2 + d4; u[6 + j] = -4 * d1 - 4 * d2 + d3 + d4; u[12 + j] = 4 * d1 - 4 * d2 - d3 + d4; u[18 + j] = -2 * d1 - d2 + 2 * d3 + d4; u[24 + j] = 2 * d1 - d2 - 2 * d3 + d4; u[30 + j] = 4 * d1 - 5 * d3 + d5;
        }
        const t = th * TW + tw;
        const base = (t >> 2) * C * 4 + c * 4 + (t & 3);
        // V = u·B (row by row)
        for (let i = 0; i < 6; i++) {
          const u0 = u[i * 6 + 0], u1 = u[i * 6 + 1], u2 = u[i * 6 + 2], u3 = u[i * 6 + 3], u4 = u[i * 6 + 4], u5 = u[i * 6 + 5];
          out[(i * 6 + 0) * size + base] = 4 * u0 - 5 * u2 + u4;
          out[(i * 6 + 1) * size + base] = -4 * u1 - 4 * u2 + u3 + u4;
          out[(i * 6 + 2) * size + base] = 4 * u1 - 4 * u2 - u3 + u4;
          out[(i * 6 + 3) * size + base] = -2 * u1 - u2 + 2 * u3 + u4;
          out[(i * 6 + 4) * size + base] = 2 * u1 - u2 - 2 * u3 + u4;
          out[(i * 6 + 5) * size + base] = 4 * u1 - 5 * u3 + u5;
        }
      }
    }
  }
}

/** Y = clamp(Aᵀ·m·A (+ bias), lo, hi) (a fused Relu/Clip; ±Infinity for none) from the 36 GEMM results `m` (position ξ at ξ·M·T, row-major [M, T]); tiles past the output edge are cut. */
export function conv_f64_winograd4_output__ts(m: Float64Array, M: number, TH: number, TW: number, OH: number, OW: number, bias: Float64Array | undefined, y: Float64Array, yOff: number, lo: number, hi: number): void {
  M = M | 0; TH = TH | 0; TW = TW | 0; OH = OH | 0; OW = OW | 0; yOff = yOff | 0; // int32 arguments (see codegen/cpu/templates.ts)
  const T = TH * TW, MT = M * T;
  const s = new Float64Array(24);
  for (let o = 0; o < M; o++) {
    const b = bias ? bias[o] : 0;
    const plane = yOff + o * OH * OW;
    for (let t = 0; t < T; t++) {
      const at = o * T + t;
      // s = Aᵀ·m (4×6), column by column
      for (let j = 0; j < 6; j++) {
        const m0 = m[(0 + j) * MT + at], m1 = m[(6 + j) * MT + at], m2 = m[(12 + j) * MT + at], m3 = m[(18 + j) * MT + at], m4 = m[(24 + j) * MT + at], m5 = m[(30 + j) * MT + at];
        s[0 + j] = m0 + m1 + m2 + m3 + m4; s[6 + j] = m1 - m2 + 2 * m3 - 2 * m4; s[12 + j] = m1 + m2 + 4 * m3 + 4 * m4; s[18 + j] = m1 - m2 + 8 * m3 - 8 * m4 + m5;
      }
      const th = (t / TW) | 0, tw = t - th * TW;
      const oh = 4 * th, ow = 4 * tw;
      for (let i = 0; i < 4 && oh + i < OH; i++) {
        const s0 = s[i * 6 + 0], s1 = s[i * 6 + 1], s2 = s[i * 6 + 2], s3 = s[i * 6 + 3], s4 = s[i * 6 + 4], s5 = s[i * 6 + 5];
        const r = plane + (oh + i) * OW + ow;
        y[r + 0] = Math.min(Math.max(s0 + s1 + s2 + s3 + s4 + b, lo), hi);
        if (ow + 1 < OW) y[r + 1] = Math.min(Math.max(s1 - s2 + 2 * s3 - 2 * s4 + b, lo), hi);
        if (ow + 2 < OW) y[r + 2] = Math.min(Math.max(s1 + s2 + 4 * s3 + 4 * s4 + b, lo), hi);
        if (ow + 3 < OW) y[r + 3] = Math.min(Math.max(s1 - s2 + 8 * s3 - 8 * s4 + s5 + b, lo), hi);
      }
    }
  }
}

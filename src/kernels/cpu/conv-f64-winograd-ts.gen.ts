/*
 * generated, do not edit: run `npm run codegen`
 * spec:     src/ir/ops/nn/conv.ts
 * template: codegen/cpu/templates.ts (conv)
 * variant:  conv-f64-winograd-ts  { op: 'Conv', template: 'conv', dtype: 'float64', tile: 'winograd' }
 */
import type { Panels } from './panels.js';

/** U = G·g·Gᵀ for every [M, C] 3×3 kernel of `w`, as 16 packed-A matrices (2-row panels): position ξ at ξ·ceil(M/2)·C·2, element (m, c) at (m >> 1) * C * 2 + c * 2 + (m & 1). */
export function conv_f64_winograd_weights__ts(w: Float64Array, wOff: number, M: number, C: number, out: Panels): void {
  wOff = wOff | 0; M = M | 0; C = C | 0; // int32 arguments (see codegen/cpu/templates.ts)
  const size = Math.ceil(M / 2) * C * 2;
  const t = new Float64Array(12);
  for (let m = 0; m < M; m++) {
    for (let c = 0; c < C; c++) {
      const g = wOff + (m * C + c) * 9;
      // t = G·g (4×3), G = [[1,0,0],[.5,.5,.5],[.5,-.5,.5],[0,0,1]]
      for (let j = 0; j < 3; j++) {
        const g0 = w[g + j], g1 = w[g + 3 + j], g2 = w[g + 6 + j];
        t[j] = g0; t[3 + j] = 0.5 * (g0 + g1 + g2); t[6 + j] = 0.5 * (g0 - g1 + g2); t[9 + j] = g2;
      }
      const base = (m >> 1) * C * 2 + c * 2 + (m & 1);
      for (let i = 0; i < 4; i++) {
        const r0 = t[i * 3], r1 = t[i * 3 + 1], r2 = t[i * 3 + 2];
        out[(i * 4) * size + base] = r0;
        out[(i * 4 + 1) * size + base] = 0.5 * (r0 + r1 + r2);
        out[(i * 4 + 2) * size + base] = 0.5 * (r0 - r1 + r2);
        out[(i * 4 + 3) * size + base] = r2;
      }
    }
  }
}

/** V = Bᵀ·d·B for every 4×4 input tile (origin (2·th − ph, 2·tw − pw), zeros outside the plane) of `C` planes from `xOff`, as 16 packed-B matrices (4-column panels): position ξ at ξ·ceil(T/4)·C·4, element (c, t) at (t >> 2) * C * 4 + c * 4 + (t & 3), T = TH·TW. */
export function conv_f64_winograd__ts(x: Float64Array, xOff: number, C: number, H: number, W: number, ph: number, pw: number, TH: number, TW: number, out: Panels): void {
  xOff = xOff | 0; C = C | 0; H = H | 0; W = W | 0; ph = ph | 0; pw = pw | 0; TH = TH | 0; TW = TW | 0; // int32 arguments (see codegen/cpu/templates.ts)
  const T = TH * TW;
  const size = Math.ceil(T / 4) * C * 4;
  const d = new Float64Array(16), u = new Float64Array(16);
  for (let c = 0; c < C; c++) {
    const plane = xOff + c * H * W;
    for (let th = 0; th < TH; th++) {
      for (let tw = 0; tw < TW; tw++) {
        const y0 = 2 * th - ph, x0 = 2 * tw - pw;
        for (let i = 0; i < 4; i++) {
          const yy = y0 + i;
          const inside = yy >= 0 && yy < H;
          for (let j = 0; j < 4; j++) {
            const xx = x0 + j;
            d[i * 4 + j] = inside && xx >= 0 && xx < W ? x[plane + yy * W + xx] : 0;
          }
        }
        // u = Bᵀ·d (rows), Bᵀ = [[1,0,-1,0],[0,1,1,0],[0,-1,1,0],[0,1,0,-1]]
        for (let j = 0; j < 4; j++) {
          const a = d[j], b = d[4 + j], e = d[8 + j], f = d[12 + j];
          u[j] = a - e; u[4 + j] = b + e; u[8 + j] = e - b; u[12 + j] = b - f;
        }
        const t = th * TW + tw;
        const base = (t >> 2) * C * 4 + c * 4 + (t & 3);
        for (let i = 0; i < 4; i++) {
          const a = u[i * 4], b = u[i * 4 + 1], e = u[i * 4 + 2], f = u[i * 4 + 3];
          out[(i * 4) * size + base] = a - e;
          out[(i * 4 + 1) * size + base] = b + e;
          out[(i * 4 + 2) * size + base] = e - b;
          out[(i * 4 + 3) * size + base] = b - f;
        }
      }
    }
  }
}

/** Y = clamp(Aᵀ·m·A (+ bias), lo, hi) (a fused Relu/Clip; ±Infinity for none) from the 16 GEMM results `m` (position ξ at ξ·M·T, row-major [M, T]), Aᵀ = [[1,1,1,0],[0,1,-1,-1]]; tiles past the output edge are cut. */
export function conv_f64_winograd_output__ts(m: Float64Array, M: number, TH: number, TW: number, OH: number, OW: number, bias: Float64Array | undefined, y: Float64Array, yOff: number, lo: number, hi: number): void {
  M = M | 0; TH = TH | 0; TW = TW | 0; OH = OH | 0; OW = OW | 0; yOff = yOff | 0; // int32 arguments (see codegen/cpu/templates.ts)
  const T = TH * TW, MT = M * T;
  const s = new Float64Array(8);
  for (let o = 0; o < M; o++) {
    const b = bias ? bias[o] : 0;
    const plane = yOff + o * OH * OW;
    for (let t = 0; t < T; t++) {
      const at = o * T + t;
      // s = Aᵀ·m (2×4)
      for (let j = 0; j < 4; j++) {
        const a = m[j * MT + at], c = m[(4 + j) * MT + at], e = m[(8 + j) * MT + at], f = m[(12 + j) * MT + at];
        s[j] = a + c + e; s[4 + j] = c - e - f;
      }
      const th = (t / TW) | 0, tw = t - th * TW;
      const oh = 2 * th, ow = 2 * tw;
      for (let i = 0; i < 2 && oh + i < OH; i++) {
        const r = plane + (oh + i) * OW + ow;
        y[r] = Math.min(Math.max(s[i * 4] + s[i * 4 + 1] + s[i * 4 + 2] + b, lo), hi);
        if (ow + 1 < OW) y[r + 1] = Math.min(Math.max(s[i * 4 + 1] - s[i * 4 + 2] - s[i * 4 + 3] + b, lo), hi);
      }
    }
  }
}

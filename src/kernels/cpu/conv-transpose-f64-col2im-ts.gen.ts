/*
 * generated, do not edit: run `npm run codegen`
 * spec:     src/ir/ops/nn/conv-transpose.ts
 * template: codegen/cpu/templates.ts (convtranspose)
 * variant:  conv-transpose-f64-col2im-ts  { op: 'ConvTranspose', template: 'convtranspose', dtype: 'float64', tile: 'col2im' }
 */
import type { ConvPlan } from './conv-plan.js';

/**
 * Adds `cols` ([Mg·kSize, D·H·W], row (m, kd, kh, kw), column (id, ih, iw)) into `Mg` output planes of y from `yOff`:
 * input pixel i of tap k lands on output i·s − p + k·d, and taps that land outside are dropped. Plane m starts from
 * `bias[bOff + m]`; `acc` (one plane of float64) holds the sums.
 */
export function conv_transpose_f64_col2im__ts(cols: Float64Array, acc: Float64Array, y: Float64Array, yOff: number, Mg: number, g: ConvPlan, bias: Float64Array, bOff: number): void {
  yOff = yOff | 0; Mg = Mg | 0; bOff = bOff | 0; // int32 arguments (see codegen/cpu/templates.ts)
  const { D, H, W, KD, KH, KW, OD, OH, OW, sd, sh, sw, dd, dh, dw, pd, ph, pw } = g;
  const inPlane = D * H * W, outPlane = OD * OH * OW, kSize = KD * KH * KW;
  for (let m = 0; m < Mg; m++) {
    acc.fill(bias[bOff + m], 0, outPlane);
    for (let kd = 0; kd < KD; kd++) {
      for (let kh = 0; kh < KH; kh++) {
        for (let kw = 0; kw < KW; kw++) {
          const row = (m * kSize + (kd * KH + kh) * KW + kw) * inPlane;
          // The input columns whose output column 0 <= iw·sw + off < OW: no test in the inner loop.
          const off = kw * dw - pw;
          const i0 = Math.max(0, Math.ceil(-off / sw)) | 0, i1 = Math.min(W, Math.floor((OW - 1 - off) / sw) + 1) | 0;
          if (i0 >= i1) continue;
          for (let id = 0; id < D; id++) {
            const od = id * sd - pd + kd * dd;
            if (od < 0 || od >= OD) continue;
            for (let ih = 0; ih < H; ih++) {
              const oh = ih * sh - ph + kh * dh;
              if (oh < 0 || oh >= OH) continue;
              let src = row + (id * H + ih) * W + i0, o = (od * OH + oh) * OW + i0 * sw + off;
              for (let iw = i0; iw < i1; iw++, src++, o += sw) acc[o] += cols[src];
            }
          }
        }
      }
    }
    const base = yOff + m * outPlane;
    for (let j = 0; j < outPlane; j++) y[base + j] = acc[j];
  }
}

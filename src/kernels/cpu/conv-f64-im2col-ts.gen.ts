/*
 * generated, do not edit: run `npm run codegen`
 * spec:     src/ir/ops/nn/conv.ts
 * template: codegen/cpu/templates.ts (conv)
 * variant:  conv-f64-im2col-ts  { op: 'Conv', template: 'conv', dtype: 'float64', tile: 'im2col' }
 */
import type { ConvPlan } from './conv-plan.js';
import type { Panels } from './panels.js';

/** Packed im2col of output rows [oh0, oh1) (all depths): unrolls the windows of `channels` input planes (from `xOff`) straight into the GEMM's 4-column panel layout, so the [channels·k, columns] matrix is never written unpacked. Taps in the padding stay 0 (`out` must arrive zeroed). */
export function conv_f64_im2col__ts(x: Float64Array, xOff: number, channels: number, g: ConvPlan, oh0: number, oh1: number, out: Panels): void {
  xOff = xOff | 0; channels = channels | 0; oh0 = oh0 | 0; oh1 = oh1 | 0; // int32 arguments (see codegen/cpu/templates.ts)
  const { D, H, W, KD, KH, KW, OD, OW, sd, sh, sw, dd, dh, dw, pd, ph, pw } = g;
  const K = channels * KD * KH * KW;
  let row = 0;
  const rows = oh1 - oh0;
  for (let c = 0; c < channels; c++) {
    const xBase = xOff + c * D * H * W;
    for (let kd = 0; kd < KD; kd++) {
      for (let kh = 0; kh < KH; kh++) {
        for (let kw = 0; kw < KW; kw++, row++) {
          // Output columns whose input column 0 <= ow*sw - pw + kw*dw < W, computed once per tap.
          const colOff = kw * dw - pw;
          const o0 = Math.max(0, Math.ceil(-colOff / sw));
          const o1 = Math.max(o0, Math.min(OW, Math.floor((W - 1 - colOff) / sw) + 1));
          const rowAt = row * 4;
          for (let od = 0; od < OD; od++) {
            const id = od * sd - pd + kd * dd;
            if (id < 0 || id >= D) continue;
            for (let oh = oh0; oh < oh1; oh++) {
              const ih = oh * sh - ph + kh * dh;
              if (ih < 0 || ih >= H) continue;
              let n = (od * rows + oh - oh0) * OW + o0;
              let xi = xBase + (id * H + ih) * W + o0 * sw + colOff;
              for (let ow = o0; ow < o1; ow++, n++, xi += sw) out[(n >> 2) * K * 4 + rowAt + (n & 3)] = x[xi];
            }
          }
        }
      }
    }
  }
}

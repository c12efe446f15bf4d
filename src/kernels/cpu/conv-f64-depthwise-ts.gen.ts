/*
 * generated, do not edit: run `npm run codegen`
 * spec:     src/ir/ops/nn/conv.ts
 * template: codegen/cpu/templates.ts (conv)
 * variant:  conv-f64-depthwise-ts  { op: 'Conv', template: 'conv', dtype: 'float64', tile: 'depthwise' }
 */
import type { ConvPlan } from './conv-plan.js';

/** Depthwise 2-D convolution of one channel plane: out[oh,ow] = bias + Σ w[kh,kw]·x[ih,iw]. Each tap sweeps the output rows it reaches, so the inner loop is a contiguous (or strided) row walk with no bounds tests; sums are kept in `acc` (float64) and stored once. */
export function conv_f64_depthwise__ts(x: Float64Array, xOff: number, w: Float64Array, wOff: number, bias: number, g: ConvPlan, out: Float64Array, oOff: number, acc: Float64Array): void {
  const { H, W, KH, KW, OH, OW, sh, sw, dh, dw, ph, pw } = g;
  const plane = OH * OW;
  acc.fill(bias, 0, plane);
  for (let kh = 0; kh < KH; kh++) {
    for (let kw = 0; kw < KW; kw++) {
      const wv = w[wOff + kh * KW + kw];
      const colOff = kw * dw - pw;
      const o0 = Math.max(0, Math.ceil(-colOff / sw));
      const o1 = Math.max(o0, Math.min(OW, Math.floor((W - 1 - colOff) / sw) + 1));
      for (let oh = 0; oh < OH; oh++) {
        const ih = oh * sh - ph + kh * dh;
        if (ih < 0 || ih >= H) continue;
        let xi = xOff + ih * W + o0 * sw + colOff;
        const row = oh * OW;
        for (let ow = o0; ow < o1; ow++, xi += sw) acc[row + ow] += wv * x[xi];
      }
    }
  }
  for (let i = 0; i < plane; i++) out[oOff + i] = acc[i];
}

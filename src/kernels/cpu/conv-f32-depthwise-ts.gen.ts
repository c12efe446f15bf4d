/*
 * generated, do not edit: run `npm run codegen`
 * spec:     src/ir/ops/nn/conv.ts
 * template: codegen/cpu/templates.ts (conv)
 * variant:  conv-f32-depthwise-ts  { op: 'Conv', template: 'conv', dtype: 'float32', tile: 'depthwise' }
 */
import type { ConvPlan } from './conv-plan.js';

/** Depthwise 2-D convolution of one channel plane: out[oh,ow] = bias + Σ w[kh,kw]·x[ih,iw]. 3×3 windows without dilation sum each output in a local over the nine weights held in locals. Other windows: each tap sweeps the output rows it reaches, so the inner loop is a contiguous (or strided) row walk with no bounds tests; sums are kept in `acc` (float64) and stored once. */
export function conv_f32_depthwise__ts(x: Float32Array, xOff: number, w: Float32Array, wOff: number, bias: number, g: ConvPlan, out: Float32Array, oOff: number, acc: Float64Array): void {
  xOff = xOff | 0; wOff = wOff | 0; oOff = oOff | 0; // int32 arguments (see codegen/cpu/templates.ts)
  const { H, W, KH, KW, OH, OW, sh, sw, dh, dw, ph, pw } = g;
  const plane = OH * OW;
  if (KH === 3 && KW === 3 && dh === 1 && dw === 1) {
    // The 3×3 case (MobileNet's layers, any stride and pads): the nine weights in locals and one sum
    // per output, taps in the same order as the general loop below (so the same float64 sums).
    // Outputs whose window is wholly inside the plane take the unrolled loop; the border ones the tap-checked one.
    const w00 = w[wOff], w01 = w[wOff + 1], w02 = w[wOff + 2], w10 = w[wOff + 3], w11 = w[wOff + 4], w12 = w[wOff + 5];
    const w20 = w[wOff + 6], w21 = w[wOff + 7], w22 = w[wOff + 8];
    // Columns [c0, c1) have 0 <= ow·sw − pw and ow·sw − pw + 2 < W.
    const c0 = Math.min(OW, Math.ceil(pw / sw));
    const c1 = Math.max(c0, Math.min(OW, Math.floor((W - 3 + pw) / sw) + 1));
    for (let oh = 0; oh < OH; oh++) {
      const ih0 = oh * sh - ph, o = oOff + oh * OW;
      const inside = ih0 >= 0 && ih0 + 2 < H;
      if (inside) {
        for (let ow = c0, x0 = xOff + ih0 * W + c0 * sw - pw; ow < c1; ow++, x0 += sw) {
          const x1 = x0 + W, x2 = x1 + W;
          let s = bias;
          s += w00 * x[x0]; s += w01 * x[x0 + 1]; s += w02 * x[x0 + 2];
          s += w10 * x[x1]; s += w11 * x[x1 + 1]; s += w12 * x[x1 + 2];
          s += w20 * x[x2]; s += w21 * x[x2 + 1]; s += w22 * x[x2 + 2];
          out[o + ow] = s;
        }
      }
      for (let ow = 0; ow < OW; ow++) {
        // Skip the interior columns the unrolled loop wrote.
        if (inside && ow === c0 && c1 > c0) { ow = c1 - 1; continue; }
        let s = bias;
        for (let kh = 0; kh < 3; kh++) {
          const ih = ih0 + kh;
          if (ih < 0 || ih >= H) continue;
          for (let kw = 0; kw < 3; kw++) {
            const iw = ow * sw - pw + kw;
            if (iw >= 0 && iw < W) s += w[wOff + kh * 3 + kw] * x[xOff + ih * W + iw];
          }
        }
        out[o + ow] = s;
      }
    }
    return;
  }
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

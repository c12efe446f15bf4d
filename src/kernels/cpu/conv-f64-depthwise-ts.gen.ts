/*
 * generated, do not edit: run `npm run codegen`
 * spec:     src/ir/ops/nn/conv.ts
 * template: codegen/cpu/templates.ts (conv)
 * variant:  conv-f64-depthwise-ts  { op: 'Conv', template: 'conv', dtype: 'float64', tile: 'depthwise' }
 */
import type { ConvPlan } from './conv-plan.js';

/** Depthwise 2-D convolution of one channel plane: out[oh,ow] = clamp(bias + Σ w[kh,kw]·x[ih,iw], lo, hi) (lo/hi are a fused Relu/Clip; ±Infinity for none). 3×3 windows without dilation sum each output in a local over the nine weights held in locals; other windows sweep each tap over the output rows it reaches (a contiguous or strided row walk with no bounds tests), summing in `acc` (float64). */
export function conv_f64_depthwise__ts(x: Float64Array, xOff: number, w: Float64Array, wOff: number, bias: number, g: ConvPlan, out: Float64Array, oOff: number, acc: Float64Array, padded: Float64Array, lo: number, hi: number): void {
  xOff = xOff | 0; wOff = wOff | 0; oOff = oOff | 0; // int32 arguments (see codegen/cpu/templates.ts)
  const { H, W, KH, KW, OH, OW, sh, sw, dh, dw, ph, pw } = g;
  const plane = OH * OW;
  if (KH === 3 && KW === 3 && dh === 1 && dw === 1) {
    // The 3×3 case (MobileNet's layers, any stride and pads): the nine weights in locals and one sum per
    // output. Outputs whose window is wholly inside the plane, columns [c0, c1) of rows [r0, r1), take the
    // unrolled loop on x; the border ones either a tap-checked loop or, when they are many against the
    // plane (the 7×7 to 28×28 planes of MobileNet's late layers, where they were half the time), the
    // unrolled loop too, on a copy of the plane with zero borders in `padded`. The rule border·18 >
    // padded size matched what was faster for each of MobileNet-v2's depthwise shapes.
    const w00 = w[wOff], w01 = w[wOff + 1], w02 = w[wOff + 2], w10 = w[wOff + 3], w11 = w[wOff + 4], w12 = w[wOff + 5];
    const w20 = w[wOff + 6], w21 = w[wOff + 7], w22 = w[wOff + 8];
    const c0 = Math.min(OW, Math.ceil(pw / sw)), c1 = Math.max(c0, Math.min(OW, Math.floor((W - 3 + pw) / sw) + 1));
    const r0 = Math.min(OH, Math.ceil(ph / sh)), r1 = Math.max(r0, Math.min(OH, Math.floor((H - 3 + ph) / sh) + 1));
    const PH = (OH - 1) * sh + 3, PW = (OW - 1) * sw + 3;
    const border = plane - (r1 - r0) * (c1 - c0);
    // A tap in the padding adds w·0, as in the reference (it multiplies explicit zeros): NaN for an
    // infinite or NaN weight, so the zero-bordered copy and the tap-checked loop agree with it.
    let src = x, base = xOff - ph * W - pw, stride = W, all = false;
    if (border > 0 && border * 18 > PH * PW) {
      padded.fill(0, 0, PH * PW);
      const i0 = Math.max(0, ph), i1 = Math.min(PH, H + ph), j0 = Math.max(0, pw), j1 = Math.min(PW, W + pw);
      for (let i = i0; i < i1; i++) {
        const from = xOff + (i - ph) * W - pw, to = i * PW;
        for (let j = j0; j < j1; j++) padded[to + j] = x[from + j];
      }
      src = padded; base = 0; stride = PW; all = true;
    }
    for (let oh = 0; oh < OH; oh++) {
      const o = oOff + oh * OW;
      const inside = all || (oh >= r0 && oh < r1);
      const ow0 = all ? 0 : c0, ow1 = all ? OW : c1;
      if (inside) {
        let ow = ow0, x0 = base + oh * sh * stride + ow0 * sw;
        if (sw === 1) {
          for (; ow + 1 < ow1; ow += 2, x0 += 2) {
            const x1 = x0 + stride, x2 = x1 + stride;
            const p0 = src[x0], p1 = src[x0 + 1], p2 = src[x0 + 2], p3 = src[x0 + 3];
            const q0 = src[x1], q1 = src[x1 + 1], q2 = src[x1 + 2], q3 = src[x1 + 3];
            const r0 = src[x2], r1 = src[x2 + 1], r2 = src[x2 + 2], r3 = src[x2 + 3];
            const s0 = bias + w00 * p0 + w01 * p1 + w02 * p2 + w10 * q0 + w11 * q1 + w12 * q2 + w20 * r0 + w21 * r1 + w22 * r2;
            const s1 = bias + w00 * p1 + w01 * p2 + w02 * p3 + w10 * q1 + w11 * q2 + w12 * q3 + w20 * r1 + w21 * r2 + w22 * r3;
            out[o + ow] = Math.min(Math.max(s0, lo), hi);
            out[o + ow + 1] = Math.min(Math.max(s1, lo), hi);
          }
        } else if (sw === 2) {
          for (; ow + 1 < ow1; ow += 2, x0 += 4) {
            const x1 = x0 + stride, x2 = x1 + stride;
            const p0 = src[x0], p1 = src[x0 + 1], p2 = src[x0 + 2], p3 = src[x0 + 3], p4 = src[x0 + 4];
            const q0 = src[x1], q1 = src[x1 + 1], q2 = src[x1 + 2], q3 = src[x1 + 3], q4 = src[x1 + 4];
            const r0 = src[x2], r1 = src[x2 + 1], r2 = src[x2 + 2], r3 = src[x2 + 3], r4 = src[x2 + 4];
            const s0 = bias + w00 * p0 + w01 * p1 + w02 * p2 + w10 * q0 + w11 * q1 + w12 * q2 + w20 * r0 + w21 * r1 + w22 * r2;
            const s1 = bias + w00 * p2 + w01 * p3 + w02 * p4 + w10 * q2 + w11 * q3 + w12 * q4 + w20 * r2 + w21 * r3 + w22 * r4;
            out[o + ow] = Math.min(Math.max(s0, lo), hi);
            out[o + ow + 1] = Math.min(Math.max(s1, lo), hi);
          }
        }
        for (; ow < ow1; ow++, x0 += sw) {
          const x1 = x0 + stride, x2 = x1 + stride;
          const s = bias + w00 * src[x0] + w01 * src[x0 + 1] + w02 * src[x0 + 2] + w10 * src[x1] + w11 * src[x1 + 1] + w12 * src[x1 + 2]
            + w20 * src[x2] + w21 * src[x2 + 1] + w22 * src[x2 + 2];
          out[o + ow] = Math.min(Math.max(s, lo), hi);
        }
        if (all) continue;
      }
      // Border outputs, taps outside the plane reading 0; the interior columns of inside rows were written above.
      const ih0 = oh * sh - ph;
      for (let ow = 0; ow < OW; ow++) {
        if (inside && ow === c0 && c1 > c0) { ow = c1 - 1; continue; }
        let s = bias;
        for (let kh = 0; kh < 3; kh++) {
          const ih = ih0 + kh, rowIn = ih >= 0 && ih < H;
          for (let kw = 0; kw < 3; kw++) {
            const iw = ow * sw - pw + kw;
            s += w[wOff + kh * 3 + kw] * (rowIn && iw >= 0 && iw < W ? x[xOff + ih * W + iw] : 0);
          }
        }
        out[o + ow] = Math.min(Math.max(s, lo), hi);
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
      // The sweep skips the padding, where the reference adds wv·0: NaN when wv is infinite or NaN.
      if (!Number.isFinite(wv)) {
        for (let oh = 0; oh < OH; oh++) {
          const ih = oh * sh - ph + kh * dh, rowIn = ih >= 0 && ih < H;
          for (let ow = 0; ow < OW; ow++) if (!rowIn || ow < o0 || ow >= o1) acc[oh * OW + ow] = NaN;
        }
      }
    }
  }
  for (let i = 0; i < plane; i++) out[oOff + i] = Math.min(Math.max(acc[i], lo), hi);
}

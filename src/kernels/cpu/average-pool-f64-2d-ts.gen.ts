/*
 * generated, do not edit: run `npm run codegen`
 * spec:     src/ir/ops/nn/pool.ts
 * template: codegen/cpu/templates.ts (pool)
 * variant:  average-pool-f64-2d-ts  { op: 'AveragePool', template: 'pool', dtype: 'float64', tile: '2d' }
 */
import type { ConvPlan } from './conv-plan.js';

/** AveragePool over 2-D windows of `planes` [H, W] planes (padding, strides, dilations, ceil_mode windows). As in the spec's poolForward, taps in the padding are skipped, and with `includePad` still counted when inside the declared pads. */
export function average_pool_f64_2d__ts(x: Float64Array, y: Float64Array, planes: number, g: ConvPlan, includePad: boolean): void {
  planes = planes | 0; // int32 arguments (see codegen/cpu/templates.ts)
  const { H, W, KH, KW, OH, OW, sh, sw, dh, dw, ph, pw, eh, ew } = g;
  let oi = 0;
  for (let p = 0; p < planes; p++) {
    const base = p * H * W;
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0; ow < OW; ow++, oi++) {
        let acc = 0;
        let count = 0;
        for (let kh = 0; kh < KH; kh++) {
          const ih = oh * sh - ph + kh * dh;
          if (ih < -ph || ih >= H + eh) continue;
          const inRow = ih >= 0 && ih < H;
          for (let kw = 0; kw < KW; kw++) {
            const iw = ow * sw - pw + kw * dw;
            if (iw < -pw || iw >= W + ew) continue;
            if (!inRow || iw < 0 || iw >= W) { if (includePad) count++; continue; }
            const v = x[base + ih * W + iw];
            count++;
            acc += v;
          }
        }
        y[oi] = acc / count;
      }
    }
  }
}

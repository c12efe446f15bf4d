/*
 * generated, do not edit: run `npm run codegen`
 * spec:     src/ir/ops/nn/pool.ts
 * template: codegen/cpu/templates.ts (pool)
 * variant:  max-pool-f64-2d-ts  { op: 'MaxPool', template: 'pool', dtype: 'float64', tile: '2d' }
 */
import type { ConvPlan } from './conv-plan.js';

/** MaxPool over 2-D windows of `planes` [H, W] planes (padding, strides, dilations, ceil_mode windows). As in the spec's poolForward, taps in the padding are skipped. */
export function max_pool_f64_2d__ts(x: Float64Array, y: Float64Array, planes: number, g: ConvPlan): void {
  planes = planes | 0; // int32 arguments (see codegen/cpu/templates.ts)
  const { H, W, KH, KW, OH, OW, sh, sw, dh, dw, ph, pw, eh, ew } = g;
  const fast3 = KH === 3 && KW === 3 && dh === 1 && dw === 1;
  let oi = 0;
  for (let p = 0; p < planes; p++) {
    const base = p * H * W;
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0; ow < OW; ow++, oi++) {
        // A 3×3 window wholly inside the plane (ResNet's and SqueezeNet's 3×3 s2 pools, almost every
        // output): the nine taps unrolled, in the general loop's order, so the same NaN rule (only a
        // NaN in the first tap wins) and the same result. resnet18's [64,112,112] 3×3 s2 pool: 19.0 → 8.3 ms.
        // Each tap picks the index of the larger value without a branch (`-(v > acc)` is all ones or
        // zero) and reloads it: after a Relu, which of two taps is larger follows the data, and
        // `if (v > acc) acc = v` mispredicted on it (V8 emits no conditional move for floats). Each
        // row keeps its own first maximum, then row 1 and row 2 are taken only if strictly larger: the
        // first maximum of the window, as in one chain (a NaN row result never wins, a NaN first tap
        // always does), in half the dependent steps. SqueezeNet's [64,111,111] pool in a scratch
        // benchmark: 3.6 → 2.2 ms with one chain, 1.5–1.7 ms with three, bit for bit the same.
        if (fast3) {
          const ih0 = oh * sh - ph, iw0 = ow * sw - pw;
          if (ih0 >= 0 && ih0 + 3 <= H && iw0 >= 0 && iw0 + 3 <= W) {
            const r0 = base + ih0 * W + iw0, r1 = r0 + W, r2 = r1 + W;
            let a0 = r0, a1 = r1, a2 = r2, v0 = x[r0], v1 = x[r1], v2 = x[r2];
            a0 ^= (a0 ^ (r0 + 1)) & -(x[r0 + 1] > v0); v0 = x[a0]; a1 ^= (a1 ^ (r1 + 1)) & -(x[r1 + 1] > v1); v1 = x[a1]; a2 ^= (a2 ^ (r2 + 1)) & -(x[r2 + 1] > v2); v2 = x[a2];
            a0 ^= (a0 ^ (r0 + 2)) & -(x[r0 + 2] > v0); v0 = x[a0]; a1 ^= (a1 ^ (r1 + 2)) & -(x[r1 + 2] > v1); v1 = x[a1]; a2 ^= (a2 ^ (r2 + 2)) & -(x[r2 + 2] > v2); v2 = x[a2];
            a0 ^= (a0 ^ a1) & -(v1 > v0); v0 = x[a0]; a0 ^= (a0 ^ a2) & -(v2 > v0);
            y[oi] = x[a0];
            continue;
          }
        }
        let acc = -Infinity;
        let count = 0;
        for (let kh = 0; kh < KH; kh++) {
          const ih = oh * sh - ph + kh * dh;
          if (ih < -ph || ih >= H + eh) continue;
          const inRow = ih >= 0 && ih < H;
          for (let kw = 0; kw < KW; kw++) {
            const iw = ow * sw - pw + kw * dw;
            if (iw < -pw || iw >= W + ew) continue;
            if (!inRow || iw < 0 || iw >= W) { continue; }
            const v = x[base + ih * W + iw];
            count++;
            if (v > acc || count === 1) acc = v;
          }
        }
        y[oi] = acc;
      }
    }
  }
}

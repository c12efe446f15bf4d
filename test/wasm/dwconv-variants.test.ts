/**
 * Every depthwise 3×3 variant in codegen/wasm/variants.txt (plain and relaxed SIMD, stride 1 and 2;
 * not only the pair selection.ts picks) against a direct float64 convolution: output sides that
 * leave a partial last vector, an odd number of rows (stride 1 computes two rows at a time),
 * pads, bias or none, and every epilogue (none, Relu, Clip).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readVariants } from '../../codegen/wasm/generate.js';
import { detectRelaxedSimd, type DwconvExports } from '../../src/kernels/wasm/runtime.js';
import { instantiateVariant } from './harness.js';

let relaxed = false;
beforeAll(async () => { relaxed = await detectRelaxedSimd(); });

describe('depthwise 3×3 variants', () => {
  for (const v of readVariants().filter((x) => x.template === 'dwconv3x3')) {
    it(`${v.name} matches a direct convolution (odd sides, pads, every epilogue)`, (ctx) => {
      if (v.params.relaxed && !relaxed) ctx.skip(); // engine without relaxed SIMD: nothing to run it on
      const stride = v.params.stride;
      const { exports: e, f32, rnd } = instantiateVariant<DwconvExports>(v.name, 4242);
      const cases = [[3, 7, 5, 1, 1, 1, 1], [2, 9, 6, 0, 0, 0, 0], [2, 4, 11, 1, 0, 0, 1], [1, 1, 1, 1, 1, 1, 1], [2, 13, 10, 1, 1, 1, 1]];
      cases.forEach(([C, H, W, pt, pl, pb, pr], t) => {
        const OH = Math.floor((H + pt + pb - 3) / stride) + 1, OW = Math.floor((W + pl + pr - 3) / stride) + 1;
        if (OH <= 0 || OW <= 0) return;
        const ow4 = Math.ceil(OW / 4) * 4;
        const Wp = Math.max(pl + W + pr, ow4 * stride + 4), Hp = Math.max(pt + H + pb, (OH - 1) * stride + 3) + 1;
        const X = 0, Wt = 16 << 10, B = 20 << 10, Y = 24 << 10, PAD = 40 << 10;
        for (let i = 0; i < C * H * W; i++) f32[X / 4 + i] = rnd();
        for (let i = 0; i < C * 9; i++) f32[Wt / 4 + i] = rnd();
        for (let i = 0; i < C; i++) f32[B / 4 + i] = rnd();
        f32.fill(0, PAD / 4, PAD / 4 + Hp * Wp);
        // A sentinel after the last plane: no write may leave the output.
        f32.fill(12345, Y / 4, Y / 4 + C * OH * OW + 8);
        const act = t % 3, withBias = t % 2 === 0, lo = -0.1, hi = 0.2;
        e.dwconv3x3(X, Wt, withBias ? B : 0, Y, C, H, W, OH, OW, stride, pt, pl, Hp, Wp, PAD, act, lo, hi);
        for (let c = 0; c < C; c++) {
          for (let oh = 0; oh < OH; oh++) {
            for (let ow = 0; ow < OW; ow++) {
              let want = withBias ? f32[B / 4 + c] : 0;
              for (let kh = 0; kh < 3; kh++) {
                for (let kw = 0; kw < 3; kw++) {
                  const ih = oh * stride - pt + kh, iw = ow * stride - pl + kw;
                  if (ih >= 0 && ih < H && iw >= 0 && iw < W) want += f32[Wt / 4 + c * 9 + kh * 3 + kw] * f32[X / 4 + (c * H + ih) * W + iw];
                }
              }
              if (act === 1) want = Math.max(want, 0);
              if (act === 2) want = Math.min(Math.max(want, lo), hi);
              const got = f32[Y / 4 + (c * OH + oh) * OW + ow];
              expect(Math.abs(got - want), `case ${t} c${c} (${oh},${ow})`).toBeLessThanOrEqual(1e-5);
            }
          }
        }
        expect(f32[Y / 4 + C * OH * OW]).toBe(12345);
      });
    });
  }
});

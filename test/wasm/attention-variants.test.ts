/**
 * Every attention variant in codegen/wasm/variants.txt (a relaxed one is skipped on engines
 * without relaxed SIMD) against a direct float64 attention, module call by call: key counts that
 * leave a partial vector and a partial group of sixteen, feature counts with and without a group
 * of sixteen, several heads, a mask with -∞ entries, and a scale.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readVariants } from '../../codegen/wasm/generate.js';
import { detectRelaxedSimd, type AttentionExports } from '../../src/kernels/wasm/runtime.js';
import { instantiateVariant } from './harness.js';

let relaxed = false;
beforeAll(async () => { relaxed = await detectRelaxedSimd(); });

describe('attention variants', () => {
  for (const v of readVariants().filter((x) => x.template === 'attention')) {
    it(`${v.name} matches a direct attention (partial key and feature groups, heads, mask, scale)`, (ctx) => {
      if (v.params.relaxed && !relaxed) ctx.skip(); // engine without relaxed SIMD: nothing to run it on
      const { exports: e, f32, rnd } = instantiateVariant<AttentionExports>(v.name, 777);
      // [heads N, queries Sq, keys Skv, D, Dv]
      const cases = [[2, 5, 7, 8, 4], [1, 16, 16, 64, 64], [3, 9, 37, 20, 24], [2, 1, 1, 4, 16]];
      for (const [N, Sq, Skv, D, Dv] of cases) {
        const ld = (Skv + 3) & ~3, scale = 0.37;
        const Q = 0, K = 64 << 10, V = 128 << 10, KT = 192 << 10, M = 256 << 10, Y = 320 << 10, ROW = 384 << 10;
        // Q, K, V as [N, S, D] row-major (strides in floats).
        for (let i = 0; i < N * Sq * D; i++) f32[Q / 4 + i] = rnd();
        for (let i = 0; i < N * Skv * D; i++) f32[K / 4 + i] = rnd();
        for (let i = 0; i < N * Skv * Dv; i++) f32[V / 4 + i] = rnd();
        // One mask row per (n, i): random, with key 1 masked out when there is more than one key.
        for (let r = 0; r < N * Sq; r++) {
          f32.fill(-Infinity, M / 4 + r * ld, M / 4 + (r + 1) * ld);
          for (let j = 0; j < Skv; j++) f32[M / 4 + r * ld + j] = Skv > 1 && j === 1 ? -Infinity : rnd();
        }
        f32.fill(12345, Y / 4, Y / 4 + N * Sq * Dv + 8);
        e.packKT(K, Skv * D, D, 1, N, Skv, D, KT, ld);
        e.attention(Q, Sq * D, D, KT, ld, V, Skv * Dv, Dv, M, Sq * ld, ld, Y, Sq * Dv, Dv, N, Sq, Skv, D, Dv, scale, ROW);
        for (let n = 0; n < N; n++) {
          for (let i = 0; i < Sq; i++) {
            const s = Array.from({ length: Skv }, (_, j) => {
              let dot = 0;
              for (let d = 0; d < D; d++) dot += f32[Q / 4 + (n * Sq + i) * D + d] * f32[K / 4 + (n * Skv + j) * D + d];
              return dot * scale + f32[M / 4 + (n * Sq + i) * ld + j];
            });
            const mx = Math.max(...s), p = s.map((x) => Math.exp(x - mx)), sum = p.reduce((a, b) => a + b, 0);
            for (let c = 0; c < Dv; c++) {
              let want = 0;
              for (let j = 0; j < Skv; j++) want += (p[j] / sum) * f32[V / 4 + (n * Skv + j) * Dv + c];
              const got = f32[Y / 4 + (n * Sq + i) * Dv + c];
              expect(Math.abs(got - want), `${v.name} [${N},${Sq},${Skv},${D},${Dv}] n${n} i${i} c${c}`).toBeLessThanOrEqual(2e-5 + 1e-4 * Math.abs(want));
            }
          }
        }
        expect(f32[Y / 4 + N * Sq * Dv]).toBe(12345);
      }
    });
  }
});

/**
 * Every GEMM variant in codegen/wasm/variants.txt (not only the one selection.ts picks) against a
 * naive product, on random shapes around the tile edges, with packed and strided B and every
 * epilogue (bias per row / per column, Relu, Clip, accumulate).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readVariants } from '../../codegen/wasm/generate.js';
import { detectRelaxedSimd, type GemmExports } from '../../src/kernels/wasm/runtime.js';
import { instantiateVariant } from './harness.js';

let relaxed = false;
beforeAll(async () => { relaxed = await detectRelaxedSimd(); });

describe('GEMM variants', () => {
  for (const v of readVariants().filter((x) => x.template === 'gemm')) {
    it(`${v.name} matches a naive GEMM (odd sizes, K=1, N=1, all epilogues)`, (ctx) => {
      if (v.params.relaxed && !relaxed) ctx.skip(); // engine without relaxed SIMD: nothing to run it on
      const { mr, nr } = v.params;
      const { exports: e, f32, rnd } = instantiateVariant<GemmExports>(v.name, 12345);
      const shapes = [[1, 1, 1], [mr, nr, 1], [mr + 1, nr + 1, 3], [mr - 1, nr - 1, 300], [17, 1, 9], [1, 23, 9], [29, 31, 257], [64, 8, 5]];
      const A = 0, B = 64 << 10, C = 128 << 10, PA = 192 << 10, PB = 320 << 10, SCR = 448 << 10, BI = 452 << 10;
      shapes.forEach(([M, N, K], t) => {
        for (let i = 0; i < M * K; i++) f32[A / 4 + i] = rnd();
        for (let i = 0; i < K * N + 64; i++) f32[B / 4 + i] = rnd();
        for (let i = 0; i < 64; i++) f32[BI / 4 + i] = rnd();
        for (let i = 0; i < M * N + 64; i++) f32[C / 4 + i] = rnd();
        const before = f32.slice(C / 4, C / 4 + M * N + 64);
        const biasMode = t % 3, act = (t + 1) % 3, accumulate = t % 2, packed = (t >> 1) % 2;
        e.packA(A, K, 1, M, K, PA, 1);
        const panels = Math.ceil(N / nr);
        if (packed) {
          e.packB(B, N, 1, K, N, PB);
          e.gemm(PA, PB, nr * 4, K * nr * 4, C, N, M, N, K, 0, panels, BI, biasMode, accumulate, act, -0.1, 0.2, SCR);
        } else {
          e.gemm(PA, B, N * 4, nr * 4, C, N, M, N, K, 0, panels, BI, biasMode, accumulate, act, -0.1, 0.2, SCR);
        }
        for (let i = 0; i < M; i++) {
          for (let j = 0; j < N; j++) {
            let want = accumulate ? before[i * N + j] : 0;
            for (let k = 0; k < K; k++) want += f32[A / 4 + i * K + k] * f32[B / 4 + k * N + j];
            if (biasMode === 1) want += f32[BI / 4 + i];
            if (biasMode === 2) want += f32[BI / 4 + j];
            if (act === 1) want = Math.max(want, 0);
            if (act === 2) want = Math.min(Math.max(want, -0.1), 0.2);
            expect(Math.abs(f32[C / 4 + i * N + j] - want), `M=${M} N=${N} K=${K} at [${i},${j}]`).toBeLessThan(1e-4 * (1 + K));
          }
        }
        // Nothing past C is written.
        for (let i = M * N; i < M * N + 64; i++) expect(f32[C / 4 + i]).toBe(before[i]);
      });
    });
  }
});

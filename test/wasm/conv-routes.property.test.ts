/**
 * Property tests for the wasm Conv routes that the ONNX-wide property suite rarely reaches (its
 * Conv arbitrary has at most 4 channels): Winograd F(2×2, 3×3) (≥ 16 channels in and out) and the
 * direct depthwise 3×3 kernels, on random sides, pads, batches, biases and fused activations,
 * against the spec's reference kernel. A failure prints fast-check's shrunk case.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { getRuntime } from '../../src/kernels/wasm/runtime.js';
import { depthwiseRoute, THRESHOLDS, winogradRoute } from '../../src/kernels/wasm/selection.js';
import { randomTensor, runBoth, worstError } from './harness.js';

beforeAll(async () => { await getRuntime(); });

const RUNS = Number(process.env.ONNX_TS_PROPERTY_RUNS ?? 10) * 5;
const activation = fc.constantFrom<[string, number[]]>(['', []], ['Relu', []], ['Clip', [-0.5, 0.75]], ['LeakyRelu', [0.1]]);
const pads = fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 4, maxLength: 4 });

async function check(x: number[], w: number[], bias: boolean, attrs: Record<string, unknown>, act: [string, number[]], seed: number): Promise<void> {
  const inputs = [randomTensor(x, seed), randomTensor(w, seed + 1), bias ? randomTensor([w[0]], seed + 2) : undefined];
  const fused = act[0] !== '';
  const { wasm, ref } = await runBoth(fused ? 'FusedConv' : 'Conv', fused ? 'com.onnx-ts' : '', fused ? 1 : 11, inputs,
    fused ? { ...attrs, activation: act[0], activation_params: act[1] } : attrs, [1, 2]);
  expect(wasm.dims).toEqual(ref.dims);
  expect(worstError(wasm, ref)).toBeLessThanOrEqual(1);
}

describe('wasm Conv routes, property-based', () => {
  it('Winograd F(2×2, 3×3) matches the reference', async () => {
    const min = THRESHOLDS.winogradMinChannels;
    await fc.assert(fc.asyncProperty(
      fc.integer({ min: 1, max: 2 }), fc.integer({ min: min, max: min + 5 }), fc.integer({ min: min, max: min + 5 }),
      fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 }), pads, fc.boolean(), activation, fc.nat(1000),
      async (n, C, M, H, W, p, bias, act, seed) => {
        fc.pre(H + p[0] + p[2] >= 3 && W + p[1] + p[3] >= 3);
        expect(winogradRoute(1, C, M, [3, 3], [1, 1], [1, 1])).toBe(true);
        await check([n, C, H, W], [M, C, 3, 3], bias, { pads: p }, act, seed);
      }), { numRuns: RUNS });
  });

  it('depthwise 3×3 (stride 1 and 2) matches the reference', async () => {
    await fc.assert(fc.asyncProperty(
      fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 13 }), fc.integer({ min: 1, max: 13 }),
      fc.constantFrom(1, 2), pads, fc.boolean(), activation, fc.nat(1000),
      async (n, C, H, W, s, p, bias, act, seed) => {
        fc.pre(H + p[0] + p[2] >= 3 && W + p[1] + p[3] >= 3);
        expect(depthwiseRoute(C, C, C, [3, 3], [s, s], [1, 1])).toBe(s);
        await check([n, C, H, W], [C, 1, 3, 3], bias, { pads: p, strides: [s, s], group: C }, act, seed);
      }), { numRuns: RUNS });
  });
});

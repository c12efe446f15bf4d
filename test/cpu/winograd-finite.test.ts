// The cpu provider's Winograd routes against the reference when an input or a filter holds
// ±Infinity or NaN: the transforms would spread such a value into outputs whose 3×3 windows never
// touch it, so those convolutions must take a direct route (src/kernels/finite.ts) and match the
// reference's NaN and infinity positions exactly.
import { describe, expect, it } from 'vitest';
import { Tensor } from '../../src/ir/tensor.js';
import { WINOGRAD_MIN_CHANNELS, WINOGRAD4_MIN_SIDE, convCase } from '../../src/kernels/cpu/selection.js';
import { InferenceSession } from '../../src/runtime/inference-session.js';
import { buildModel } from '../../src/tools/model-builder.js';
import { compareValues } from '../../src/tools/numeric-compare.js';

const C = WINOGRAD_MIN_CHANNELS;

async function check(side: number, poison: { x?: number; w?: number }): Promise<void> {
  let s = side * 31 + (poison.x ?? 0) + 7 * (poison.w ?? 0);
  const rand = (dims: number[]) => Tensor.fromValues('float32', dims, Array.from({ length: dims.reduce((p, q) => p * q, 1) }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  }));
  const x = rand([1, C, side, side]), w = rand([C, C, 3, 3]), b = rand([C]);
  if (poison.x !== undefined) (x.data as Float32Array)[poison.x] = poison.x % 2 ? Infinity : NaN;
  if (poison.w !== undefined) (w.data as Float32Array)[poison.w] = -Infinity;
  const model = () => buildModel({
    opset: 17,
    nodes: [{ op: 'Conv', inputs: ['x', 'w', 'b'], outputs: ['y'], attrs: { pads: [1, 1, 1, 1] } }],
    inputs: [['x', 'float32', [1, C, side, side]]], outputs: [['y', 'float32']],
    initializers: { w, b },
  });
  const cpu = await InferenceSession.fromModel(model(), { executionProviders: ['cpu'], graphOptimizationLevel: 'disabled' });
  const ref = await InferenceSession.fromModel(model(), { executionProviders: ['reference'], graphOptimizationLevel: 'disabled' });
  const got = (await cpu.run({ x })).y as Tensor, want = (await ref.run({ x })).y as Tensor;
  const res = compareValues(got, want, { rtol: 1e-5, atol: 1e-6 });
  expect(res.ok, res.reason).toBe(true);
}

describe('cpu Winograd routes with non-finite values', () => {
  it('these shapes take the Winograd routes when every value is finite', () => {
    expect(convCase(C, C, 1, [3, 3], [1, 1], [1, 1, 1, 1], [1, 1], [6, 6])).toBe('winograd4');
    expect(convCase(C, C, 1, [3, 3], [1, 1], [1, 1, 1, 1], [1, 1], [WINOGRAD4_MIN_SIDE - 1, WINOGRAD4_MIN_SIDE - 1])).toBe('winograd');
  });
  for (const side of [WINOGRAD4_MIN_SIDE - 1, 6]) {
    it(`${side}×${side}: a NaN input`, async () => { await check(side, { x: 2 * side + 2 }); });
    it(`${side}×${side}: an infinite input`, async () => { await check(side, { x: 3 * side + 1 }); });
    it(`${side}×${side}: an infinite filter tap`, async () => { await check(side, { w: 4 }); });
    it(`${side}×${side}: all finite`, async () => { await check(side, {}); });
  }
});

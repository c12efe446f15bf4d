// The fused Relu/Clip in the cpu GEMM's store (src/kernels/cpu/gemm-f32-2x4-ts.gen.ts), against the
// reference: a float32 lower bound of 0 takes a branch-free max there (codegen/cpu/templates.ts,
// gemm), which must still clamp a -∞ sum to 0 and pass NaN. The 1×1 and 3×3 stride-2 convolutions
// below go through the GEMM routes (1×1 planes and im2col); an infinite weight makes ±∞ sums, and a
// NaN input NaN ones.
import { describe, expect, it } from 'vitest';
import { Tensor } from '../../src/ir/tensor.js';
import { InferenceSession } from '../../src/runtime/inference-session.js';
import { buildModel, type AttrLite } from '../../src/tools/model-builder.js';
import { compareValues } from '../../src/tools/numeric-compare.js';

interface ClampCase { kernel: 1 | 3; activation: 'Relu' | 'Clip'; clip?: [number, number] }

async function check(c: ClampCase): Promise<void> {
  const C = 5, M = 6, side = 9, k = c.kernel;
  let seed = 12345;
  const next = () => { seed = (seed * 1664525 + 1013904223) >>> 0; return seed / 2 ** 32 * 2 - 1; };
  const rand = (dims: number[]) => Tensor.fromValues('float32', dims, Array.from({ length: dims.reduce((p, q) => p * q, 1) }, next));
  const w = rand([M, C, k, k]), b = rand([M]), x = rand([1, C, side, side]);
  (w.data as Float32Array)[0] = Infinity; // output channel 0: ±∞ by the sign of x's channel 0
  (x.data as Float32Array)[side * side + 4] = NaN; // one NaN in channel 1: NaN sums where a window reads it
  const attrs: Record<string, AttrLite> = { kernel_shape: { ints: [k, k] }, strides: { ints: [k === 3 ? 2 : 1, k === 3 ? 2 : 1] }, activation: c.activation };
  if (c.clip) attrs.activation_params = { floats: c.clip };
  const model = () => buildModel({
    opset: { '': 17, 'com.onnx-ts': 1 },
    nodes: [{ op: 'FusedConv', domain: 'com.onnx-ts', inputs: ['x', 'w', 'b'], outputs: ['y'], attrs }],
    inputs: [['x', 'float32', [1, C, side, side]]], outputs: [['y', 'float32']],
    initializers: { w, b },
  });
  const cpu = await InferenceSession.fromModel(model(), { executionProviders: ['cpu'], graphOptimizationLevel: 'disabled' });
  const ref = await InferenceSession.fromModel(model(), { executionProviders: ['reference'], graphOptimizationLevel: 'disabled' });
  const providers: string[] = [];
  const got = await cpu.run({ x }, { onNode: (e: { provider: string }) => providers.push(e.provider) });
  const want = await ref.run({ x });
  expect(providers).toEqual(['cpu']);
  const y = got.y as Tensor;
  // The special sums must reach the store: NaN where a window reads the NaN input, and on
  // channel 0, whose sums are ±∞, +∞ itself under Relu (Clip bounds it).
  const values = Array.from(y.data as Float32Array);
  expect(values.some(Number.isNaN)).toBe(true);
  if (!c.clip) expect(values.includes(Infinity)).toBe(true);
  const res = compareValues(y, want.y as Tensor, { rtol: 1e-5, atol: 1e-6 });
  expect(res.ok, res.reason).toBe(true);
}

describe('cpu GEMM store clamp vs reference, with ±∞ and NaN sums', () => {
  for (const c of [
    { kernel: 1, activation: 'Relu' }, { kernel: 3, activation: 'Relu' },
    { kernel: 1, activation: 'Clip', clip: [0, 0.5] }, { kernel: 3, activation: 'Clip', clip: [-0.25, 0.5] },
  ] as ClampCase[]) {
    it(`${c.kernel}×${c.kernel} FusedConv with ${c.activation}${c.clip ? `(${c.clip})` : ''}`, async () => { await check(c); });
  }
});

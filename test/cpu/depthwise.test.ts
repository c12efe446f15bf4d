// The cpu provider's depthwise route (src/kernels/cpu/conv-*-depthwise-ts.gen.ts) against the
// reference: 3×3 windows over plane sizes that take the direct loop, the zero-bordered copy and the
// tap-checked border loop (the rule in the template picks by how many outputs touch the border),
// strides 1 and 2, symmetric and asymmetric pads, a fused Relu/Clip applied in the store, an
// infinite weight (∞·0 = NaN where its tap falls in the padding, as the reference computes it), and
// other window sizes.
import { describe, expect, it } from 'vitest';
import { Tensor } from '../../src/ir/tensor.js';
import { InferenceSession } from '../../src/runtime/inference-session.js';
import { buildModel, type AttrLite } from '../../src/tools/model-builder.js';
import { compareValues } from '../../src/tools/numeric-compare.js';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32; };
}

interface DwCase { side: number; kernel?: number; stride: number; pads: number[]; activation?: 'Relu' | 'Clip'; clip?: [number, number]; infWeight?: number }

async function check(c: DwCase): Promise<void> {
  const r = rng(c.side * 97 + c.stride * 13 + c.pads.join('').length);
  const C = 3, k = c.kernel ?? 3;
  const rand = (dims: number[]) => Tensor.fromValues('float32', dims, Array.from({ length: dims.reduce((p, q) => p * q, 1) }, () => 2 * r() - 1));
  const w = rand([C, 1, k, k]), b = rand([C]);
  if (c.infWeight !== undefined) (w.data as Float32Array)[c.infWeight] = Infinity;
  const attrs: Record<string, AttrLite> = { group: C, kernel_shape: { ints: [k, k] }, strides: { ints: [c.stride, c.stride] }, pads: { ints: c.pads } };
  const fused = c.activation !== undefined;
  if (c.activation) {
    attrs.activation = c.activation;
    if (c.activation === 'Clip') attrs.activation_params = { floats: c.clip ?? [-0.25, 0.5] };
  }
  const model = () => buildModel({
    opset: fused ? { '': 17, 'com.onnx-ts': 1 } : 17,
    nodes: [{ op: fused ? 'FusedConv' : 'Conv', domain: fused ? 'com.onnx-ts' : undefined, inputs: ['x', 'w', 'b'], outputs: ['y'], attrs }],
    inputs: [['x', 'float32', [1, C, c.side, c.side]]], outputs: [['y', 'float32']],
    initializers: { w, b },
  });
  const feeds = { x: rand([1, C, c.side, c.side]) };
  const variants: string[] = [];
  const cpu = await InferenceSession.fromModel(model(), { executionProviders: ['cpu'], graphOptimizationLevel: 'disabled' });
  const ref = await InferenceSession.fromModel(model(), { executionProviders: ['reference'], graphOptimizationLevel: 'disabled' });
  const got = await cpu.run(feeds, { onNode: (e: { provider: string }) => variants.push(e.provider) });
  const want = await ref.run(feeds);
  expect(variants).toEqual(['cpu']);
  const res = compareValues(got.y as Tensor, want.y as Tensor, { rtol: 1e-5, atol: 1e-6 });
  expect(res.ok, res.reason).toBe(true);
}

const CASES: DwCase[] = [];
for (const side of [1, 2, 3, 5, 7, 14, 29]) {
  for (const stride of [1, 2]) {
    for (const pads of [[0, 0, 0, 0], [1, 1, 1, 1], [0, 2, 1, 0]]) {
      if (side + pads[0] + pads[2] < 3 || side + pads[1] + pads[3] < 3) continue;
      CASES.push({ side, stride, pads });
    }
  }
}
CASES.push(
  { side: 7, stride: 1, pads: [1, 1, 1, 1], activation: 'Clip' },
  { side: 28, stride: 2, pads: [1, 1, 1, 1], activation: 'Relu' },
  // Few border outputs against the plane: these take the tap-checked border loop.
  { side: 56, stride: 2, pads: [1, 1, 1, 1], activation: 'Clip' },
  { side: 40, stride: 2, pads: [0, 2, 1, 0] },
  // An infinite weight: where its tap falls in the padding the reference adds ∞·0 = NaN (the
  // centre tap never does; a corner tap does on every route).
  { side: 7, stride: 1, pads: [1, 1, 1, 1], infWeight: 4 },
  { side: 7, stride: 1, pads: [1, 1, 1, 1], infWeight: 0 },
  { side: 56, stride: 2, pads: [1, 1, 1, 1], infWeight: 0 },
  { side: 6, kernel: 5, stride: 2, pads: [2, 2, 2, 2], infWeight: 0 },
  { side: 6, kernel: 5, stride: 2, pads: [2, 2, 2, 2], activation: 'Clip' },
  { side: 4, kernel: 1, stride: 1, pads: [0, 0, 0, 0] },
  // A float32 lower bound of 0 (Relu, Clip(0, hi)) takes the branch-free max in the interior pairs:
  // -∞ sums must still clamp to 0 and NaN pass; odd interior widths leave one output to the single loop.
  { side: 29, stride: 1, pads: [1, 1, 1, 1], activation: 'Relu', infWeight: 4 },
  { side: 29, stride: 2, pads: [1, 1, 1, 1], activation: 'Relu', infWeight: 0 },
  { side: 30, stride: 1, pads: [1, 1, 1, 1], activation: 'Clip', clip: [0, 0.5], infWeight: 4 },
  { side: 14, stride: 2, pads: [0, 0, 0, 0], activation: 'Clip', clip: [0, 0.5] },
);

describe('cpu depthwise Conv vs reference', () => {
  for (const c of CASES) {
    const name = `${c.kernel ?? 3}×${c.kernel ?? 3} on ${c.side}×${c.side}, stride ${c.stride}, pads [${c.pads}]${c.activation ? `, ${c.activation}${c.clip ? `(${c.clip})` : ''}` : ''}${c.infWeight !== undefined ? `, an infinite weight at tap ${c.infWeight}` : ''}`;
    it(name, async () => { await check(c); });
  }
});

// graphOptimizationLevel 'all' packs constant GEMM/Conv weights when the session is created
// (KernelConfig.prepare), not in the first run, and the results do not change.
import { describe, expect, it } from 'vitest';
import { Tensor } from '../../src/ir/tensor.js';
import { currentRuntime } from '../../src/kernels/wasm/runtime.js';
import { InferenceSession } from '../../src/runtime/inference-session.js';
import { buildModelBytes } from '../../src/tools/model-builder.js';

const ramp = (n: number, scale: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(i * 0.37) * scale);

// Conv 3×3 (packed filters), depthwise 3×3 (staged raw), MatMul and Gemm with transB (packed B panels).
const bytes = buildModelBytes({
  opset: 17,
  nodes: [
    { op: 'Conv', inputs: ['x', 'w', 'wb'], outputs: ['c'], attrs: { pads: [1, 1, 1, 1] } },
    { op: 'Conv', inputs: ['c', 'dw'], outputs: ['d'], attrs: { pads: [1, 1, 1, 1], group: 8 } },
    { op: 'Reshape', inputs: ['d', 'shape'], outputs: ['r'] },
    { op: 'MatMul', inputs: ['r', 'm'], outputs: ['mm'] },
    { op: 'Gemm', inputs: ['mm', 'g'], outputs: ['y'], attrs: { transB: 1 } },
  ],
  inputs: [['x', 'float32', [1, 3, 6, 6]]],
  outputs: [['y', 'float32', [8, 5]]],
  initializers: {
    w: new Tensor('float32', ramp(8 * 3 * 9, 0.3), [8, 3, 3, 3]),
    wb: new Tensor('float32', ramp(8, 0.1), [8]),
    dw: new Tensor('float32', ramp(8 * 9, 0.2), [8, 1, 3, 3]),
    shape: new Tensor('int64', new BigInt64Array([8n, 36n]), [2]),
    m: new Tensor('float32', ramp(36 * 12, 0.1), [36, 12]),
    g: new Tensor('float32', ramp(5 * 12, 0.1), [5, 12]),
  },
});
const x = new Tensor('float32', ramp(3 * 36, 1), [1, 3, 6, 6]);
const WEIGHTS = ['w', 'dw', 'm', 'g'];

describe('wasm weights packed at session creation', () => {
  it("'all' packs every constant weight before the first run; 'extended' packs them in it", async () => {
    const all = await InferenceSession.create(bytes, { executionProviders: ['wasm'], graphOptimizationLevel: 'all' });
    const rt = currentRuntime();
    // Level 'all' may rewrite Gemm's B (pre-transposed); look the weights up by the names the graph now uses.
    const weightsOf = (s: InferenceSession) => s.model.graph.nodes
      .filter((n) => ['Conv', 'MatMul', 'Gemm'].includes(n.op)).map((n) => s.model.graph.initializers.get(n.inputs[1])!);
    expect(weightsOf(all)).toHaveLength(WEIGHTS.length);
    for (const w of weightsOf(all)) expect(rt.hasResident(w)).toBe(true);

    const extended = await InferenceSession.create(bytes, { executionProviders: ['wasm'], graphOptimizationLevel: 'extended' });
    for (const w of weightsOf(extended)) expect(rt.hasResident(w)).toBe(false);
    const expected = await extended.run({ x });
    for (const w of weightsOf(extended)) expect(rt.hasResident(w)).toBe(true);

    const got = await all.run({ x });
    expect(Array.from((got.y as Tensor).data as Float32Array)).toEqual(Array.from((expected.y as Tensor).data as Float32Array));
  });
});

describe('wasm Winograd filters packed at session creation', () => {
  it("'all' transforms and packs a 3×3 filter for the Winograd route before the first run", async () => {
    const model = buildModelBytes({
      opset: 17,
      nodes: [{ op: 'Conv', inputs: ['x', 'w', 'b'], outputs: ['y'], attrs: { pads: [1, 1, 1, 1] } }],
      inputs: [['x', 'float32', [1, 16, 6, 6]]],
      outputs: [['y', 'float32', [1, 16, 6, 6]]],
      initializers: { w: new Tensor('float32', ramp(16 * 16 * 9, 0.2), [16, 16, 3, 3]), b: new Tensor('float32', ramp(16, 0.1), [16]) },
    });
    const input = new Tensor('float32', ramp(16 * 36, 1), [1, 16, 6, 6]);
    const all = await InferenceSession.create(model, { executionProviders: ['wasm'], graphOptimizationLevel: 'all' });
    const w = all.model.graph.initializers.get('w')!;
    expect(currentRuntime().hasResident(w)).toBe(true);
    const extended = await InferenceSession.create(model, { executionProviders: ['wasm'], graphOptimizationLevel: 'extended' });
    const got = await all.run({ x: input }), expected = await extended.run({ x: input });
    expect(Array.from((got.y as Tensor).data as Float32Array)).toEqual(Array.from((expected.y as Tensor).data as Float32Array));
  });
});

/**
 * Intra-op threads: a session with intraOpNumThreads 2 splits its GEMMs across a worker over
 * shared memory and gets the same results as one thread; release() ends the workers.
 */
import { describe, expect, it } from 'vitest';
import { Tensor } from '../../src/ir/tensor.js';
import { InferenceSession } from '../../src/runtime/inference-session.js';
import { buildModelBytes } from '../../src/tools/model-builder.js';
import { threadPool } from '../../src/kernels/wasm/threads.js';
import { randomTensor } from './harness.js';

function matmulConvModel(): Uint8Array {
  return buildModelBytes({
    opset: 17,
    nodes: [
      { op: 'Conv', inputs: ['x', 'w', 'b'], outputs: ['c'], attrs: { pads: [1, 1, 1, 1] } },
      { op: 'Relu', inputs: ['c'], outputs: ['r'] },
      { op: 'Reshape', inputs: ['r', 'shape'], outputs: ['f'] },
      { op: 'MatMul', inputs: ['f', 'm'], outputs: ['y'] },
    ],
    inputs: [['x', 'float32', [1, 16, 40, 40]]],
    outputs: [['y', 'float32', [16, 33]]],
    initializers: {
      w: randomTensor([32, 16, 3, 3], 1), b: randomTensor([32], 2), m: randomTensor([3200, 33], 3),
      shape: new Tensor('int64', new BigInt64Array([16n, 3200n]), [2]),
    },
  });
}

describe('wasm intra-op threads', () => {
  it('intraOpNumThreads=2 matches 1 thread and the reference; release() stops the workers', async () => {
    const bytes = matmulConvModel();
    const x = randomTensor([1, 16, 40, 40], 4);
    const one = await InferenceSession.create(bytes, { executionProviders: ['wasm'] });
    const two = await InferenceSession.create(bytes, { executionProviders: ['wasm'], intraOpNumThreads: 2 });
    const ref = await InferenceSession.create(bytes, { executionProviders: ['reference'] });
    expect(threadPool()?.threads).toBe(2);
    const [y1, y2, yr] = [await one.run({ x }), await two.run({ x }), await ref.run({ x })].map((r) => r.y as Tensor);
    expect(two.plan.find((s) => s.node.op === 'MatMul')?.provider).toBe('wasm');
    expect(Array.from(y2.data as Float32Array)).toEqual(Array.from(y1.data as Float32Array));
    const a = y1.data as Float32Array, r = yr.data as Float32Array;
    for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - r[i])).toBeLessThanOrEqual(1e-3 * (1 + Math.abs(r[i])));
    await two.release();
    expect(threadPool()).toBeUndefined();
    await one.release();
    await ref.release();
  });
});

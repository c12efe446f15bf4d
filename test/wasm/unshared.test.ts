// The wasm provider on an unshared memory, as in a browser page without cross-origin isolation:
// no block can be lent (growing the memory would detach every view), so each kernel writes
// scratch and copies its result out. Node always offers shared memory; ONNX_TS_WASM_SHARED=0,
// set before the runtime's module loads (vitest gives each test file its own modules), takes this
// path. A session whose kernels grow the memory between runs must still give the right outputs.
import { afterAll, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => { process.env.ONNX_TS_WASM_SHARED = '0'; });
afterAll(() => { delete process.env.ONNX_TS_WASM_SHARED; });

const { Tensor } = await import('../../src/ir/tensor.js');
const { getRuntime } = await import('../../src/kernels/wasm/runtime.js');
const { InferenceSession } = await import('../../src/runtime/inference-session.js');
const { buildModelBytes } = await import('../../src/tools/model-builder.js');
const { randomTensor } = await import('./harness.js');

describe('wasm provider on an unshared memory', () => {
  it('lends no block and matches the reference, also after the memory grows', async () => {
    // Conv → Relu → Concat → MatMul: the wasm kernels of every output path (GEMM, elementwise, Concat).
    const bytes = buildModelBytes({
      opset: 17,
      nodes: [
        { op: 'Conv', inputs: ['x', 'w', 'b'], outputs: ['c'], attrs: { pads: [1, 1, 1, 1], kernel_shape: [3, 3] } },
        { op: 'Relu', inputs: ['c'], outputs: ['r'] },
        { op: 'Concat', inputs: ['r', 'c'], outputs: ['k'], attrs: { axis: 1 } },
        { op: 'Reshape', inputs: ['k', 'shape'], outputs: ['f'] },
        { op: 'MatMul', inputs: ['f', 'm'], outputs: ['y'] },
      ],
      inputs: [['x', 'float32', [1, 16, 'H', 'W']], ['shape', 'int64', [2]]],
      outputs: [['y', 'float32']],
      initializers: { w: randomTensor([16, 16, 3, 3], 1), b: randomTensor([16], 2), m: randomTensor([64, 8], 3) },
    });
    const wasm = await InferenceSession.create(bytes, { executionProviders: ['wasm', 'cpu'] });
    const reference = await InferenceSession.create(bytes, { executionProviders: ['reference'] });
    const rt = await getRuntime();
    expect(rt.shared).toBe(false);
    // Growing inputs: later runs need more scratch, so the memory grows between and within runs.
    for (const side of [8, 32, 96]) {
      const feeds = {
        x: randomTensor([1, 16, side, side], side),
        shape: new Tensor('int64', new BigInt64Array([BigInt((32 * side * side) / 64), 64n]), [2]),
      };
      const got = (await wasm.run(feeds)).y as InstanceType<typeof Tensor>;
      const want = (await reference.run(feeds)).y as InstanceType<typeof Tensor>;
      expect(got.dims).toEqual(want.dims);
      const g = got.data as Float32Array, r = want.data as Float32Array;
      let worst = 0;
      for (let i = 0; i < g.length; i++) worst = Math.max(worst, Math.abs(g[i] - r[i]) / (1 + Math.abs(r[i])));
      expect(worst).toBeLessThan(1e-4);
    }
    expect(rt.heapStats.lent).toBe(0);
  });
});

// Activations resident in wasm memory: the runtime's heap lends blocks to the sessions' buffer
// pools (src/kernels/wasm/runtime.ts, src/runtime/buffer-pool.ts), wasm kernels write their outputs
// there and read their inputs in place. These tests check the heap's bookkeeping and that a block
// is never recycled under a live reader: views, in-place cpu kernels, subgraphs that pass an outer
// value through, sequences, failed runs and released sessions; and that packed weights leave the
// heap with their graph.
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tensor } from '../../src/ir/tensor.js';
import { getRuntime, WasmRuntime } from '../../src/kernels/wasm/runtime.js';
import { InferenceSession } from '../../src/runtime/inference-session.js';
import { buildGraph, buildModelBytes } from '../../src/tools/model-builder.js';

describe('wasm heap', () => {
  it('reuses a given-back block first-fit, and finds the block of any view into it', () => {
    const rt = new WasmRuntime(true, false);
    const a = rt.lend(1000)!, b = rt.lend(1000)!;
    expect(b.ptr).toBeGreaterThanOrEqual(a.ptr + 1000 + 64);
    const view = rt.view(a, Float32Array, 250) as Float32Array;
    expect(rt.blockOf(view)).toBe(a);
    expect(rt.blockOf(view.subarray(10, 20))).toBe(a);
    expect(rt.blockOf(new Float32Array(250))).toBeUndefined();
    // A kernel reads a view of this memory where it is.
    expect(rt.copyIn(view.subarray(10))).toBe(a.ptr + 40);
    rt.reclaim(a);
    expect(rt.blockOf(view)).toBeUndefined();
    const c = rt.lend(500)!;
    expect(c.ptr).toBe(a.ptr);
    rt.reclaim(b);
    rt.reclaim(c);
    expect(rt.heapStats).toMatchObject({ used: 0, lent: 0 });
  });

  it('places a block needed during a kernel call above its scratch, and frees that scratch after the call', () => {
    const rt = new WasmRuntime(true, false);
    let scratch = 0, block = 0;
    rt.kernelCall({}, () => {
      scratch = rt.alloc(4096);
      rt.f32.fill(7, scratch >> 2, (scratch >> 2) + 1024);
      block = rt.lend(256)!.ptr;
      expect(block).toBeGreaterThanOrEqual(scratch + 4096);
      // The scratch under the block is still this call's.
      expect(rt.f32[(scratch >> 2) + 1023]).toBe(7);
    });
    expect(rt.heapStats.free).toBeGreaterThanOrEqual(4096);
    expect(rt.lend(2048)!.ptr).toBeLessThan(block);
  });

  it('lends nothing from an unshared memory (growing it would detach every view), nor past the 4 GiB maximum', () => {
    expect(new WasmRuntime(false, false).lend(16)).toBeUndefined();
    const rt = new WasmRuntime(true, false);
    expect(rt.lend(5 * 2 ** 30)).toBeUndefined();
    expect(rt.heapStats).toMatchObject({ used: 0, lent: 0 });
    expect(rt.lend(16)).toBeDefined();
  });
});

describe('sessions with activations in wasm memory', () => {
  const w = new Tensor('float32', Float32Array.from({ length: 64 }, (_, i) => ((i * 7) % 11) / 11 - 0.4), [8, 8]);
  const outer = buildGraph({ nodes: [], inputs: [], outputs: [['r', 'float32']] });
  const copied = buildGraph({ nodes: [{ op: 'Identity', inputs: ['r'], outputs: ['ri'] }], inputs: [], outputs: [['ri', 'float32']] });
  // r (wasm Relu) is read by MatMul, by both If branches (one returns it as is, one through an
  // Identity view) and by the Add after the If; n (cpu Neg) may be written in place over m.
  const bytes = buildModelBytes({
    opset: 17,
    nodes: [
      { op: 'Relu', inputs: ['x'], outputs: ['r'] },
      { op: 'MatMul', inputs: ['r', 'w'], outputs: ['m'] },
      { op: 'Neg', inputs: ['m'], outputs: ['n'] },
      { op: 'Add', inputs: ['n', 'r'], outputs: ['s'] },
      { op: 'If', inputs: ['cond'], outputs: ['f'], attrs: { then_branch: outer, else_branch: copied } },
      { op: 'Add', inputs: ['f', 'r'], outputs: ['t'] },
      { op: 'SequenceConstruct', inputs: ['s', 't'], outputs: ['seq'] },
      { op: 'SequenceAt', inputs: ['seq', 'one'], outputs: ['u'] },
      { op: 'Relu', inputs: ['u'], outputs: ['v'] },
    ],
    inputs: [['x', 'float32', [4, 8]], ['cond', 'bool', []]],
    outputs: [['s', 'float32', [4, 8]], ['v', 'float32', [4, 8]], ['t', 'float32', [4, 8]]],
    initializers: { w, one: new Tensor('int64', new BigInt64Array([1n]), []) },
  });
  const feeds = (k: number, c: boolean) => ({
    x: new Tensor('float32', Float32Array.from({ length: 32 }, (_, i) => Math.sin(i * k) * 2), [4, 8]),
    cond: new Tensor('bool', new Uint8Array([c ? 1 : 0]), []),
  });
  let poisonBefore: string | undefined;
  beforeAll(() => { poisonBefore = process.env.ONNX_TS_POISON_POOL; process.env.ONNX_TS_POISON_POOL = '1'; });
  afterAll(() => { if (poisonBefore === undefined) delete process.env.ONNX_TS_POISON_POOL; else process.env.ONNX_TS_POISON_POOL = poisonBefore; });

  it('gives the same outputs as without the pool, on the host, and leaves earlier outputs alone', async () => {
    const plain = await InferenceSession.create(bytes, { executionProviders: ['wasm', 'cpu'], enableMemPattern: false, graphOptimizationLevel: 'disabled' });
    const pooled = await InferenceSession.create(bytes, { executionProviders: ['wasm', 'cpu'], graphOptimizationLevel: 'disabled' });
    const rt = await getRuntime();
    const lentBefore = rt.heapStats.lent;
    let previous: { out: Record<string, unknown>; copy: Float32Array[] } | undefined;
    for (const [k, c] of [[1, true], [2, false], [3, true], [4, false]] as const) {
      const expected = await plain.run(feeds(k, c));
      const got = await pooled.run(feeds(k, c));
      for (const name of ['s', 'v', 't']) {
        const data = (got[name] as Tensor).data as Float32Array;
        expect(data.buffer).toBeInstanceOf(ArrayBuffer);
        expect(data).toEqual((expected[name] as Tensor).data);
      }
      if (previous) ['s', 'v', 't'].forEach((name, i) => expect((previous!.out[name] as Tensor).data).toEqual(previous!.copy[i]));
      previous = { out: got, copy: ['s', 'v', 't'].map((name) => ((got[name] as Tensor).data as Float32Array).slice()) };
    }
    // The wasm kernels wrote into lent blocks, and every block went back when the session did.
    expect(rt.heapStats.lent).toBeGreaterThan(lentBefore);
    expect(pooled.memoryStats!.liveBytes).toBe(0);
    await pooled.release();
    expect(rt.heapStats.lent).toBe(lentBefore);
  });

  it('frees a session\'s packed weights once its graph is garbage', async () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const rt = await getRuntime();
    const usedBefore = rt.heapStats.used;
    const weights = buildModelBytes({
      opset: 17,
      nodes: [{ op: 'MatMul', inputs: ['x', 'w'], outputs: ['y'] }],
      inputs: [['x', 'float32', [2, 256]]], outputs: [['y', 'float32', [2, 256]]],
      initializers: { w: new Tensor('float32', new Float32Array(256 * 256).fill(0.5), [256, 256]) },
    });
    await (async () => {
      const session = await InferenceSession.create(weights, { executionProviders: ['wasm'] });
      await session.run({ x: new Tensor('float32', new Float32Array(512).fill(1), [2, 256]) });
      await session.release();
    })();
    // The packed copy of w (256 KiB) is resident until w is collected; finalizers run as tasks of their own.
    expect(rt.heapStats.used).toBeGreaterThanOrEqual(usedBefore + 256 * 256 * 4);
    for (let i = 0; i < 100 && rt.heapStats.used > usedBefore; i++) {
      gc();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(rt.heapStats.used).toBeLessThanOrEqual(usedBefore);
  });

  it('gives a failed run\'s blocks back to the pool', async () => {
    const failing = buildModelBytes({
      opset: 17,
      nodes: [
        { op: 'Relu', inputs: ['x'], outputs: ['r'] },
        { op: 'Relu', inputs: ['r'], outputs: ['r2'] },
        { op: 'Reshape', inputs: ['r', 'shape'], outputs: ['y'] },
        { op: 'Add', inputs: ['y', 'r2'], outputs: ['z'] },
      ],
      inputs: [['x', 'float32', [4, 8]], ['shape', 'int64', [2]]],
      outputs: [['z', 'float32']],
    });
    const session = await InferenceSession.create(failing, { executionProviders: ['wasm', 'cpu'], graphOptimizationLevel: 'disabled' });
    const x = feeds(1, true).x;
    await expect(session.run({ x, shape: new Tensor('int64', new BigInt64Array([5n, 7n]), [2]) })).rejects.toThrow(/Reshape/);
    expect(session.memoryStats!.liveBytes).toBe(0);
    const ok = await session.run({ x, shape: new Tensor('int64', new BigInt64Array([4n, 8n]), [2]) });
    const r = Array.from(x.data as Float32Array, (v) => Math.max(0, v));
    expect(Array.from((ok.z as Tensor).data as Float32Array)).toEqual(r.map((v) => Math.fround(v + v)));
    await session.release();
  });
});

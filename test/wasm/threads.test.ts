/**
 * Intra-op threads: a session with intraOpNumThreads 2 splits its GEMMs, im2col, depthwise convs,
 * pools and attention heads across a worker over shared memory and gets the same results as one thread; a dead
 * worker does not hang a run; release() ends the workers.
 */
import { describe, expect, it } from 'vitest';
import { FUSED_DOMAIN } from '../../src/ir/ops/fused/compose.js';
import { Tensor } from '../../src/ir/tensor.js';
import { InferenceSession } from '../../src/runtime/inference-session.js';
import { buildModelBytes } from '../../src/tools/model-builder.js';
import { getRuntime } from '../../src/kernels/wasm/runtime.js';
import { acquireThreads, count, offset, splitCall, threadPool } from '../../src/kernels/wasm/threads.js';
import { gemmSplitByRows } from '../../src/kernels/wasm/selection.js';
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

/**
 * Conv 3×3 (im2col by channels, GEMM by B panels: M < N) → Relu → depthwise 3×3 on 30 columns (the
 * row tail is not a whole vector) → MaxPool → Conv 1×1 with M > N (GEMM by A rows, row bias), each
 * above its split threshold in selection.ts; 510 rows is not a whole number of MR-row blocks.
 */
function convModel(): Uint8Array {
  return buildModelBytes({
    opset: 17,
    nodes: [
      { op: 'Conv', inputs: ['x', 'w1', 'b1'], outputs: ['c1'], attrs: { pads: [1, 1, 1, 1] } },
      { op: 'Relu', inputs: ['c1'], outputs: ['r1'] },
      { op: 'Conv', inputs: ['r1', 'wd', 'bd'], outputs: ['d1'], attrs: { pads: [1, 1, 1, 1], group: 256 } },
      { op: 'MaxPool', inputs: ['d1'], outputs: ['p1'], attrs: { kernel_shape: [3, 3], pads: [1, 1, 1, 1], strides: [2, 2] } },
      { op: 'Conv', inputs: ['p1', 'w2', 'b2'], outputs: ['y'] },
    ],
    inputs: [['x', 'float32', [1, 32, 40, 40]]],
    outputs: [['y', 'float32', [1, 510, 19, 19]]],
    initializers: {
      w1: randomTensor([256, 32, 3, 3], 11), b1: randomTensor([256], 12), wd: randomTensor([256, 1, 3, 3], 13),
      bd: randomTensor([256], 14), w2: randomTensor([510, 256, 2, 2], 15), b2: randomTensor([510], 16),
    },
  });
}

/**
 * Runs `bytes` on 1 and on 2 threads until the worker has taken part (a worker still starting, or
 * descheduled on a loaded box, claims nothing), checks every 2-thread result equals the 1-thread one
 * exactly, and that `fn` ('module:export') was split.
 */
async function splitsAndMatches(bytes: Uint8Array, feeds: Record<string, Tensor>, fn: string): Promise<void> {
  const one = await InferenceSession.create(bytes, { executionProviders: ['wasm'] });
  const two = await InferenceSession.create(bytes, { executionProviders: ['wasm'], intraOpNumThreads: 2 });
  const pool = threadPool()!;
  const y1 = (await one.run(feeds)).y as Tensor;
  const chunksBefore = pool.workerChunks;
  for (let i = 0; i < 200 && pool.workerChunks === chunksBefore; i++) {
    const y2 = (await two.run(feeds)).y as Tensor;
    expect(Array.from(y2.data as Float32Array)).toEqual(Array.from(y1.data as Float32Array));
    // A worker takes tens of ms to start and claims nothing until then; a small model's runs
    // (the recurrences: ~0.1 ms) would all be over first, so give it time now and then.
    if (i % 10 === 9) await new Promise((resolve) => setTimeout(resolve, 20));
  }
  expect(pool.workerChunks).toBeGreaterThan(chunksBefore);
  expect(pool.splits.get(fn)).toBeGreaterThan(0);
  await Promise.all([one.release(), two.release()]);
}

describe('wasm intra-op threads', () => {
  it('Conv model [wasm] intraOpNumThreads=2 splits every conv kernel and matches 1 thread exactly', async () => {
    const bytes = convModel();
    const x = randomTensor([1, 32, 40, 40], 17);
    const one = await InferenceSession.create(bytes, { executionProviders: ['wasm'] });
    const two = await InferenceSession.create(bytes, { executionProviders: ['wasm'], intraOpNumThreads: 2 });
    const pool = threadPool()!;
    expect(pool.threads).toBe(2);
    // The pool is shared by the process, but a 1-thread session never splits its kernels.
    const splitsBefore = [...pool.splits.values()].reduce((t, n) => t + n, 0);
    const y1 = (await one.run({ x })).y as Tensor;
    expect([...pool.splits.values()].reduce((t, n) => t + n, 0)).toBe(splitsBefore);
    // Until the worker has taken part: a worker still starting, or descheduled on a loaded box,
    // claims nothing and the caller does every chunk (same results, nothing to check).
    for (let i = 0; i < 50 && pool.workerChunks === 0; i++) {
      const y2 = (await two.run({ x })).y as Tensor;
      expect(Array.from(y2.data as Float32Array)).toEqual(Array.from(y1.data as Float32Array));
    }
    expect(pool.workerChunks).toBeGreaterThan(0);
    const y2 = (await two.run({ x })).y as Tensor;
    // The 3×3 conv takes Winograd (input and output transforms), the 2×2 one im2col.
    for (const fn of ['input', 'output', 'im2col', 'gemm', 'dwconv3x3', 'maxpool2d']) {
      expect([...pool.splits.keys()].some((k) => k.endsWith(`:${fn}`)), `${fn} split`).toBe(true);
    }
    // The wasm kernels against the reference: test/wasm/kernels.test.ts.
    expect(Array.from(y2.data as Float32Array)).toEqual(Array.from(y1.data as Float32Array));
    await Promise.all([one.release(), two.release()]);
    expect(threadPool()).toBeUndefined();
  });

  it('FusedAttention [wasm] intraOpNumThreads=2 splits its heads and matches 1 thread exactly', async () => {
    // 8 heads of 64 queries over 64 keys (D = 32): above minAttentionMacsPerThread for 2 threads.
    const S = 64, H = 8, D = 32, E = H * D;
    const bytes = buildModelBytes({
      opset: { '': 17, [FUSED_DOMAIN]: 1 },
      nodes: [{ op: 'FusedAttention', domain: FUSED_DOMAIN, inputs: ['qkv', '', '', 'mask'], outputs: ['y'], attrs: { num_heads: H, scale: { float: 0.18 } } }],
      inputs: [['qkv', 'float32', [S, 1, 3 * E]], ['mask', 'float32', [H, 1, S]]],
      outputs: [['y', 'float32', [S, 1, E]]],
    });
    const qkv = randomTensor([S, 1, 3 * E], 21), mask = randomTensor([H, 1, S], 22);
    (mask.data as Float32Array).forEach((v, i, m) => { m[i] = v > 0.5 ? -Infinity : 0; });
    await splitsAndMatches(bytes, { qkv, mask }, 'attention-f32-x4-wasmsimd:attention');
  });

  it('a few rows against a small B [wasm] (gemmSplitByRows: by A rows) on 2 threads match 1 thread exactly', async () => {
    // 14 rows (a partial MR block) × [96, 600]: 4·96·600 bytes of B ≤ 256 KiB, 806k MACs (2 threads).
    expect(gemmSplitByRows(14, 600, 96)).toBe(true);
    expect(gemmSplitByRows(14, 600, 512)).toBe(false);
    expect(gemmSplitByRows(1, 1000, 512)).toBe(false);
    const bytes = buildModelBytes({
      opset: 17, nodes: [{ op: 'MatMul', inputs: ['a', 'b'], outputs: ['y'] }],
      inputs: [['a', 'float32', [14, 96]]], outputs: [['y', 'float32', [14, 600]]], initializers: { b: randomTensor([96, 600], 31) },
    });
    await splitsAndMatches(bytes, { a: randomTensor([14, 96], 32) }, `${(await getRuntime()).gemmVariant}:gemm`);
  });

  it('ConvTranspose [wasm] intraOpNumThreads=2 splits col2im by channels and matches 1 thread exactly', async () => {
    // 32 output channels × 4 taps × 32² input pixels: twice minIm2colFloatsPerThread, so 2 threads.
    const bytes = buildModelBytes({
      opset: 17, nodes: [{ op: 'ConvTranspose', inputs: ['x', 'w', 'b'], outputs: ['y'], attrs: { strides: [2, 2] } }],
      inputs: [['x', 'float32', [1, 16, 32, 32]]], outputs: [['y', 'float32', [1, 32, 64, 64]]],
      initializers: { w: randomTensor([16, 32, 2, 2], 41), b: randomTensor([32], 42) },
    });
    const x = randomTensor([1, 16, 32, 32], 43);
    await splitsAndMatches(bytes, { x }, 'im2col-f32-2d-wasmsimd:col2im');
  });

  it('Resize linear [wasm] intraOpNumThreads=2 splits by planes and matches 1 thread exactly', async () => {
    // 32 planes of 64×64 outputs: twice minResizeOutputsPerThread, so 2 threads.
    const bytes = buildModelBytes({
      opset: 13, nodes: [{ op: 'Resize', inputs: ['x', '', 's'], outputs: ['y'], attrs: { mode: 'linear' } }],
      inputs: [['x', 'float32', [1, 32, 32, 32]]], outputs: [['y', 'float32', [1, 32, 64, 64]]],
      initializers: { s: new Tensor('float32', Float32Array.from([1, 1, 2, 2]), [4]) },
    });
    const x = randomTensor([1, 32, 32, 32], 44);
    await splitsAndMatches(bytes, { x }, 'resize-f32-linear2d-wasmsimd:linear2d');
  });

  for (const op of ['LSTM', 'GRU'] as const) {
    it(`bidirectional ${op} [wasm] intraOpNumThreads=2 runs each direction on its own thread and matches 1 thread exactly`, async () => {
      // H = 64 over 12 steps: 2·12·gates·64·64 recurrent MACs, at least twice minRecurrentMacsPerThread.
      const gates = op === 'LSTM' ? 4 : 3, H = 64, I = 24, seq = 12;
      const bytes = buildModelBytes({
        opset: 14, nodes: [{ op, inputs: ['x', 'w', 'r', 'b'], outputs: ['y'], attrs: { direction: 'bidirectional', hidden_size: H } }],
        inputs: [['x', 'float32', [seq, 1, I]]], outputs: [['y', 'float32', [seq, 2, 1, H]]],
        initializers: { w: randomTensor([2, gates * H, I], 51), r: randomTensor([2, gates * H, H], 52), b: randomTensor([2, 2 * gates * H], 53) },
      });
      const rt = await getRuntime();
      await splitsAndMatches(bytes, { x: randomTensor([seq, 1, I], 54) }, `${rt.recurrentVariants[op === 'LSTM' ? 'lstm' : 'gru']}:${op.toLowerCase()}`);
    });
  }

  it('a worker that dies does not hang a run: the caller finishes the work', async () => {
    const bytes = convModel();
    const x = randomTensor([1, 32, 40, 40], 18);
    const one = await InferenceSession.create(bytes, { executionProviders: ['wasm'] });
    const two = await InferenceSession.create(bytes, { executionProviders: ['wasm'], intraOpNumThreads: 2 });
    await two.run({ x });
    await threadPool()!.workers[0].terminate();
    const y2 = (await two.run({ x })).y as Tensor;
    const y1 = (await one.run({ x })).y as Tensor;
    expect(Array.from(y2.data as Float32Array)).toEqual(Array.from(y1.data as Float32Array));
    await Promise.all([one.release(), two.release()]);
  });

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

  it('a trap in a split call throws on the caller, and the next call runs', async () => {
    const lease = await acquireThreads(2);
    try {
      const rt = await getRuntime();
      // As a 2-thread session's kernel would (the wasm provider sets it per call).
      rt.threadLimit = 2;
      const x = rt.alloc(8 * 64), y = rt.alloc(8 * 64);
      // MaxPool 1×1 over 8 planes of 4×4, one plane per chunk; `out` past the memory's end traps.
      const call = (out: number) => splitCall('maxpool-f32-2d-wasmsimd:maxpool2d', 8, 1, 2,
        [offset(x, 64), offset(out, 64), count(1, 8), 4, 4, 1, 1, 1, 1, 1, 1, 0, 0, 4, 4], rt.pool.maxpool2d as never);
      for (let i = 0; i < 3; i++) expect(() => call(0x7fff0000)).toThrow(/out of bounds/);
      rt.f32.fill(0, x >> 2, (x >> 2) + 128);
      rt.f32.fill(1, x >> 2, (x >> 2) + 16);
      call(y);
      expect(rt.f32[y >> 2]).toBe(1);
      expect(rt.f32[(y >> 2) + 16]).toBe(0);
      rt.resetScratch();
    } finally {
      await lease.release();
    }
  });
});

// The run-time memory plan: buffers recycled across nodes and runs, in-place elementwise kernels,
// and the rules that keep it safe (outputs, views and sequences are never recycled under a holder).
import { describe, expect, it } from 'vitest';
import { Tensor } from '../../src/ir/tensor.js';
import { BufferPool, RunMemory } from '../../src/runtime/buffer-pool.js';
import { InferenceSession } from '../../src/runtime/inference-session.js';
import { buildModelBytes } from '../../src/tools/model-builder.js';

describe('BufferPool', () => {
  it('hands a returned buffer to the next request of the same size, and never a disowned one', () => {
    const pool = new BufferPool();
    const a = pool.alloc('float32', 16);
    pool.give(a.buffer as ArrayBuffer);
    const b = pool.alloc('int32', 16);
    expect(b.buffer).toBe(a.buffer);
    pool.disown(b.buffer);
    pool.give(b.buffer as ArrayBuffer);
    expect(pool.alloc('float32', 16).buffer).not.toBe(b.buffer);
    expect(pool.stats).toMatchObject({ reused: 1, created: 2 });
  });

  it('poisons recycled buffers so that unwritten elements show', () => {
    const pool = new BufferPool(true);
    const a = pool.alloc('float32', 4);
    pool.give(a.buffer as ArrayBuffer);
    expect(Number.isNaN(pool.alloc('float32', 4)[0])).toBe(true);
  });

  it('recycles a buffer only when the last live view of it dies', () => {
    const pool = new BufferPool();
    const mem = new RunMemory(pool);
    const data = pool.alloc('float32', 6) as Float32Array;
    const t = new Tensor('float32', data, [2, 3]);
    const view = t.reshape([6]);
    mem.hold(t);
    mem.hold(view);
    expect(mem.exclusive(t)).toBe(false);
    mem.drop(t);
    expect(mem.exclusive(view)).toBe(true);
    expect(pool.alloc('float32', 6).buffer).not.toBe(data.buffer);
    mem.drop(view);
    expect(pool.alloc('float32', 6).buffer).toBe(data.buffer);
  });

  it('never recycles the tensors of a sequence', () => {
    const pool = new BufferPool();
    const mem = new RunMemory(pool);
    const t = new Tensor('float32', pool.alloc('float32', 2) as Float32Array, [2]);
    mem.hold(t);
    mem.hold([t]);
    mem.drop(t);
    expect(pool.alloc('float32', 2).buffer).not.toBe((t.data as Float32Array).buffer);
  });
});

describe('sessions with the buffer pool', () => {
  // Exp runs where `n` dies but the view `flat` of it is still needed by Mul: writing Exp in place
  // over n would change `flat`. `unread` is an output nobody reads (freed right away).
  const bytes = buildModelBytes({
    opset: 17,
    nodes: [
      { op: 'Relu', inputs: ['x'], outputs: ['r'] },
      { op: 'Add', inputs: ['r', 'x'], outputs: ['s'] },
      { op: 'Neg', inputs: ['s'], outputs: ['n'] },
      { op: 'Abs', inputs: ['n'], outputs: ['unread'] },
      { op: 'Reshape', inputs: ['n', 'shape'], outputs: ['flat'] },
      { op: 'Exp', inputs: ['n'], outputs: ['e'] },
      { op: 'Reshape', inputs: ['e', 'shape'], outputs: ['eflat'] },
      { op: 'Mul', inputs: ['flat', 'eflat'], outputs: ['m'] },
      { op: 'Sigmoid', inputs: ['m'], outputs: ['y'] },
    ],
    inputs: [['x', 'float32', [4, 8]]],
    outputs: [['y', 'float32', [32]], ['s', 'float32', [4, 8]]],
    initializers: { shape: new Tensor('int64', new BigInt64Array([32n]), [1]) },
  });
  const x = new Tensor('float32', Float32Array.from({ length: 32 }, (_, i) => (i - 16) / 8), [4, 8]);

  for (const providers of [['cpu'], ['wasm', 'cpu']]) {
    it(`${providers.join(',')}: recycles between runs without changing results or earlier outputs`, async () => {
      const plain = await InferenceSession.create(bytes, { executionProviders: providers, enableMemPattern: false, graphOptimizationLevel: 'disabled' });
      const pooled = await InferenceSession.create(bytes, { executionProviders: providers, graphOptimizationLevel: 'disabled' });
      const expected = await plain.run({ x });
      const first = await pooled.run({ x });
      const firstY = (first.y as Tensor).data.slice();
      const createdAfterFirst = pooled.memoryStats!.created;
      const second = await pooled.run({ x });
      for (const name of ['y', 's']) {
        expect((second[name] as Tensor).data).toEqual((expected[name] as Tensor).data);
      }
      // The first run's outputs are the caller's: the second run did not write over them.
      expect((first.y as Tensor).data).toEqual(firstY);
      expect(second.y).not.toBe(first.y);
      // Steady state: only the two graph outputs are new storage.
      expect(pooled.memoryStats!.created - createdAfterFirst).toBeLessThanOrEqual(2);
      expect(pooled.memoryStats!.reused).toBeGreaterThan(0);
      // The input fed by the caller is never written.
      expect((x.data as Float32Array)[0]).toBe(-2);
    });
  }

  it('does not recycle while an onNode callback sees the tensors', async () => {
    const session = await InferenceSession.create(bytes, { executionProviders: ['cpu'], graphOptimizationLevel: 'disabled' });
    const seen: Tensor[] = [];
    await session.run({ x }, { onNode: (e) => seen.push(...(e.outputs as Tensor[])) });
    const copies = seen.map((t) => (t.data as Float32Array).slice());
    await session.run({ x });
    seen.forEach((t, i) => expect(t.data).toEqual(copies[i]));
  });
});

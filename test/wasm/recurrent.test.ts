/**
 * The wasm LSTM and GRU kernels (one recurrence module call per direction) against the reference,
 * every output (Y, Y_h and, for LSTM, Y_c): hidden sizes that are not a multiple of 4 (padded gate
 * blocks) or of the 16-column R panels, batch > 1, each direction, with and without bias and
 * initial state, constant (resident, packed once) and non-constant weights, both GRU
 * linear_before_reset modes, a run repeated on the same tensors (resident reuse), and a session
 * whose projection GEMM is split across the intra-op threads.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveAttrs } from '../../src/ir/ops/attrs.js';
import { getOpSpec } from '../../src/ir/ops/index.js';
import type { AttrSpec, Value } from '../../src/ir/ops/spec.js';
import type { Graph, Node } from '../../src/ir/model.js';
import type { Tensor } from '../../src/ir/tensor.js';
import { InferenceSession } from '../../src/runtime/inference-session.js';
import { buildModelBytes } from '../../src/tools/model-builder.js';
import type { KernelContext } from '../../src/kernels/kernel.js';
import { WASM_KERNELS } from '../../src/kernels/wasm/provider.js';
import { getRuntime } from '../../src/kernels/wasm/runtime.js';
import { threadPool } from '../../src/kernels/wasm/threads.js';
import { randomTensor, worstError } from './harness.js';

beforeAll(async () => { await getRuntime(); });

/** Every output of the wasm kernel and of the reference; `runs` repeats the wasm call on the same context. */
async function runAll(op: 'LSTM' | 'GRU', inputs: (Tensor | undefined)[], attrs: Record<string, unknown>, constant: number[], runs = 1) {
  const spec = getOpSpec('', op)!;
  const names = inputs.map((t, i) => (t ? `in${i}` : ''));
  const attributes = new Map(Object.entries(attrs).map(([name, value]) => [name,
    { name, type: (spec.attributes as Record<string, AttrSpec>)[name].type, value: value as never }]));
  const outputs = op === 'LSTM' ? ['y', 'yh', 'yc'] : ['y', 'yh'];
  const node: Node = { name: 'n', op, domain: '', inputs: names, outputs, attributes };
  const graph: Graph = { name: 'g', nodes: [node], inputs: [], outputs: [], initializers: new Map(), valueInfo: new Map() };
  for (const i of constant) if (inputs[i]) graph.initializers.set(names[i], inputs[i]!);
  const resolved = resolveAttrs(spec, node, 14);
  const ctx: KernelContext = {
    node, graph, version: 14, opset: 14, outputCount: outputs.length, provider: 'wasm',
    runGraph: async () => [], random: () => Math.random,
  };
  const kernel = WASM_KERNELS.find((k) => k.op === op && k.domain === '')!;
  expect(kernel.supports?.(node, resolved) ?? true).toBe(true);
  // Count the recurrence module's calls, so that a silent fallback to the reference cannot pass.
  const rt = await getRuntime() as unknown as Record<'lstm' | 'gru', Record<string, (...a: number[]) => void>>;
  const key = op === 'LSTM' ? 'lstm' : 'gru';
  const module = rt[key];
  let calls = 0;
  rt[key] = { [key]: (...a: number[]) => { calls++; module[key](...a); } };
  let wasm: Tensor[] = [];
  try {
    for (let i = 0; i < runs; i++) wasm = (await kernel.run(ctx, inputs, resolved)) as Tensor[];
  } finally {
    rt[key] = module;
  }
  expect(calls).toBe(runs * (attrs.direction === 'bidirectional' ? 2 : 1));
  const ref = (await spec.reference({ ...ctx, inputs: inputs as (Value | undefined)[], attrs: resolved as never })) as Tensor[];
  return { wasm, ref };
}

interface Case { seq: number; batch: number; I: number; H: number; dir: string; bias: boolean; init: boolean; constant: boolean; lbr?: number }

function label(op: string, c: Case): string {
  return `${op}-v14 [wasm] seq=${c.seq} batch=${c.batch} input=${c.I} hidden=${c.H} ${c.dir}${c.bias ? ' bias' : ''}` +
    `${c.init ? ' initial state' : ''}${c.constant ? ' constant weights' : ''}${c.lbr !== undefined ? ` linear_before_reset=${c.lbr}` : ''}`;
}

async function check(op: 'LSTM' | 'GRU', c: Case, seed: number, runs = 1): Promise<void> {
  const gates = op === 'LSTM' ? 4 : 3;
  const dirs = c.dir === 'bidirectional' ? 2 : 1;
  const state = () => (c.init ? randomTensor([dirs, c.batch, c.H], seed + 5) : undefined);
  const inputs = [randomTensor([c.seq, c.batch, c.I], seed), randomTensor([dirs, gates * c.H, c.I], seed + 1),
    randomTensor([dirs, gates * c.H, c.H], seed + 2), c.bias ? randomTensor([dirs, 2 * gates * c.H], seed + 3) : undefined, undefined, state()];
  if (op === 'LSTM') inputs.push(c.init ? randomTensor([dirs, c.batch, c.H], seed + 6) : undefined);
  const attrs: Record<string, unknown> = { direction: c.dir, hidden_size: c.H };
  if (c.lbr !== undefined) attrs.linear_before_reset = c.lbr;
  const { wasm, ref } = await runAll(op, inputs, attrs, c.constant ? [1, 2, 3] : [], runs);
  expect(wasm.length).toBe(ref.length);
  wasm.forEach((t, i) => {
    expect(t.dims).toEqual(ref[i].dims);
    expect(worstError(t, ref[i])).toBeLessThanOrEqual(1);
  });
}

const SHAPES: Case[] = [
  { seq: 5, batch: 1, I: 7, H: 6, dir: 'forward', bias: true, init: false, constant: true },
  { seq: 4, batch: 3, I: 5, H: 9, dir: 'reverse', bias: false, init: true, constant: true },
  { seq: 6, batch: 2, I: 8, H: 16, dir: 'bidirectional', bias: true, init: true, constant: false },
  { seq: 3, batch: 2, I: 3, H: 1, dir: 'bidirectional', bias: true, init: true, constant: true },
  { seq: 7, batch: 1, I: 32, H: 64, dir: 'bidirectional', bias: true, init: false, constant: true },
  { seq: 2, batch: 5, I: 11, H: 13, dir: 'forward', bias: true, init: true, constant: false },
  { seq: 1, batch: 1, I: 1, H: 37, dir: 'reverse', bias: true, init: true, constant: true },
];

describe('LSTM [wasm] recurrence module', () => {
  SHAPES.forEach((c, i) => it(label('LSTM', c), async () => { await check('LSTM', c, 100 + 10 * i); }));
  it('LSTM-v14 [wasm] the second run on resident weights matches', async () => {
    await check('LSTM', SHAPES[2], 300, 2);
    await check('LSTM', { ...SHAPES[4], constant: true }, 310, 3);
  });
  it('LSTM-v14 [wasm] large pre-activations saturate the gates without NaN', async () => {
    const c = { seq: 4, batch: 1, I: 4, H: 8, dir: 'forward', bias: true, init: true, constant: true };
    const x = randomTensor([c.seq, c.batch, c.I], 320);
    (x.data as Float32Array).forEach((v, i, a) => { a[i] = v * 200; });
    const inputs = [x, randomTensor([1, 4 * c.H, c.I], 321), randomTensor([1, 4 * c.H, c.H], 322), randomTensor([1, 8 * c.H], 323),
      undefined, randomTensor([1, 1, c.H], 324), randomTensor([1, 1, c.H], 325)];
    const { wasm, ref } = await runAll('LSTM', inputs, { direction: 'forward', hidden_size: c.H }, [1, 2, 3]);
    wasm.forEach((t, i) => expect(worstError(t, ref[i])).toBeLessThanOrEqual(1));
  });
});

describe('GRU [wasm] recurrence module', () => {
  SHAPES.forEach((c, i) => {
    for (const lbr of [0, 1]) it(label('GRU', { ...c, lbr }), async () => { await check('GRU', { ...c, lbr }, 200 + 10 * i); });
  });
  it('GRU-v14 [wasm] the second run on resident weights matches', async () => {
    await check('GRU', { ...SHAPES[4], lbr: 1 }, 330, 3);
  });
});

describe('LSTM/GRU [wasm] intra-op threads', () => {
  /** One recurrent node whose projection (32 × 192 × 512 MACs for GRU, 32 × 256 × 512 for LSTM) the GEMM splits in two. */
  function model(op: 'LSTM' | 'GRU'): Uint8Array {
    const gates = op === 'LSTM' ? 4 : 3, H = 32, I = 512;
    return buildModelBytes({
      opset: 14,
      nodes: [{ op, inputs: ['x', 'w', 'r', 'b'], outputs: ['y', 'yh'], attrs: { direction: 'bidirectional', hidden_size: H, ...(op === 'GRU' ? { linear_before_reset: 1 } : {}) } }],
      inputs: [['x', 'float32', [16, 2, I]]],
      outputs: [['y', 'float32', [16, 2, 2, H]], ['yh', 'float32', [2, 2, H]]],
      initializers: { w: randomTensor([2, gates * H, I], 401), r: randomTensor([2, gates * H, H], 402), b: randomTensor([2, 2 * gates * H], 403) },
    });
  }
  for (const op of ['LSTM', 'GRU'] as const) {
    it(`${op}-v14 [wasm] intraOpNumThreads=2 (projection on the threads) matches 1 thread exactly`, async () => {
      const bytes = model(op);
      const x = randomTensor([16, 2, 512], 404);
      const one = await InferenceSession.create(bytes, { executionProviders: ['wasm'] });
      const two = await InferenceSession.create(bytes, { executionProviders: ['wasm'], intraOpNumThreads: 2 });
      try {
        const a = await one.run({ x }), b = await two.run({ x });
        expect([...threadPool()!.splits.keys()].some((k) => k.endsWith(':gemm')), 'projection split').toBe(true);
        for (const name of ['y', 'yh']) expect(Array.from((b[name] as Tensor).data as Float32Array)).toEqual(Array.from((a[name] as Tensor).data as Float32Array));
      } finally {
        await Promise.all([one.release(), two.release()]);
      }
    });
  }
});

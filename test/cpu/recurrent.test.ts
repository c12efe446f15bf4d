// LSTM and GRU on the cpu provider (the generated `recurrent` kernels, src/kernels/cpu/recurrent.ts)
// against the reference kernel, over the attributes the spec has: directions, layout, sequence_lens
// (zero included), initial states, peepholes, input_forget, clip, every activation with its
// alpha/beta, linear_before_reset, weights as initializers or as runtime inputs, every output.
import { describe, expect, it } from 'vitest';
import type { DType } from '../../src/ir/dtype.js';
import { Tensor } from '../../src/ir/tensor.js';
import { InferenceSession } from '../../src/runtime/inference-session.js';
import { buildModel, type AttrLite } from '../../src/tools/model-builder.js';
import { compareValues } from '../../src/tools/numeric-compare.js';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32; };
}

interface RnnCase {
  title: string;
  op: 'LSTM' | 'GRU';
  seq: number; batch: number; input: number; hidden: number;
  attrs?: Record<string, AttrLite>;
  opset?: number;
  /** Optional inputs to give: B, sequence_lens (values), initial_h, initial_c, P. */
  bias?: boolean; lens?: number[]; initialH?: boolean; initialC?: boolean; peepholes?: boolean;
  /** W, R (and B, P) as graph inputs instead of initializers. */
  weightsAsInputs?: boolean;
  /** Session at the default optimization level ('all': weights packed by `prepare` at creation). */
  optimized?: boolean;
}

async function check(c: RnnCase, dtype: DType): Promise<void> {
  const r = rng(c.title.length * 131 + dtype.length);
  const dirs = c.attrs?.direction === 'bidirectional' ? 2 : 1;
  const layout = (c.attrs?.layout as number | undefined) ?? 0;
  const G = c.op === 'LSTM' ? 4 : 3, H = c.hidden;
  const rand = (dims: number[], scale = 1) => Tensor.fromValues(dtype, dims, Array.from({ length: dims.reduce((p, q) => p * q, 1) }, () => scale * (2 * r() - 1)));
  const state = layout === 0 ? [dirs, c.batch, H] : [c.batch, dirs, H];
  const values: Record<string, Tensor | undefined> = {
    X: rand(layout === 0 ? [c.seq, c.batch, c.input] : [c.batch, c.seq, c.input], 2),
    W: rand([dirs, G * H, c.input]),
    R: rand([dirs, G * H, H]),
    B: c.bias ? rand([dirs, 2 * G * H]) : undefined,
    sequence_lens: c.lens ? new Tensor('int32', Int32Array.from(c.lens), [c.batch]) : undefined,
    initial_h: c.initialH ? rand(state) : undefined,
    initial_c: c.initialC ? rand(state) : undefined,
    P: c.peepholes ? rand([dirs, 3 * H]) : undefined,
  };
  const order = c.op === 'LSTM' ? ['X', 'W', 'R', 'B', 'sequence_lens', 'initial_h', 'initial_c', 'P'] : ['X', 'W', 'R', 'B', 'sequence_lens', 'initial_h'];
  const weights = new Set(['W', 'R', 'B', 'P']);
  const feeds: Record<string, Tensor> = {}, initializers: Record<string, Tensor> = {};
  for (const name of order) {
    const t = values[name];
    if (!t) continue;
    if (weights.has(name) && !c.weightsAsInputs) initializers[name] = t; else feeds[name] = t;
  }
  let inputs = order.map((n) => (values[n] ? n : ''));
  while (inputs.length && !inputs[inputs.length - 1]) inputs = inputs.slice(0, -1);
  const outputs = c.op === 'LSTM' ? ['Y', 'Y_h', 'Y_c'] : ['Y', 'Y_h'];
  const model = () => buildModel({
    opset: c.opset ?? 14,
    nodes: [{ op: c.op, inputs, outputs, attrs: { hidden_size: H, ...c.attrs } }],
    inputs: Object.entries(feeds).map(([n, t]) => [n, t.type, [...t.dims]] as const),
    outputs: outputs.map((o) => [o, dtype] as const),
    initializers,
  });
  const ran: string[] = [];
  const cpu = await InferenceSession.fromModel(model(), { executionProviders: ['cpu'], graphOptimizationLevel: c.optimized ? 'all' : 'disabled' });
  const ref = await InferenceSession.fromModel(model(), { executionProviders: ['reference'], graphOptimizationLevel: 'disabled' });
  // Twice: the second run uses the weights packed (and cached) by the first.
  for (let run = 0; run < 2; run++) {
    const got = await cpu.run(feeds, { onNode: (e: { provider: string; variant?: string }) => ran.push(`${e.provider}:${e.variant}`) });
    const want = await ref.run(feeds);
    for (const o of outputs) {
      const res = compareValues(got[o] as Tensor, want[o] as Tensor, { rtol: 1e-5, atol: 1e-6 });
      expect(res.ok, `${o}: ${res.reason}`).toBe(true);
    }
  }
  expect(ran).toEqual([`cpu:${c.op.toLowerCase()}-${dtype === 'float32' ? 'f32' : 'f64'}-sequence-ts`, `cpu:${c.op.toLowerCase()}-${dtype === 'float32' ? 'f32' : 'f64'}-sequence-ts`]);
}

const CASES: RnnCase[] = [
  { title: 'LSTM defaults', op: 'LSTM', seq: 4, batch: 1, input: 3, hidden: 4 },
  { title: 'LSTM bias initial states bidirectional', op: 'LSTM', seq: 5, batch: 3, input: 4, hidden: 6, bias: true, initialH: true, initialC: true, attrs: { direction: 'bidirectional' } },
  { title: 'LSTM reverse sequence_lens with a zero', op: 'LSTM', seq: 5, batch: 3, input: 2, hidden: 5, bias: true, lens: [5, 0, 2], initialH: true, initialC: true, attrs: { direction: 'reverse' } },
  { title: 'LSTM layout=1 bidirectional lens', op: 'LSTM', seq: 4, batch: 2, input: 3, hidden: 3, bias: true, lens: [3, 4], initialH: true, initialC: true, attrs: { direction: 'bidirectional', layout: 1 } },
  { title: 'LSTM peepholes input_forget', op: 'LSTM', seq: 4, batch: 2, input: 3, hidden: 5, bias: true, peepholes: true, initialC: true, attrs: { input_forget: 1 } },
  { title: 'LSTM clip activations alpha beta', op: 'LSTM', seq: 4, batch: 2, input: 3, hidden: 4, bias: true, peepholes: true,
    attrs: { direction: 'bidirectional', clip: { float: 0.9 }, activations: ['Affine', 'ScaledTanh', 'LeakyRelu', 'HardSigmoid', 'Relu', 'Softplus'],
      activation_alpha: { floats: [0.5, 0.8, 0.1, 0.3] }, activation_beta: { floats: [0.1, 1.2, 0.4] } } },
  { title: 'LSTM Elu Softsign, weights as inputs', op: 'LSTM', seq: 3, batch: 2, input: 3, hidden: 4, bias: true, weightsAsInputs: true,
    attrs: { activations: ['Sigmoid', 'Elu', 'Softsign'] } },
  { title: 'LSTM ThresholdedRelu Tanh Tanh opset 7', op: 'LSTM', opset: 7, seq: 3, batch: 1, input: 2, hidden: 3, bias: true, attrs: { activations: ['ThresholdedRelu', 'Tanh', 'Tanh'], activation_alpha: { floats: [0.2] } } },
  { title: 'LSTM bidirectional, packed at session creation', op: 'LSTM', seq: 4, batch: 2, input: 3, hidden: 5, bias: true, attrs: { direction: 'bidirectional' }, optimized: true },
  { title: 'GRU defaults', op: 'GRU', seq: 4, batch: 1, input: 3, hidden: 4 },
  { title: 'GRU linear_before_reset, packed at session creation', op: 'GRU', seq: 4, batch: 2, input: 3, hidden: 5, bias: true, attrs: { linear_before_reset: 1 }, optimized: true },
  { title: 'GRU linear_before_reset bias initial_h bidirectional', op: 'GRU', seq: 5, batch: 3, input: 4, hidden: 6, bias: true, initialH: true, attrs: { direction: 'bidirectional', linear_before_reset: 1 } },
  { title: 'GRU reverse sequence_lens with a zero', op: 'GRU', seq: 5, batch: 3, input: 2, hidden: 5, bias: true, lens: [1, 0, 5], initialH: true, attrs: { direction: 'reverse' } },
  { title: 'GRU layout=1 lens linear_before_reset', op: 'GRU', seq: 4, batch: 2, input: 3, hidden: 7, bias: true, lens: [4, 2], initialH: true, attrs: { layout: 1, linear_before_reset: 1, direction: 'bidirectional' } },
  { title: 'GRU clip activations, weights as inputs', op: 'GRU', seq: 4, batch: 2, input: 3, hidden: 4, bias: true, weightsAsInputs: true,
    attrs: { clip: { float: 0.5 }, activations: ['HardSigmoid', 'Softsign'], activation_alpha: { floats: [0.3] }, activation_beta: { floats: [0.6] } } },
  { title: 'GRU Sigmoid Elu linear_before_reset', op: 'GRU', seq: 3, batch: 2, input: 2, hidden: 3, bias: true, attrs: { activations: ['Sigmoid', 'Elu'], linear_before_reset: 1 } },
];

describe('cpu LSTM/GRU vs reference', () => {
  for (const c of CASES) {
    for (const dtype of ['float32', 'float64'] as const) {
      it(`${c.op} [cpu] ${c.title} (${dtype})`, async () => { await check(c, dtype); });
    }
  }

  it('LSTM [cpu] a hidden_size that contradicts R goes to the reference, which rejects it', async () => {
    const t = (dims: number[]) => Tensor.fromValues('float32', dims, new Array(dims.reduce((p, q) => p * q, 1)).fill(0.1));
    const model = buildModel({
      opset: 14,
      nodes: [{ op: 'LSTM', inputs: ['X', 'W', 'R'], outputs: ['Y'], attrs: { hidden_size: 3 } }],
      inputs: [['X', 'float32', [2, 1, 2]]], outputs: [['Y', 'float32']],
      initializers: { W: t([1, 16, 2]), R: t([1, 16, 4]) },
    });
    const run = async () => {
      const cpu = await InferenceSession.fromModel(model, { executionProviders: ['cpu'], graphOptimizationLevel: 'disabled' });
      return cpu.run({ X: t([2, 1, 2]) });
    };
    await expect(run()).rejects.toThrow(/16 rows|hidden_size/);
  });
});

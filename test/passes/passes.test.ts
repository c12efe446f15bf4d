// Each fusion fires on its pattern (and the graph still computes the same thing; see property.test.ts
// for random mixtures), the memory planner's accounting holds, and optimized models save and load.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { optimizeCommand } from '../../src/cli/optimize.js';
import { loadModel } from '../../src/ir/load.js';
import { inferModel } from '../../src/ir/shape-inference.js';
import { saveModel } from '../../src/ir/save.js';
import { Tensor } from '../../src/ir/tensor.js';
import { InferenceSession } from '../../src/runtime/inference-session.js';
import { buildModel } from '../../src/tools/model-builder.js';
import { compareValues } from '../../src/tools/numeric-compare.js';
import { planMemory } from '../../src/passes/memory-plan.js';
import { opHistogram, optimizeModel } from '../../src/passes/pipelines.js';
import { build } from './random-graphs.js';

// A Relu (and a duplicate of it, which CSE removes) comes first, so the step under test reads an
// intermediate rather than the graph input (a no-op reading a graph input must stay when its output is the graph's).
const one = (kind: string, dims = [1, 4, 6]) => build({ dims, steps: [{ kind: 'duplicate', pick: 0, seed: 1 }, { kind, pick: 1, seed: 7 }], extraOutput: false });

describe('passes', () => {
  const cases: [string, string, string[]][] = [
    ['layerNorm', 'all', ['com.onnx-ts.LayerNormalization']],
    ['gelu', 'all', ['com.onnx-ts.Gelu']],
    ['attention', 'all', ['com.onnx-ts.FusedAttention', 'Transpose']],
    ['transposeTwice', 'basic', []],
    ['reshapeChain', 'basic', []],
    ['noopCast', 'basic', []],
    ['duplicate', 'basic', ['Relu']],
  ];
  for (const [kind, level, expected] of cases) {
    it(`${kind} at ${level} leaves ${expected.join(', ') || 'no node'}`, () => {
      const { model } = one(kind);
      optimizeModel(model, level as never);
      const ops = Object.keys(opHistogram(model)).filter((op) => op !== 'Transpose' || expected.includes('Transpose'));
      expect(ops.sort()).toEqual([...new Set([...expected, 'Relu'])].sort());
    });
  }

  it('Shape of a Transpose reads the Transpose\'s input (Gather by perm, start/end kept), so a Transpose read only for its dims goes', async () => {
    const bytes = () => buildModel({
      opset: 17, inputs: [['x', 'float32', ['B', 'S', 4]]], outputs: [['s', 'int64'], ['t', 'int64'], ['y', 'float32']],
      nodes: [
        { op: 'Transpose', inputs: ['x'], outputs: ['xt'], attrs: { perm: [1, 2, 0] } },
        { op: 'Shape', inputs: ['xt'], outputs: ['s'] },
        { op: 'Shape', inputs: ['xt'], outputs: ['t'], attrs: { start: -2 } },
        { op: 'Relu', inputs: ['x'], outputs: ['y'] },
      ],
    });
    const optimized = bytes();
    optimizeModel(optimized, 'basic');
    expect(opHistogram(optimized)).toEqual({ Shape: 1, Gather: 2, Relu: 1 });
    const x = new Tensor('float32', new Float32Array(2 * 3 * 4), [2, 3, 4]);
    for (const model of [optimized, bytes()]) {
      const out = await (await InferenceSession.fromModel(model, { graphOptimizationLevel: 'disabled' })).run({ x });
      expect(Array.from((out.s as Tensor).data as BigInt64Array, Number)).toEqual([3, 4, 2]);
      expect(Array.from((out.t as Tensor).data as BigInt64Array, Number)).toEqual([4, 2]);
    }
  });

  it('MatMul + bias + Relu becomes one FusedMatMul (3-D) or FusedGemm (2-D)', () => {
    const mk = (dims: number[]) => buildModel({
      opset: 13, inputs: [['x', 'float32', dims]], outputs: [['y', 'float32']],
      initializers: { w: new Tensor('float32', new Float32Array(12).fill(0.5), [4, 3]), b: new Tensor('float32', new Float32Array(3).fill(1), [3]) },
      nodes: [{ op: 'MatMul', inputs: ['x', 'w'], outputs: ['m'] }, { op: 'Add', inputs: ['m', 'b'], outputs: ['a'] }, { op: 'Relu', inputs: ['a'], outputs: ['y'] }],
    });
    const m3 = mk([2, 5, 4]);
    optimizeModel(m3, 'all');
    expect(opHistogram(m3)).toEqual({ 'com.onnx-ts.FusedMatMul': 1 });
    const m2 = mk([5, 4]);
    optimizeModel(m2, 'all');
    expect(opHistogram(m2)).toEqual({ 'com.onnx-ts.FusedGemm': 1 });
  });

  it('Conv + BatchNormalization + Add + Relu folds into one FusedConv with the same outputs', async () => {
    const f = (n: number, v: (i: number) => number) => Float32Array.from({ length: n }, (_, i) => v(i));
    const mk = () => buildModel({
      opset: 13, inputs: [['x', 'float32', [1, 2, 5, 5]]], outputs: [['y', 'float32']],
      initializers: {
        w: new Tensor('float32', f(3 * 2 * 9, (i) => Math.sin(i)), [3, 2, 3, 3]),
        s: new Tensor('float32', f(3, (i) => 1 + i), [3]), bb: new Tensor('float32', f(3, (i) => i - 1), [3]),
        mean: new Tensor('float32', f(3, (i) => 0.1 * i), [3]), var: new Tensor('float32', f(3, (i) => 0.5 + i), [3]),
        c: new Tensor('float32', f(3, (i) => -0.2 * i), [1, 3, 1, 1]),
      },
      nodes: [
        { op: 'Conv', inputs: ['x', 'w'], outputs: ['c1'], attrs: { pads: [1, 1, 1, 1] } },
        { op: 'BatchNormalization', inputs: ['c1', 's', 'bb', 'mean', 'var'], outputs: ['bn'] },
        { op: 'Add', inputs: ['bn', 'c'], outputs: ['a'] },
        { op: 'Relu', inputs: ['a'], outputs: ['y'] },
      ],
    });
    const x = new Tensor('float32', f(50, (i) => Math.cos(i * 0.3)), [1, 2, 5, 5]);
    const ref = await (await InferenceSession.fromModel(mk(), { graphOptimizationLevel: 'disabled' })).run({ x });
    const session = await InferenceSession.fromModel(mk(), { graphOptimizationLevel: 'extended' });
    expect(opHistogram(session.model)).toEqual({ 'com.onnx-ts.FusedConv': 1 });
    const got = await session.run({ x });
    expect(compareValues(got.y as Tensor, ref.y as Tensor, { rtol: 1e-4, atol: 1e-5 }).ok).toBe(true);
  });

  it('optimized models save with the com.onnx-ts opset import and load back', async () => {
    const { model, input } = one('gelu');
    const ref = await (await InferenceSession.fromModel(one('gelu').model, { graphOptimizationLevel: 'disabled' })).run({ x: input });
    optimizeModel(model, 'all');
    const bytes = saveModel(model);
    const reloaded = loadModel(bytes);
    expect(reloaded.opsets.get('com.onnx-ts')).toBe(1);
    const session = await InferenceSession.create(bytes, { graphOptimizationLevel: 'disabled' });
    const got = await session.run({ x: input });
    expect(compareValues(got[session.outputNames[0]] as Tensor, ref[session.outputNames[0]] as Tensor, { rtol: 1e-5, atol: 1e-6 }).ok).toBe(true);
  });

  it('memory plan: peak below the sum of intermediates; live values never overlap', () => {
    const { model } = build({ dims: [2, 8, 16], steps: ['matmul', 'unary', 'binConst', 'layerNorm', 'unary', 'gelu'].map((kind, i) => ({ kind, pick: i, seed: i + 1 })), extraOutput: true });
    inferModel(model);
    const plan = planMemory(model.graph);
    expect(plan.unplanned).toEqual([]);
    expect(plan.plannedPeakBytes).toBeGreaterThanOrEqual(Math.max(...plan.values.map((v) => v.bytes)));
    expect(plan.plannedPeakBytes).toBeLessThan(plan.intermediateBytes);
    expect(plan.inPlace.length).toBeGreaterThan(0);
    // No two values alive at once overlap in the arena, except an in-place output and its input.
    for (const a of plan.values) for (const b of plan.values) {
      if (a === b || a.inPlaceOf === b.name || b.inPlaceOf === a.name || a.end < b.start || b.end < a.start) continue;
      const disjoint = a.offset + a.bytes <= b.offset || b.offset + b.bytes <= a.offset;
      expect(disjoint, `${a.name} [${a.offset}, +${a.bytes}) and ${b.name} [${b.offset}, +${b.bytes}) overlap while both alive`).toBe(true);
    }
  });

  it('CLI: optimize -o writes a model that loads back with fused ops and the same outputs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'onnx-ts-optimize-'));
    const { model, input } = one('layerNorm');
    writeFileSync(join(dir, 'in.onnx'), saveModel(model));
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const code = await optimizeCommand({ model: join(dir, 'in.onnx'), output: join(dir, 'out.onnx'), level: 'all' });
    log.mockRestore();
    expect(code).toBe(0);
    const bytes = readFileSync(join(dir, 'out.onnx'));
    expect(opHistogram(loadModel(bytes))['com.onnx-ts.LayerNormalization']).toBe(1);
    const ref = await (await InferenceSession.create(readFileSync(join(dir, 'in.onnx')), { graphOptimizationLevel: 'disabled' })).run({ x: input });
    const got = await (await InferenceSession.create(bytes, { graphOptimizationLevel: 'disabled' })).run({ x: input });
    for (const [name, v] of Object.entries(ref)) expect(compareValues(got[name] as Tensor, v as Tensor, { rtol: 1e-4, atol: 1e-5 }).ok, name).toBe(true);
    expect(await optimizeCommand({ model: join(dir, 'in.onnx'), level: 'fastest' })).toBe(2);
  });
});

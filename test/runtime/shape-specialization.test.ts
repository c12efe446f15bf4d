// Shape-specialized plans (src/runtime/shape-specialization.ts): a model with dynamic input dims
// gets a plan optimized for dims that come back, which must give exactly the generic plan's
// results, fall back to the generic plan for dims the model cannot take, and stop building when
// the dims keep changing.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MODELS_DIR } from '../../conformance/paths.js';
import { readDataSets } from '../../src/io/test-folder.js';
import { loadModel } from '../../src/ir/load.js';
import { Tensor } from '../../src/ir/tensor.js';
import { InferenceSession, type SessionOptions } from '../../src/runtime/inference-session.js';
import { MAX_SPECIALIZED_PLANS, SPECIALIZE_AFTER } from '../../src/runtime/shape-specialization.js';
import { buildModelBytes, type NodeLite } from '../../src/tools/model-builder.js';

const i64 = (...v: number[]) => new Tensor('int64', BigInt64Array.from(v.map(BigInt)), [v.length]);

/** x [B, S, E] → Reshape to [B, S, 2, 4] with the shape computed from Shape(x) → Transpose → Softmax. */
function headSplitModel(extraNodes: NodeLite[] = []): Uint8Array {
  return buildModelBytes({
    opset: 13,
    inputs: [['x', 'float32', ['B', 'S', 'E']]],
    outputs: [['y', 'float32']],
    initializers: { zero: i64(0), one: i64(1), axes: i64(0), heads: i64(2, 4) },
    nodes: [
      { op: 'Shape', inputs: ['x'], outputs: ['s'] },
      { op: 'Gather', inputs: ['s', 'zero'], outputs: ['b'] },
      { op: 'Gather', inputs: ['s', 'one'], outputs: ['q'] },
      { op: 'Concat', inputs: ['b', 'q', 'heads'], outputs: ['shape'], attrs: { axis: 0 } },
      { op: 'Reshape', inputs: ['x', 'shape'], outputs: ['r'] },
      { op: 'Transpose', inputs: ['r'], outputs: ['t'], attrs: { perm: [0, 2, 1, 3] } },
      { op: 'Softmax', inputs: ['t'], outputs: ['y0'], attrs: { axis: -1 } },
      ...extraNodes,
      ...(extraNodes.length ? [] : [{ op: 'Identity', inputs: ['y0'], outputs: ['y'] }]),
    ],
  });
}

const input = (dims: number[], seed = 1) => {
  const n = dims.reduce((p, q) => p * q, 1);
  return new Tensor('float32', Float32Array.from({ length: n }, (_, i) => Math.sin(seed * 31 + i * 0.37) * 3), dims);
};

async function sessions(bytes: Uint8Array, options: SessionOptions = {}) {
  return [await InferenceSession.create(bytes, options), await InferenceSession.create(bytes, { ...options, specializeShapes: false })];
}

describe('shape-specialized plans', () => {
  it(`builds a plan on run ${SPECIALIZE_AFTER} with the same dims, with fewer nodes and the same results`, async () => {
    for (const executionProviders of [['reference'], ['cpu'], ['wasm']]) {
      const [special, generic] = await sessions(headSplitModel(), { executionProviders });
      const x = input([2, 3, 8]);
      const expected = (await generic.run({ x })).y as Tensor;
      for (let run = 1; run <= SPECIALIZE_AFTER + 1; run++) {
        const y = (await special.run({ x })).y as Tensor;
        expect(special.specializedPlans).toBe(run >= SPECIALIZE_AFTER ? 1 : 0);
        expect(y.dims).toEqual([2, 2, 3, 4]);
        expect(Array.from(y.data as Float32Array)).toEqual(Array.from(expected.data as Float32Array));
      }
      // The Shape → Gather → Concat chain folded away once the dims were fixed.
      expect(special.plan.length).toBeLessThan(generic.plan.length);
      expect(special.plan.some((s) => s.node.op === 'Shape')).toBe(false);
      expect(generic.specializedPlans).toBe(0);
    }
  });

  it('keeps separate plans per dims and the generic plan for dims seen once', async () => {
    const [special, generic] = await sessions(headSplitModel());
    for (const dims of [[1, 5, 8], [3, 2, 8], [1, 5, 8], [4, 7, 8], [3, 2, 8], [1, 5, 8]]) {
      const x = input(dims, dims[1]);
      const y = (await special.run({ x })).y as Tensor, z = (await generic.run({ x })).y as Tensor;
      expect(y.dims).toEqual(z.dims);
      expect(Array.from(y.data as Float32Array)).toEqual(Array.from(z.data as Float32Array));
    }
    expect(special.specializedPlans).toBe(2);
  });

  it('leaves dims the model cannot take to the generic plan, which reports them', async () => {
    const [special, generic] = await sessions(headSplitModel());
    const x = input([2, 3, 6]); // 36 elements cannot be reshaped to [2, 3, 2, 4]
    const expected = await generic.run({ x }).catch((e: Error) => e);
    expect(expected).toBeInstanceOf(Error);
    for (let run = 0; run < SPECIALIZE_AFTER + 1; run++) {
      const e = await special.run({ x }).catch((err: Error) => err);
      expect(e).toBeInstanceOf((expected as Error).constructor);
      expect((e as Error).message).toBe((expected as Error).message);
    }
    expect(special.specializedPlans).toBe(0);
  });

  it('builds no plan once more distinct dims than it keeps plans for have come, and keeps using those built', async () => {
    const [special, generic] = await sessions(headSplitModel(), { executionProviders: ['reference'] });
    const x = (s: number) => ({ x: input([1, s, 8]) });
    await special.run(x(1));
    await special.run(x(1));
    expect(special.specializedPlans).toBe(1);
    // Text of many lengths, each coming back later: past MAX_SPECIALIZED_PLANS distinct dims, no build.
    for (let round = 0; round < 3; round++) {
      for (let s = 2; s <= 3 * MAX_SPECIALIZED_PLANS; s++) await special.run(x(s));
    }
    expect(special.specializedPlans).toBe(1);
    await special.run(x(1));
    await generic.run(x(1));
    expect(special.plan.length).toBeLessThan(generic.plan.length);
  });

  it('does not specialize static models, disabled optimization, or models with random ops', async () => {
    const x = input([2, 3, 8]);
    const noisy = headSplitModel([
      { op: 'RandomNormalLike', inputs: ['y0'], outputs: ['n'], attrs: { scale: { float: 0 } } },
      { op: 'Add', inputs: ['y0', 'n'], outputs: ['y'] },
    ]);
    const staticModel = buildModelBytes({ opset: 13, inputs: [['x', 'float32', [2, 3, 8]]], outputs: [['y', 'float32']],
      nodes: [{ op: 'Softmax', inputs: ['x'], outputs: ['y'] }] });
    for (const [bytes, options] of [[noisy, {}], [headSplitModel(), { graphOptimizationLevel: 'disabled' }], [staticModel, {}]] as const) {
      const s = await InferenceSession.create(bytes, options as SessionOptions);
      for (let run = 0; run < SPECIALIZE_AFTER + 1; run++) await s.run({ x });
      expect(s.specializedPlans).toBe(0);
    }
  });

  const dyn = MODELS_DIR && join(MODELS_DIR, 'tinybert_dyn_opset17');
  it.skipIf(!dyn || !existsSync(join(dyn, 'model.onnx')))('tinybert_dyn: the specialized plan fuses the attention heads and matches the generic plan bit for bit', async () => {
    const bytes = readFileSync(join(dyn!, 'model.onnx'));
    const [set] = readDataSets(dyn!, loadModel(bytes));
    const [special, generic] = await sessions(bytes);
    const expected = await generic.run(set.inputs as never);
    for (let run = 0; run < SPECIALIZE_AFTER; run++) {
      const got = await special.run(set.inputs as never);
      for (const k of Object.keys(expected)) {
        expect(Array.from((got[k] as Tensor).data as Float32Array)).toEqual(Array.from((expected[k] as Tensor).data as Float32Array));
      }
    }
    expect(special.specializedPlans).toBe(1);
    // The shape arithmetic folded, and with it the Slices that cut Q, K and V out of the packed
    // projection. Both plans fuse the head split (its Transposes); the 4 Transposes left move the
    // batch-first input to sequence-first and back (B = 2).
    const count = (s: InferenceSession, ...names: string[]) => s.plan.filter((p) => names.includes(p.node.op)).length;
    expect(count(special, 'Shape', 'Slice', 'Concat', 'Unsqueeze')).toBe(0);
    expect(count(generic, 'Shape', 'Slice')).toBeGreaterThan(0);
    expect(count(special, 'Transpose')).toBe(4);
    expect(count(generic, 'Transpose')).toBe(4);
    expect(special.plan.length).toBeLessThan(generic.plan.length / 2);
  });
});

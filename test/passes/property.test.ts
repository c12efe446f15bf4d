// Property: random small graphs built from the patterns the passes look for (and near misses of
// them) give the same outputs at every graphOptimizationLevel as at 'disabled'.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Tensor } from '../../src/ir/tensor.js';
import { InferenceSession } from '../../src/runtime/inference-session.js';
import { compareValues } from '../../src/tools/numeric-compare.js';
import type { GraphOptimizationLevel } from '../../src/passes/pipelines.js';
import { build, graphArb, type GraphSpec } from './random-graphs.js';

/** Fused ops seen at 'all' over the whole run: the property is only as good as the fusions it exercises. */
const seen = new Set<string>();

async function runAt(spec: GraphSpec, level: GraphOptimizationLevel) {
  const { model, input } = build(spec);
  const session = await InferenceSession.fromModel(model, { graphOptimizationLevel: level });
  if (level === 'all') for (const n of session.model.graph.nodes) if (n.domain) seen.add(n.op);
  return session.run({ x: input });
}

describe('optimizer property', () => {
  it('random graphs of fusable patterns: every level matches disabled', async () => {
    await fc.assert(fc.asyncProperty(graphArb, async (spec) => {
      const reference = await runAt(spec, 'disabled');
      for (const level of ['basic', 'extended', 'all'] as const) {
        const got = await runAt(spec, level);
        for (const [name, v] of Object.entries(reference)) {
          const r = compareValues(got[name] as Tensor, v as Tensor, { rtol: 1e-3, atol: 1e-4 });
          expect(r.ok, `${level} '${name}': ${r.reason}`).toBe(true);
        }
      }
    }), { numRuns: 150, seed: 20261126 });
    for (const op of ['LayerNormalization', 'Gelu', 'FusedAttention', 'FusedMatMul', 'SkipLayerNormalization']) expect([...seen]).toContain(op);
  }, 120_000);
});

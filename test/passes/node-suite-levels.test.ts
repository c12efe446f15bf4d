// Every ONNX node test at every graphOptimizationLevel gives the outputs it gives at 'disabled'.
// Tests that fail at 'disabled' (ops not implemented yet, say) are skipped: there is nothing to
// compare against. Float outputs agree to rtol 1e-4 / atol 1e-6: folding and fusing may reorder
// float operations, but single-node graphs rarely give the passes anything to change.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BACKEND_TESTS_DIR } from '../../conformance/paths.js';
import { loadModelFile } from '../../src/io/node-files.js';
import { readDataSets } from '../../src/io/test-folder.js';
import type { Value } from '../../src/ir/ops/spec.js';
import { InferenceSession } from '../../src/runtime/inference-session.js';
import { compareValues } from '../../src/tools/numeric-compare.js';
import type { GraphOptimizationLevel } from '../../src/passes/pipelines.js';

const NODE_DIR = BACKEND_TESTS_DIR && join(BACKEND_TESTS_DIR, 'node');
const tests = NODE_DIR && existsSync(NODE_DIR) ? readdirSync(NODE_DIR).filter((d) => existsSync(join(NODE_DIR, d, 'model.onnx'))).sort() : [];

async function outputsAt(folder: string, level: GraphOptimizationLevel): Promise<Record<string, Value>[]> {
  const load = () => loadModelFile(join(folder, 'model.onnx'));
  const session = await InferenceSession.fromModel(load(), { graphOptimizationLevel: level });
  const results: Record<string, Value>[] = [];
  for (const ds of readDataSets(folder, load())) results.push(await session.run(ds.inputs as never) as Record<string, Value>);
  return results;
}

describe.skipIf(!tests.length)(`ONNX node tests at every level (${NODE_DIR ?? 'ONNX_BACKEND_TESTS not found: skipped'})`, () => {
  it(`all ${tests.length} node tests: basic, extended and all match disabled`, async () => {
    const problems: string[] = [];
    let compared = 0;
    for (const id of tests) {
      const folder = join(NODE_DIR!, id);
      let reference: Record<string, Value>[];
      try { reference = await outputsAt(folder, 'disabled'); } catch { continue; }
      compared++;
      for (const level of ['basic', 'extended', 'all'] as const) {
        try {
          const got = await outputsAt(folder, level);
          reference.forEach((ref, i) => {
            for (const [name, v] of Object.entries(ref)) {
              const r = compareValues(got[i][name], v, { rtol: 1e-4, atol: 1e-6 });
              if (!r.ok) problems.push(`${id} at '${level}', set ${i}, '${name}': ${r.reason}`);
            }
          });
        } catch (e) {
          problems.push(`${id} at '${level}': ${(e as Error).message.split('\n')[0]}`);
        }
      }
    }
    expect(problems, problems.slice(0, 20).join('\n')).toEqual([]);
    expect(compared).toBeGreaterThan(100);
  }, 900_000);
});

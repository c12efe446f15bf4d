// Every real model on the cpu provider alone (reference fallback for the ops it lacks), against
// torch's outputs with the tolerances of test/models.test.ts. The default provider list puts
// `wasm` first, so without this the cpu kernels would barely run on real models.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MODELS_DIR } from '../../conformance/paths.js';
import { InferenceSession, type Tensor } from '../../src/index.js';
import { loadModel } from '../../src/ir/load.js';
import { readDataSets } from '../../src/io/test-folder.js';
import { compareValues } from '../../src/tools/numeric-compare.js';

const models = MODELS_DIR ? readdirSync(MODELS_DIR).filter((d) => existsSync(join(MODELS_DIR!, d, 'model.onnx'))).sort() : [];

describe.skipIf(!MODELS_DIR)(`real models on cpu (${MODELS_DIR ?? 'ONNX_TS_MODELS / ../shared/models not found: skipped'})`, () => {
  for (const name of models) {
    it(`${name} [cpu] matches torch on every test data set`, async () => {
      const path = join(MODELS_DIR!, name, 'model.onnx');
      const session = await InferenceSession.create(path, { executionProviders: ['cpu'] });
      const sets = readDataSets(join(MODELS_DIR!, name), loadModel(readFileSync(path)));
      expect(sets.length).toBeGreaterThan(0);
      const ran = new Map<string, number>();
      for (const set of sets) {
        const out = await session.run(set.inputs as Record<string, Tensor>, { onNode: (e: { provider: string }) => ran.set(e.provider, (ran.get(e.provider) ?? 0) + 1) });
        for (const [output, expected] of Object.entries(set.outputs)) {
          const r = compareValues(out[output] as Tensor, expected, { rtol: 1e-3, atol: 1e-4 });
          expect(r.ok, `${name} ${set.name} '${output}': ${r.reason}`).toBe(true);
        }
      }
      expect(ran.get('cpu') ?? 0, `${name}: no node ran on cpu (${[...ran].join(', ')})`).toBeGreaterThan(0);
    }, 300_000);
  }
});

// Every real model in shared/models (static and dynamic shapes, CNNs, BERT-like, LSTM, GRU, U-Net)
// through the public API, on every test data set, against torch's outputs (rtol 1e-3, atol 1e-4).
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InferenceSession, type Tensor } from '../src/index.js';
import { loadModel } from '../src/ir/load.js';
import { readDataSets } from '../src/io/test-folder.js';
import { readFileSync } from 'node:fs';
import { compareValues } from '../src/tools/numeric-compare.js';
import { MODELS_DIR } from '../conformance/paths.js';

const models = MODELS_DIR ? readdirSync(MODELS_DIR).filter((d) => existsSync(join(MODELS_DIR!, d, 'model.onnx'))).sort() : [];

describe.skipIf(!MODELS_DIR)(`real models (${MODELS_DIR ?? 'ONNX_TS_MODELS / ../shared/models not found: skipped'})`, () => {
  for (const name of models) {
    it(`${name} matches torch on every test data set`, async () => {
      const path = join(MODELS_DIR!, name, 'model.onnx');
      const session = await InferenceSession.create(path);
      const sets = readDataSets(join(MODELS_DIR!, name), loadModel(readFileSync(path)));
      expect(sets.length).toBeGreaterThan(0);
      for (const set of sets) {
        const out = await session.run(set.inputs as Record<string, Tensor>);
        for (const [output, expected] of Object.entries(set.outputs)) {
          const r = compareValues(out[output] as Tensor, expected, { rtol: 1e-3, atol: 1e-4 });
          expect(r.ok, `${name} ${set.name} '${output}': ${r.reason}`).toBe(true);
        }
      }
    }, 300_000);
  }
});

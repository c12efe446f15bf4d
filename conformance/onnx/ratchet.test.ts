// The pass-list ratchet: every ONNX backend test that passed on a provider must keep passing.
// The full report (all tests, per-op table) comes from `npm run conformance:onnx`.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BACKEND_TESTS_DIR, REPO_ROOT } from '../paths.js';
import { readManifest, readPassList, runTest } from './runner.js';

// Every provider with a pass list is held to it; ops a provider lacks fall back to the reference.
const providers = readdirSync(join(REPO_ROOT, 'conformance/onnx/passing')).filter((f) => f.endsWith('.txt')).map((f) => f.slice(0, -4)).sort();

for (const provider of providers) {
  const passing = readPassList(join(REPO_ROOT, 'conformance/onnx/passing', `${provider}.txt`));
  const manifest = readManifest(join(REPO_ROOT, 'conformance/onnx/manifest', `${provider}.txt`));
  describe.skipIf(!BACKEND_TESTS_DIR)(`ONNX backend suite ratchet [${provider}] (${BACKEND_TESTS_DIR ?? 'ONNX_BACKEND_TESTS / ../shared/onnx/backend-tests not found: skipped'})`, () => {
    it('pass list and exclusion manifest do not overlap', () => {
      expect(passing.filter((id) => manifest.has(id))).toEqual([]);
    });
    for (const id of passing) {
      it(`${id} [${provider}]`, async () => {
        const r = await runTest(BACKEND_TESTS_DIR!, id, provider);
        expect(r.status, r.message).toBe('pass');
      });
    }
  });
}

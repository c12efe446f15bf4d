// The pass-list ratchet: every ONNX backend test that passed on the reference provider must keep
// passing. The full report (all tests, per-op table) comes from `npm run conformance:onnx`.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BACKEND_TESTS_DIR, REPO_ROOT } from '../paths.js';
import { readManifest, readPassList, runTest } from './runner.js';

const provider = 'reference';
const passing = readPassList(join(REPO_ROOT, 'conformance/onnx/passing', `${provider}.txt`));
const manifest = readManifest(join(REPO_ROOT, 'conformance/onnx/manifest', `${provider}.txt`));

describe.skipIf(!BACKEND_TESTS_DIR)(`ONNX backend suite ratchet [${provider}] (${BACKEND_TESTS_DIR ?? 'ONNX_BACKEND_TESTS / ../shared/onnx/backend-tests not found: skipped'})`, () => {
  it('pass list and exclusion manifest do not overlap', () => {
    expect(passing.filter((id) => manifest.has(id))).toEqual([]);
  });
  for (const id of passing) {
    it(id, async () => {
      const r = await runTest(BACKEND_TESTS_DIR!, id, provider);
      expect(r.status, r.message).toBe('pass');
    });
  }
});

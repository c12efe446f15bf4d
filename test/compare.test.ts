// `compare`: node-by-node agreement with onnxruntime-node, and naming the node that diverges.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../src/ir/load.js';
import { readDataSets } from '../src/io/test-folder.js';
import { openBackend } from '../src/tools/backends.js';
import { compareBackends } from '../src/tools/compare-backends.js';
import { MODELS_DIR, REPO_ROOT } from '../conformance/paths.js';
import { HAS_ORT_NODE } from './peers.js';

const digits = join(REPO_ROOT, 'examples/digits/model.onnx');
const fixture = join(REPO_ROOT, 'test/fixtures/perturbing-ort.mjs');

async function compareFile(path: string, backend: string) {
  const model = loadModel(readFileSync(path));
  const [set] = readDataSets(join(path, '..'), loadModel(readFileSync(path)));
  return compareBackends({ model, backend: await openBackend(backend), against: await openBackend('reference'), feeds: set.inputs, tolerance: { rtol: 1e-3, atol: 1e-4 } });
}

describe.skipIf(!HAS_ORT_NODE)('compare against onnxruntime-node (optional peer; skipped when not installed)', () => {
  it('agrees on the bundled digits model', async () => {
    const r = await compareFile(digits, 'ort-node');
    expect(r.firstDivergence).toBeNull();
    expect(r.nodes.map((n) => n.op)).toEqual(['Conv', 'Relu', 'MaxPool', 'Conv', 'Relu', 'MaxPool', 'Flatten', 'Gemm']);
  });

  it('names exactly the node whose output a backend perturbs', async () => {
    process.env.ONNX_TS_PERTURB = '/3/Conv_output_0';
    try {
      const r = await compareFile(digits, fixture);
      expect(r.agree).toBe(false);
      expect(r.firstDivergence).toMatchObject({ node: '/3/Conv', op: 'Conv', output: '/3/Conv_output_0' });
      expect(r.firstDivergence!.maxAbsError).toBeCloseTo(0.5, 3);
    } finally {
      delete process.env.ONNX_TS_PERTURB;
    }
  });

  it('CLI: exit 1, a JSON last line, and a replayable repro folder', () => {
    const repro = mkdtempSync(join(tmpdir(), 'onnx-ts-repro-'));
    let status = 0;
    let stdout = '';
    try {
      stdout = execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'compare', digits, '--backend', fixture, '--json', '--repro', repro],
        { cwd: REPO_ROOT, env: { ...process.env, ONNX_TS_PERTURB: '/4/Relu_output_0' }, encoding: 'utf8' });
    } catch (e) {
      status = (e as { status: number }).status;
      stdout = (e as { stdout: string }).stdout;
    }
    expect(status).toBe(1);
    const last = JSON.parse(stdout.trim().split('\n').at(-1)!);
    expect(last.agree).toBe(false);
    expect(last.firstDivergence).toMatchObject({ node: '/4/Relu', op: 'Relu', output: '/4/Relu_output_0' });
    expect(existsSync(join(repro, 'model.onnx'))).toBe(true);
    expect(readdirSync(join(repro, 'test_data_set_0')).sort()).toEqual(['input_0.pb', 'output_0.pb']);
    // The repro replays: the reference reproduces its own recorded outputs.
    const replay = execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'run', join(repro, 'model.onnx')], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(replay).toMatch(/vs expected: match/);
  }, 60_000);
});

const modelNames = MODELS_DIR ? readdirSync(MODELS_DIR).filter((d) => existsSync(join(MODELS_DIR!, d, 'model.onnx'))).sort() : [];
describe.skipIf(!HAS_ORT_NODE || !MODELS_DIR)('compare every real model against onnxruntime-node', () => {
  for (const name of modelNames) {
    it(`${name}: every node agrees`, async () => {
      const r = await compareFile(join(MODELS_DIR!, name, 'model.onnx'), 'ort-node');
      expect(r.firstDivergence, JSON.stringify(r.firstDivergence && { ...r.firstDivergence, inputs: undefined })).toBeNull();
    }, 300_000);
  }
});

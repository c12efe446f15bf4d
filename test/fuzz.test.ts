// `fuzz`: property-based testing of a backend against the reference, with shrunk failing cases
// written as replayable ONNX test folders.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from '../src/ir/load.js';
import { Tensor, readValues } from '../src/ir/tensor.js';
import { readDataSets } from '../src/io/test-folder.js';
import { registerProvider } from '../src/kernels/registry.js';
import { InferenceSession } from '../src/runtime/inference-session.js';
import { ensureDefaultProviders } from '../src/runtime/providers.js';
import { compareValues } from '../src/tools/numeric-compare.js';
import { openBackend, type Backend } from '../src/tools/backends.js';
import { fuzz } from '../src/tools/fuzz.js';
import { REPO_ROOT } from '../conformance/paths.js';
import { HAS_ORT_NODE } from './peers.js';


/** Replays a written test folder on the reference and checks it reproduces its recorded outputs. */
async function replays(folder: string) {
  const model = loadModel(readFileSync(join(folder, 'model.onnx')));
  const [set] = readDataSets(folder, model);
  const session = await InferenceSession.fromModel(model, { executionProviders: ['reference'] });
  const out = await session.run(set.inputs as never);
  return Object.entries(set.outputs).every(([name, v]) => compareValues(out[name] as never, v, { rtol: 0, atol: 0 }).ok);
}

describe('fuzz against a deliberately broken onnx-ts provider', () => {
  it('Abs [broken-abs] is reported, shrunk to a minimal case, and written as a replayable test folder', async () => {
    await ensureDefaultProviders();
    // Abs that forgets to negate values below -4 (float32 only; other dtypes are "unsupported").
    registerProvider({
      name: 'broken-abs', location: 'cpu',
      kernels: [{
        op: 'Abs', domain: '', provider: 'broken-abs', versions: [1], dtypes: ['float32'],
        run: (_ctx, [x]) => {
          const t = x as Tensor;
          return [new Tensor('float32', Float32Array.from(t.data as Float32Array, (v) => (v < -4 ? v : Math.abs(v))), t.dims)];
        },
      }],
    });
    const out = mkdtempSync(join(tmpdir(), 'onnx-ts-fuzz-'));
    const report = await fuzz({ backend: 'broken-abs', ops: ['Abs', 'Relu'], runs: 60, seed: 7, out });
    const abs = report.ops.find((r) => r.op === 'Abs')!;
    expect(abs.status).toBe('fail');
    expect(abs.failure!.kind).toBe('mismatch');
    // Shrinking leaves one offending element: a float32 tensor with a single value below -4.
    const x = abs.failure!.case.inputs[0].value as Tensor;
    expect(x.type).toBe('float32');
    expect(x.size).toBe(1);
    expect(readValues(x)[0]).toBeLessThan(-4);
    expect(abs.unsupported).toBeGreaterThan(0);
    // Relu has no kernel on the broken provider: unsupported, not a failure.
    expect(report.ops.find((r) => r.op === 'Relu')!.status).toBe('unsupported');
    const folder = abs.failure!.folder!;
    expect(readdirSync(join(folder, 'test_data_set_0')).sort()).toEqual(['input_0.pb', 'output_0.pb']);
    expect(await replays(folder)).toBe(true);
  });
});

describe.skipIf(!HAS_ORT_NODE)('fuzz against onnxruntime-node (optional peer; skipped when not installed)', () => {
  it('agrees on a handful of ops', async () => {
    const report = await fuzz({ backend: 'ort-node', ops: ['Add', 'Relu', 'Transpose', 'Softmax', 'MatMul', 'Conv', 'ReduceMean'], runs: 8, seed: 1 });
    for (const r of report.ops) {
      expect(r.status, `${r.op}: ${r.failure?.message}\n${r.failure?.text}`).not.toBe('fail');
      expect(r.ok, r.op).toBeGreaterThan(0);
    }
  });

  it('reports the one op a wrapped onnxruntime-node perturbs, with a shrunk case as a test folder', async () => {
    const ort = await openBackend('ort-node');
    // onnxruntime-node, except that Sigmoid's output comes back 1e-2 too high where the input is positive.
    const perturbing: Backend = {
      name: 'ort-node-broken-sigmoid',
      async run(model, feeds) {
        const out = await ort.run(model, feeds);
        if (!loadModel(model).graph.nodes.some((n) => n.op === 'Sigmoid')) return out;
        const x = feeds.in0 as Tensor, y = out.out0 as Tensor;
        if (y.type !== 'float32') return out;
        const xs = readValues(x);
        return { ...out, out0: new Tensor('float32', Float32Array.from(y.data as Float32Array, (v, i) => (xs[i] > 0 ? v + 1e-2 : v)), y.dims) };
      },
    };
    const dir = mkdtempSync(join(tmpdir(), 'onnx-ts-fuzz-'));
    const report = await fuzz({ backend: perturbing, ops: ['Sigmoid', 'Tanh', 'Relu'], runs: 30, seed: 3, out: dir });
    const byOp = Object.fromEntries(report.ops.map((r) => [r.op, r]));
    expect(byOp.Sigmoid.status).toBe('fail');
    expect(byOp.Tanh.status).not.toBe('fail');
    expect(byOp.Relu.status).not.toBe('fail');
    const c = byOp.Sigmoid.failure!.case;
    // Shrunk: a small float32 input with a positive element (chain-drawn shapes shrink less than values).
    const x = c.inputs[0].value as Tensor;
    expect(x.type).toBe('float32');
    expect(x.size).toBeLessThanOrEqual(8);
    expect(Array.from(readValues(x)).some((v) => v > 0)).toBe(true);
    expect(existsSync(join(dir, 'Sigmoid-ort-node-broken-sigmoid', 'model.onnx'))).toBe(true);
    expect(await replays(join(dir, 'Sigmoid-ort-node-broken-sigmoid'))).toBe(true);
  });

  // The fixture adds 0.5 to every element of the output it is told (as a Float32Array): Celu is float32-only.
  it('CLI: exit 1 and a failure summary for a module path backend that perturbs outputs', () => {
    const out = mkdtempSync(join(tmpdir(), 'onnx-ts-fuzz-cli-'));
    let status = 0, stdout = '';
    try {
      stdout = execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'fuzz', '--backend', 'test/fixtures/perturbing-ort.mjs', '--op', 'Celu',
        '--runs', '10', '--out', out], { cwd: REPO_ROOT, env: { ...process.env, ONNX_TS_PERTURB: 'out0' }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    } catch (e) {
      status = (e as { status: number }).status;
      stdout = (e as { stdout: string }).stdout;
    }
    expect(status).toBe(1);
    expect(stdout).toMatch(/mismatch \(1\):\n {2}Celu: output 0: /);
    expect(existsSync(join(out, 'Celu-test_fixtures_perturbing-ort.mjs', 'model.onnx'))).toBe(true);
  }, 60_000);
});

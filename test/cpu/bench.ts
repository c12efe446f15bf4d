/**
 * cpu provider speed on the real models, against the reference provider and onnxruntime-web's
 * single-threaded wasm backend, in one process (the numbers the thresholds in
 * src/kernels/cpu/selection.ts and the README cite come from here).
 *
 *   npx tsx test/cpu/bench.ts [--runs N] [--no-ort] [--ops] [MODEL ...]   (default: resnet18_opset17 tinybert_opset17)
 *
 * Prints one line per model: each provider's median CPU and wall time over N runs after one warm-up
 * (the reference gets one run: it is slow), and with
 * --ops the cpu run's time per op type.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MODELS_DIR } from '../../conformance/paths.js';
import { loadModel } from '../../src/ir/load.js';
import { readDataSets } from '../../src/io/test-folder.js';
import type { Tensor } from '../../src/ir/tensor.js';
import { InferenceSession } from '../../src/runtime/inference-session.js';

const args = process.argv.slice(2);
const flag = (f: string) => { const i = args.indexOf(f); if (i >= 0) args.splice(i, 1); return i >= 0; };
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args.splice(runsAt, 2)[1]) : 3;
const noOrt = flag('--no-ort');
const perOp = flag('--ops');
const names = args.length ? args : ['resnet18_opset17', 'tinybert_opset17'];
if (!MODELS_DIR) { console.error('no models folder (set ONNX_TS_MODELS)'); process.exit(2); }

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Median wall time and median CPU time (process.cpuUsage) of `n` runs after a warm-up. The CPU time
 * is what to compare on a shared machine: with other jobs on the cores, wall time mostly measures
 * the queue (a load average of 10 on 2 cores stretched wall times about 4x while CPU times held).
 */
async function time(run: () => Promise<unknown>, n: number): Promise<string> {
  await run();
  const wall: number[] = [], cpu: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = performance.now(), u = process.cpuUsage();
    await run();
    const d = process.cpuUsage(u);
    wall.push(performance.now() - s);
    cpu.push((d.user + d.system) / 1000);
  }
  return `${median(cpu).toFixed(0)} ms cpu (${median(wall).toFixed(0)} ms wall)`;
}

for (const name of names) {
  const path = join(MODELS_DIR, name, 'model.onnx');
  const [set] = readDataSets(join(MODELS_DIR, name), loadModel(readFileSync(path)));
  const feeds = set.inputs as Record<string, Tensor>;
  const results: string[] = [];
  for (const provider of ['cpu', 'reference'] as const) {
    const session = await InferenceSession.create(path, { executionProviders: [provider] });
    const ms = await time(() => session.run(feeds), provider === 'reference' ? 1 : runs);
    results.push(`${provider} ${ms}`);
    if (perOp && provider === 'cpu') {
      const byOp = new Map<string, number>();
      await session.run(feeds, { onNode: (e: { node: { op: string }; provider: string; durationMs: number }) => {
        const k = `${e.node.op}@${e.provider}`;
        byOp.set(k, (byOp.get(k) ?? 0) + e.durationMs);
      } });
      console.log(`  ${name} cpu per op: ${[...byOp].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}`);
    }
  }
  if (!noOrt) {
    try {
      const ort = await import('onnxruntime-web');
      ort.env.wasm.numThreads = 1;
      const session = await ort.InferenceSession.create(readFileSync(path), { executionProviders: ['wasm'] });
      const ortFeeds = Object.fromEntries(Object.entries(feeds).map(([k, t]) => [k, new ort.Tensor(t.type as never, t.data as never, t.dims)]));
      const ms = await time(() => session.run(ortFeeds), runs);
      results.push(`ort-web wasm (1 thread) ${ms}`);
    } catch (e) {
      results.push(`ort-web: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  console.log(`${name}: ${results.join(' | ')}`);
}

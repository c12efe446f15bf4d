/**
 * Optimizer levels on the real models: node count, planned peak memory against the sum of all
 * intermediates, the buffer pool's measured peak and new buffers per steady-state run,
 * session-creation time and median run latency at each graphOptimizationLevel (plus 'all' with
 * enableMemPattern off, to show what recycling buys), with the change against 'disabled'
 * measured in the same process.
 *
 *   npx tsx bench/optimizer-levels.ts [--runs N] [MODEL_NAME ...]      (default: every model, 3 runs)
 *
 * Prints a markdown table. Inputs are each model's test_data_set_0. Runs use the default providers,
 * interleaved across levels; the machine's other load still shows up as noise, so compare medians.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { MODELS_DIR } from '../conformance/paths.js';
import { loadModelFile } from '../src/io/node-files.js';
import { readDataSets } from '../src/io/test-folder.js';
import { planMemory } from '../src/passes/memory-plan.js';
import { OPTIMIZATION_LEVELS } from '../src/passes/pipelines.js';
import { InferenceSession } from '../src/runtime/inference-session.js';

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args.splice(runsAt, 2)[1]) : 3;
if (!MODELS_DIR) { console.error('no models folder (set ONNX_TS_MODELS)'); process.exit(2); }
const names = args.length ? args : readdirSync(MODELS_DIR).filter((d) => existsSync(join(MODELS_DIR!, d, 'model.onnx'))).sort();

const kib = (b: number) => `${(b / 1024).toFixed(0)} KiB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

console.log(`| model | level | nodes | planned peak | all intermediates | free-after-last-use peak | in-place (planned) | pool peak (measured) | new buffers per run | create ms | run ms (median of ${runs}) | vs disabled |`);
console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const name of names) {
  const folder = join(MODELS_DIR, name);
  const load = () => loadModelFile(join(folder, 'model.onnx'));
  const [set] = readDataSets(folder, load());
  // One session per level, then the runs interleaved level by level, so that load from other
  // processes falls on every level alike.
  const sessions: { level: string; session: InferenceSession; createMs: number; newPerRun?: number }[] = [];
  const variants = [...OPTIMIZATION_LEVELS.map((level) => ({ level, label: level, pool: true })), { level: 'all' as const, label: 'all, no mem pattern', pool: false }];
  for (const { level, label, pool } of variants) {
    const t0 = performance.now();
    const session = await InferenceSession.fromModel(load(), { graphOptimizationLevel: level, enableMemPattern: pool });
    sessions.push({ level: label, session, createMs: performance.now() - t0 });
    await session.run(set.inputs as never); // warm-up
    const created = session.memoryStats?.created ?? 0;
    await session.run(set.inputs as never);
    sessions[sessions.length - 1].newPerRun = session.memoryStats ? session.memoryStats.created - created : undefined;
  }
  const times = sessions.map(() => [] as number[]);
  for (let i = 0; i < runs; i++) {
    for (const [k, { session }] of sessions.entries()) {
      const s = performance.now();
      await session.run(set.inputs as never);
      times[k].push(performance.now() - s);
    }
  }
  const base = median(times[0]);
  for (const [k, { level, session, createMs, newPerRun }] of sessions.entries()) {
    const plan = planMemory(session.model.graph);
    const ms = median(times[k]);
    const change = `${ms <= base ? '' : '+'}${(((ms - base) / base) * 100).toFixed(1)} %`;
    const stats = session.memoryStats;
    console.log(`| ${name} | ${level} | ${session.model.graph.nodes.length} | ${kib(plan.plannedPeakBytes)} | ${kib(plan.intermediateBytes)} | ${kib(plan.livenessPeakBytes)} | ${plan.inPlace.length} | ${stats ? kib(stats.peakLiveBytes) : '–'} | ${newPerRun ?? '–'} | ${createMs.toFixed(0)} | ${ms.toFixed(1)} | ${level === 'disabled' ? '' : change} |`);
  }
}

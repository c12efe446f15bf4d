/**
 * Optimizer levels on the real models: node count, planned peak memory against the sum of all
 * intermediates, session-creation time and median run latency at each graphOptimizationLevel,
 * with the change against 'disabled' measured in the same process.
 *
 *   npx tsx bench/optimizer-levels.ts [--runs N] [MODEL_NAME ...]      (default: every model, 3 runs)
 *
 * Prints a markdown table. Inputs are each model's test_data_set_0. Runs use the default providers.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MODELS_DIR } from '../conformance/paths.js';
import { loadModel } from '../src/ir/load.js';
import { externalReader } from '../src/io/node-files.js';
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

console.log(`| model | level | nodes | planned peak | all intermediates | free-after-last-use peak | in-place | create ms | run ms (median of ${runs}) | vs disabled |`);
console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const name of names) {
  const folder = join(MODELS_DIR, name);
  const load = () => loadModel(readFileSync(join(folder, 'model.onnx')), { readExternal: externalReader(folder) });
  const [set] = readDataSets(folder, load());
  let base: number | undefined;
  for (const level of OPTIMIZATION_LEVELS) {
    const model = load();
    const t0 = performance.now();
    const session = await InferenceSession.fromModel(model, { graphOptimizationLevel: level });
    const createMs = performance.now() - t0;
    const plan = planMemory(session.model.graph);
    await session.run(set.inputs as never); // warm-up
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const s = performance.now();
      await session.run(set.inputs as never);
      times.push(performance.now() - s);
    }
    const ms = median(times);
    base ??= ms;
    const change = `${ms <= base ? '' : '+'}${(((ms - base) / base) * 100).toFixed(1)} %`;
    console.log(`| ${name} | ${level} | ${session.model.graph.nodes.length} | ${kib(plan.plannedPeakBytes)} | ${kib(plan.intermediateBytes)} | ${kib(plan.livenessPeakBytes)} | ${plan.inPlace.length} | ${createMs.toFixed(0)} | ${ms.toFixed(1)} | ${level === 'disabled' ? '' : change} |`);
  }
}

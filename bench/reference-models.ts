/**
 * The reference provider on the real models: load time, one warm run, and the ops that take the
 * most time (the codegen issue's first targets). Not a timed test; run with
 * `npx tsx bench/reference-models.ts [--level disabled|all] [model ...]`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InferenceSession } from '../src/runtime/inference-session.js';
import { loadModel } from '../src/ir/load.js';
import { readDataSets } from '../src/io/test-folder.js';
import { MODELS_DIR } from '../conformance/paths.js';
import type { GraphOptimizationLevel } from '../src/passes/pipelines.js';
import { topOps } from '../src/tools/profiler.js';

const args = process.argv.slice(2);
const levelIndex = args.indexOf('--level');
const level = (levelIndex >= 0 ? args[levelIndex + 1] : 'disabled') as GraphOptimizationLevel;
const names = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--level');
if (!MODELS_DIR) { console.log('models not found (ONNX_TS_MODELS or ../shared/models)'); process.exit(0); }
const models = names.length ? names : readdirSync(MODELS_DIR).filter((d) => existsSync(join(MODELS_DIR!, d, 'model.onnx'))).sort();

console.log(`| model | load ms | run ms (warm) | top ops by time (reference, level ${level}) |`);
console.log('|---|---|---|---|');
for (const name of models) {
  const path = join(MODELS_DIR, name, 'model.onnx');
  const t0 = performance.now();
  const session = await InferenceSession.create(path, { executionProviders: ['reference'], graphOptimizationLevel: level, enableProfiling: true });
  const loadMs = performance.now() - t0;
  const [set] = readDataSets(join(MODELS_DIR, name), loadModel(readFileSync(path)));
  await session.run(set.inputs as never); // warm-up
  const t1 = performance.now();
  await session.run(set.inputs as never);
  const runMs = performance.now() - t1;
  // Run 2 is the timed one (run 1 warmed up).
  const top = topOps(session.profile!, 2).slice(0, 3).map((e) => `${e.op} ${e.totalMs.toFixed(0)} ms (${((100 * e.totalMs) / runMs).toFixed(0)} %)`);
  console.log(`| ${name} | ${loadMs.toFixed(0)} | ${runMs.toFixed(0)} | ${top.join(', ')} |`);
}

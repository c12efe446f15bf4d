/**
 * `npm run bench:browser`: onnx-ts's wasm provider against onnxruntime-web's wasm backend inside
 * headless Chromium (Debian's, through playwright-core), on the real models of ../shared/models.
 *
 *   npm run bench:browser [-- --time MS] [--rounds N] [--cases resnet,tinybert]
 *
 * Configurations, each in a fresh page (ORT-web's thread count is fixed at its first session):
 * - onnx-ts on a cross-origin-isolated page (shared memory: activations stay in wasm memory) at 1
 *   and 2 threads (Web Workers), and on a plain page (unshared memory: each kernel copies its output
 *   out; no SharedArrayBuffer, so 1 thread).
 * - ORT-web (ort.wasm.bundle.min.mjs from node_modules) on the isolated page at 1 and 2 threads.
 * Each row is the median of one configuration's timed runs (after 3 warm-up runs); the list runs
 * `--rounds` times, interleaved, and each row keeps its best median. Not a test: timings depend on
 * the machine and its load.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MODELS_DIR, REPO_ROOT } from '../conformance/paths.js';
import type { Tensor } from '../src/ir/tensor.js';
import { loadModelFile } from '../src/io/node-files.js';
import { readDataSets } from '../src/io/test-folder.js';
import { bundleForBrowser, CHROMIUM, FEEDS_OF_JS, haveChromium, launchChromium, pageErrors, pageInput, RUNNER_PAGE, startPageServer } from '../test/browser/page-server.js';

const MODEL_CASES = ['resnet18_opset17', 'mobilenet_v2_opset13', 'squeezenet1_1_opset13', 'tinybert_opset17', 'tinybert_dyn_opset17', 'lstm_bidi2_opset13',
  'unet_tiny_opset13'];

const CONFIGS = [
  { label: 'onnx-ts, isolated page', runtime: 'onnx-ts', mode: 'isolated', threads: 1 },
  { label: 'onnx-ts, isolated page', runtime: 'onnx-ts', mode: 'isolated', threads: 2 },
  { label: 'onnx-ts, plain page', runtime: 'onnx-ts', mode: 'plain', threads: 1 },
  { label: 'ORT-web', runtime: 'ort-web', mode: 'isolated', threads: 1 },
  { label: 'ORT-web', runtime: 'ort-web', mode: 'isolated', threads: 2 },
] as const;

/** The page's side: one session of either runtime, warm-up, then timed runs for `timeMs`. */
const RUNNER = `
import * as onnxts from './lib.js';
import * as ort from './ort/ort.wasm.bundle.min.mjs';
${FEEDS_OF_JS}
globalThis.bench = async ({ runtime, threads, url, input, timeMs }) => {
  const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
  let run;
  if (runtime === 'onnx-ts') {
    const s = await onnxts.InferenceSession.create(bytes, { intraOpNumThreads: threads });
    const feeds = feedsOf(onnxts, input);
    run = () => s.run(feeds);
  } else {
    ort.env.wasm.numThreads = threads;
    ort.env.logLevel = 'error';
    const s = await ort.InferenceSession.create(bytes, { executionProviders: ['wasm'] });
    const feeds = feedsOf(ort, input);
    run = () => s.run(feeds);
  }
  for (let i = 0; i < 3; i++) await run();
  const times = [];
  const until = performance.now() + timeMs;
  while (times.length < 10 || (performance.now() < until && times.length < 2000)) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const workerChunks = runtime === 'onnx-ts' ? onnxts.threadPool()?.workerChunks ?? 0 : undefined;
  return { median: times[times.length >> 1], runs: times.length, isolated: globalThis.crossOriginIsolated === true, workerChunks };
};
`;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  if (!haveChromium) throw new Error(`no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
  if (!MODELS_DIR) throw new Error('no model folder (../shared/models or ONNX_TS_MODELS)');
  const timeMs = Number(arg('--time') ?? 1500), rounds = Number(arg('--rounds') ?? 2);
  const only = arg('--cases')?.split(',');
  const names = MODEL_CASES.filter((m) => existsSync(join(MODELS_DIR!, m, 'model.onnx')) && (!only || only.some((o) => m.includes(o))));
  const ortDir = join(REPO_ROOT, 'node_modules/onnxruntime-web/dist');
  const files: Record<string, Uint8Array | string> = { '/': RUNNER_PAGE, '/lib.js': await bundleForBrowser(), '/runner.js': RUNNER };
  const server = await startPageServer((path) => {
    if (files[path] !== undefined) return files[path];
    if (path.startsWith('/ort/') && /^[\w.-]+$/.test(path.slice(5)) && existsSync(join(ortDir, path.slice(5)))) return readFileSync(join(ortDir, path.slice(5)));
    const m = /^\/models\/([\w.-]+)\.onnx$/.exec(path);
    return m && names.includes(m[1]) ? readFileSync(join(MODELS_DIR!, m[1], 'model.onnx')) : undefined;
  });
  const browser = await launchChromium();
  const best = new Map<string, number>();
  try {
    for (let round = 0; round < rounds; round++) {
      for (const name of names) {
        const folder = join(MODELS_DIR!, name);
        const [set] = readDataSets(folder, loadModelFile(join(folder, 'model.onnx')));
        const input = pageInput(set.inputs as Record<string, Tensor>);
        for (const c of CONFIGS) {
          const page = await browser.newPage();
          const errors = pageErrors(page);
          try {
            await page.goto(`${server.base}/${c.mode}/`);
            await page.waitForFunction(() => 'bench' in globalThis, undefined, { timeout: 20_000 });
            const r = await page.evaluate((a) => (globalThis as unknown as { bench: (x: unknown) => Promise<{ median: number; runs: number; isolated: boolean; workerChunks?: number }> }).bench(a),
              { runtime: c.runtime, threads: c.threads, url: `${server.base}/${c.mode}/models/${name}.onnx`, input, timeMs });
            if (r.isolated !== (c.mode === 'isolated')) throw new Error(`page isolation is ${r.isolated}`);
            const key = `${name}|${c.label}|${c.threads}`;
            best.set(key, Math.min(best.get(key) ?? Infinity, r.median));
            const chunks = r.workerChunks === undefined ? '' : `, ${r.workerChunks} chunks run by workers`;
            console.log(`[round ${round + 1}] ${name} ${c.label} ${c.threads}t: ${r.median.toFixed(2)} ms (${r.runs} runs${chunks})`);
          } catch (e) {
            console.log(`[round ${round + 1}] ${name} ${c.label} ${c.threads}t: failed: ${String((e as Error).message).split('\n')[0]} ${errors.join(' | ')}`);
          } finally {
            await page.close();
          }
        }
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  console.log(`\nChromium, best median (ms) over ${rounds} rounds\n`);
  console.log('| model | onnx-ts, isolated page | onnx-ts, isolated, 2 threads | onnx-ts, plain page | ORT-web 1 thread | ORT-web 2 threads | ORT-web 1t / onnx-ts isolated | ORT-web 2t / onnx-ts isolated 2t | ORT-web 1t / onnx-ts plain |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const name of names) {
    const v = (label: string, t: number) => best.get(`${name}|${label}|${t}`);
    const iso = v('onnx-ts, isolated page', 1), iso2 = v('onnx-ts, isolated page', 2), plain = v('onnx-ts, plain page', 1);
    const o1 = v('ORT-web', 1), o2 = v('ORT-web', 2);
    const f = (x?: number) => (x === undefined ? '–' : x < 1 ? x.toFixed(3) : x.toFixed(1));
    const ratio = (a?: number, b?: number) => (a && b ? `${(a / b).toFixed(2)}×` : '–');
    console.log(`| ${name} | ${f(iso)} | ${f(iso2)} | ${f(plain)} | ${f(o1)} | ${f(o2)} | ${ratio(o1, iso)} | ${ratio(o2, iso2)} | ${ratio(o1, plain)} |`);
  }
}

await main();

// The wasm provider in a real browser: Debian's Chromium, headless, driven by playwright-core.
// The library is bundled for the browser by esbuild into one file (page-server.ts), a page runs
// models on ['wasm', 'cpu'], and the outputs are compared with the same session in Node. Two pages:
// - plain: no SharedArrayBuffer, so the runtime's memory is unshared and every kernel copies its
//   output out (src/kernels/wasm/runtime.ts);
// - cross-origin isolated (COOP/COEP headers): a shared memory, whose blocks the buffer pool keeps
//   activations in between wasm kernels.
// Skipped, saying so, where no Chromium is installed (.ci/run installs Debian's).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODELS_DIR, REPO_ROOT } from '../../conformance/paths.js';
import type { Tensor } from '../../src/ir/tensor.js';
import { loadModelFile } from '../../src/io/node-files.js';
import { readDataSets } from '../../src/io/test-folder.js';
import { InferenceSession } from '../../src/runtime/inference-session.js';
import { bundleForBrowser, CHROMIUM, FEEDS_OF_JS, haveChromium, launchChromium, pageErrors, pageInput, RUNNER_PAGE, startPageServer, type PageInput,
  type PageServer } from './page-server.js';

/** Model folders (model.onnx + test_data_set_0): the bundled example always, a real CNN when shared/ is there. */
const MODELS = [
  join(REPO_ROOT, 'examples/digits'),
  ...(MODELS_DIR ? [join(MODELS_DIR, 'squeezenet1_1_opset13')] : []),
].filter((f) => existsSync(join(f, 'model.onnx')));

/**
 * The page's side, as plain module text (a function passed to page.evaluate would go through
 * vitest's transform, which rewrites import()): creates a session from the model's bytes, runs it
 * twice (the second run reuses the pool's storage), and reports the outputs and the memory it ran on.
 */
const RUNNER = `
import * as lib from './lib.js';
const { InferenceSession, getRuntime, threadPool } = lib;
${FEEDS_OF_JS}
globalThis.runModel = async (url, input, threads) => {
  const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
  const session = await InferenceSession.create(bytes, { executionProviders: ['wasm', 'cpu'], intraOpNumThreads: threads });
  const feeds = feedsOf(lib, input);
  await session.run(feeds);
  const out = await session.run(feeds);
  const rt = await getRuntime();
  const result = {
    poolThreads: threadPool()?.threads ?? 1, workerChunks: threadPool()?.workerChunks ?? 0,
    isolated: globalThis.crossOriginIsolated === true, shared: rt.shared, relaxed: rt.relaxed, lent: rt.heapStats.lent,
    outputs: Object.fromEntries(Object.entries(out).map(([k, t]) => [k, Array.from(t.data)])),
    dims: Object.fromEntries(Object.entries(out).map(([k, t]) => [k, [...t.dims]])),
  };
  await session.release();
  // A path needs Node's file access: a clear error, not a TypeError from the left-out module.
  result.pathError = await InferenceSession.create('model.onnx').then(() => 'no error', (e) => e.name + ': ' + e.message);
  return result;
};
`;

type RunModel = (url: string, input: PageInput, threads: number) => Promise<PageResult>;

interface PageResult {
  poolThreads: number; workerChunks: number;
  isolated: boolean; shared: boolean; relaxed: boolean; lent: number; pathError: string;
  outputs: Record<string, number[]>; dims: Record<string, number[]>;
}

describe.skipIf(!haveChromium)(`wasm provider in Chromium (${CHROMIUM})`, () => {
  let server: PageServer;
  let browser: import('playwright-core').Browser;

  beforeAll(async () => {
    const lib = await bundleForBrowser();
    const models = new Map(MODELS.map((f, i) => [`/model${i}.onnx`, readFileSync(join(f, 'model.onnx'))]));
    const files: Record<string, Uint8Array | string> = { '/': RUNNER_PAGE, '/lib.js': lib, '/runner.js': RUNNER };
    server = await startPageServer((path) => files[path] ?? models.get(path));
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  // Two threads on both pages: Web Workers on the isolated one, one thread on the plain one (no
  // SharedArrayBuffer there), as ORT-web does.
  const configs = [['plain', 1], ['isolated', 1], ['plain', 2], ['isolated', 2]] as const;
  for (const [mode, threads] of configs) {
    MODELS.forEach((folder, i) => {
      const name = folder.split('/').pop();
      it(`${name} on a ${mode} page${threads > 1 ? `, intraOpNumThreads ${threads},` : ''} matches Node`, async () => {
        const model = loadModelFile(join(folder, 'model.onnx'));
        const [set] = readDataSets(folder, model);
        const feeds = set.inputs as Record<string, Tensor>;
        const node = await InferenceSession.create(readFileSync(join(folder, 'model.onnx')), { executionProviders: ['wasm', 'cpu'] });
        const expected = await node.run(feeds);
        await node.release();

        const page = await browser.newPage();
        const errors = pageErrors(page);
        try {
          await page.goto(`${server.base}/${mode}/`);
          const input = pageInput(feeds);
          await page.waitForFunction(() => 'runModel' in globalThis, undefined, { timeout: 10_000 })
            .catch((e: Error) => { throw new Error(`${e.message}\npage errors: ${errors.join('\n') || 'none'}`); });
          // The workers run chunks of split kernels from the first run on (the session waits for
          // them to start): a CNN's convolutions are big enough to split.
          const splits = mode === 'isolated' && threads > 1 && name !== 'digits';
          const got = await page.evaluate(({ url, input, threads }) => (globalThis as unknown as { runModel: RunModel }).runModel(url, input, threads),
            { url: `${server.base}/${mode}/model${i}.onnx`, input, threads });

          expect(got.pathError).toMatch(/^InvalidArgumentError: a model path .* needs Node\.js file access/);
          expect(got.isolated).toBe(mode === 'isolated');
          expect(got.poolThreads).toBe(mode === 'isolated' ? threads : 1);
          if (splits) expect(got.workerChunks).toBeGreaterThan(0);
          expect(got.shared).toBe(mode === 'isolated');
          // Blocks lent to the session's pool: activations stayed in wasm memory (isolated page only).
          if (mode === 'plain') expect(got.lent).toBe(0);
          else expect(got.lent).toBeGreaterThan(0);
          // The same kernels on both sides; only relaxed-SIMD multiply-adds may round differently
          // between the two engines (fused or not), far below this bound.
          for (const [k, t] of Object.entries(expected)) {
            const want = (t as Tensor).data as Float32Array;
            expect(got.dims[k]).toEqual([...(t as Tensor).dims]);
            let worst = 0;
            got.outputs[k].forEach((v, j) => { worst = Math.max(worst, Math.abs(v - want[j]) / (1 + Math.abs(want[j]))); });
            expect(worst, `${k}: worst relative difference from Node`).toBeLessThan(1e-4);
          }
        } finally {
          await page.close();
        }
      });
    });
  }
});

/**
 * What the browser test and the browser benchmark share: onnx-ts bundled for the browser, a local
 * HTTP server for the pages, and headless Chromium (Debian's, driven by playwright-core).
 *
 * The server answers `/plain/…` as is and `/isolated/…` with the COOP/COEP headers that make a
 * page cross-origin isolated (SharedArrayBuffer, so the wasm runtime's memory is shared).
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build } from 'esbuild';
import { REPO_ROOT } from '../../conformance/paths.js';
import type { Tensor } from '../../src/ir/tensor.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const haveChromium = existsSync(CHROMIUM);

/**
 * test/browser/entry.ts (the public API plus the wasm runtime) as one ES module. One file, esbuild's
 * default: the Node-only modules the core reaches by dynamic import (src/io/) are inlined, so their
 * static `import 'node:fs'` would sit at the top of it and stop a page from loading, unless the
 * package's "browser" field leaves them out (it does).
 */
export async function bundleForBrowser(): Promise<Uint8Array> {
  const bundle = await build({
    entryPoints: [join(REPO_ROOT, 'test/browser/entry.ts')], bundle: true, format: 'esm', platform: 'browser',
    external: ['node:*'], write: false, logLevel: 'silent',
  });
  return bundle.outputFiles[0].contents;
}

/** A page whose only content is the module `runner.js` (each user serves its own). */
export const RUNNER_PAGE = '<!doctype html><title>onnx-ts</title><script type="module" src="runner.js"></script>';

/** Feeds as a page receives them through page.evaluate (plain arrays; int64 as numbers). */
export type PageInput = Record<string, { type: string; dims: number[]; data: number[] }>;

/** `feeds` for page.evaluate. */
export function pageInput(feeds: Record<string, Tensor>): PageInput {
  return Object.fromEntries(Object.entries(feeds).map(([k, t]) =>
    [k, { type: t.type, dims: [...t.dims], data: Array.from(t.data as ArrayLike<number | bigint>, Number) }]));
}

/**
 * Page-side source of `feedsOf(lib, input)`: a PageInput back into `lib.Tensor`s (onnx-ts's or
 * onnxruntime-web's), for a runner.js to include.
 */
export const FEEDS_OF_JS = `
const feedArrays = { float32: Float32Array, int32: Int32Array, bool: Uint8Array };
function feedsOf(lib, input) {
  const feeds = {};
  for (const [k, v] of Object.entries(input)) {
    const data = v.type === 'int64' ? BigInt64Array.from(v.data, BigInt) : feedArrays[v.type].from(v.data);
    feeds[k] = new lib.Tensor(v.type, data, v.dims);
  }
  return feeds;
}
`;

/** Content types by extension, for what the pages fetch. */
const TYPES: Record<string, string> = { js: 'text/javascript', mjs: 'text/javascript', wasm: 'application/wasm', html: 'text/html' };

export interface PageServer {
  /** `http://127.0.0.1:PORT` */
  base: string;
  close(): Promise<void>;
}

/**
 * Serves `files` (path → bytes; '/' is the page) under both `/plain` and `/isolated`, and 404
 * for anything else.
 */
export async function startPageServer(files: (path: string) => Uint8Array | string | undefined): Promise<PageServer> {
  const server = createServer((req, res) => {
    const [, mode, path] = /^\/(plain|isolated)(\/[^?]*)/.exec(req.url ?? '') ?? [];
    const body = path ? files(path) : undefined;
    if (body === undefined) { res.statusCode = 404; res.end(); return; }
    if (mode === 'isolated') {
      res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
      res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
    }
    res.setHeader('Content-Type', path === '/' ? TYPES.html : TYPES[path.split('.').pop()!] ?? 'application/octet-stream');
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Headless Chromium. */
export async function launchChromium(): Promise<import('playwright-core').Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}

/** Collects a page's own errors, to show when it fails (a module that does not load never runs). */
export function pageErrors(page: import('playwright-core').Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  return errors;
}

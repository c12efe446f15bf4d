/**
 * `npm run conformance:onnx [-- --provider P] [--suite node ...] [--filter REGEX] [--all] [--update]`
 *
 * Runs the ONNX backend suite, prints a per-op table, writes `.reports/onnx-<provider>.json` and
 * `.md`, and enforces the ratchet: a test in `passing/<provider>.txt` that no longer passes fails
 * the run. `--update` adds newly passing tests to the list (it never removes any).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BACKEND_TESTS_DIR, REPO_ROOT } from '../paths.js';
import { SUITES, listTests, readManifest, readPassList, runTest, type TestResult } from './runner.js';

const args = process.argv.slice(2);
const opt = (name: string) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const multi = (name: string) => args.flatMap((a, i) => (a === name ? [args[i + 1]] : []));
const provider = opt('--provider') ?? 'reference';
const suites = multi('--suite').length ? multi('--suite') : [...SUITES];
const filter = opt('--filter') ? new RegExp(opt('--filter')!) : undefined;
const update = args.includes('--update');
const quiet = args.includes('--quiet');
// Default (CI) run: every test. `--sample N` runs every Nth for a quick look.
const sample = Number(opt('--sample') ?? 1);

if (!BACKEND_TESTS_DIR) {
  console.log('ONNX backend tests not found (set ONNX_BACKEND_TESTS or place them at ../shared/onnx/backend-tests); nothing to run.');
  process.exit(0);
}
const here = join(REPO_ROOT, 'conformance/onnx');
const manifestPath = join(here, 'manifest', `${provider}.txt`);
const passPath = join(here, 'passing', `${provider}.txt`);
const manifest = readManifest(manifestPath);
const passList = new Set(readPassList(passPath));

let ids = listTests(BACKEND_TESTS_DIR, suites).filter((id) => !filter || filter.test(id));
if (sample > 1) ids = ids.filter((_, i) => i % sample === 0);

const results: TestResult[] = [];
const t0 = performance.now();
const counts = { pass: 0, fail: 0, error: 0, excluded: 0 };
for (const [i, id] of ids.entries()) {
  let r: TestResult;
  if (manifest.has(id)) r = { id, status: 'excluded', message: manifest.get(id), ops: [], ms: 0 };
  else r = await runTest(BACKEND_TESTS_DIR, id, provider);
  results.push(r);
  counts[r.status]++;
  if (!quiet && process.stderr.isTTY) progress(i + 1, ids.length);
  if (!quiet && !process.stderr.isTTY && (r.status === 'fail' || r.status === 'error')) console.error(`${r.status.toUpperCase()} ${id}: ${r.message}`);
}
if (!quiet && process.stderr.isTTY) process.stderr.write('\n');
const seconds = (performance.now() - t0) / 1000;

function progress(done: number, total: number) {
  const width = 30;
  const filled = Math.round((done / total) * width);
  process.stderr.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} pass ${counts.pass} fail ${counts.fail} error ${counts.error} excluded ${counts.excluded}`);
}

// Per-op summary: a test counts for every op in its model.
const byOp = new Map<string, { pass: number; fail: number; excluded: number }>();
for (const r of results) {
  for (const op of r.ops.length ? r.ops : ['(unloaded)']) {
    const e = byOp.get(op) ?? { pass: 0, fail: 0, excluded: 0 };
    if (r.status === 'pass') e.pass++; else if (r.status === 'excluded') e.excluded++; else e.fail++;
    byOp.set(op, e);
  }
}
const fallbackNodes = results.reduce((n, r) => n + Object.entries(r.providers ?? {}).filter(([p]) => p !== provider).reduce((a, [, c]) => a + c, 0), 0);
const table = ['| op | passed | failed | excluded |', '|---|---|---|---|',
  ...[...byOp.entries()].sort().map(([op, e]) => `| ${op} | ${e.pass} | ${e.fail} | ${e.excluded} |`)].join('\n');

const regressions = results.filter((r) => passList.has(r.id) && r.status !== 'pass');
const summary = `${provider}: ${counts.pass} passed, ${counts.fail + counts.error} failed, ${counts.excluded} excluded of ${ids.length} in ${seconds.toFixed(1)} s` +
  (provider !== 'reference' ? `; ${fallbackNodes} nodes fell back to other providers` : '');

mkdirSync(join(REPO_ROOT, '.reports'), { recursive: true });
writeFileSync(join(REPO_ROOT, '.reports', `onnx-${provider}.json`), JSON.stringify({ provider, suites, counts, seconds, results }, null, 1));
writeFileSync(join(REPO_ROOT, '.reports', `onnx-${provider}.md`), `${summary}\n\n${table}\n`);
if (!quiet) console.log(table);
console.log(summary);

if (update) {
  const merged = new Set([...passList, ...results.filter((r) => r.status === 'pass').map((r) => r.id)]);
  mkdirSync(join(here, 'passing'), { recursive: true });
  writeFileSync(passPath, `# Tests that passed on '${provider}' (a ratchet: CI fails if one stops passing). Maintained by --update.\n${[...merged].sort().join('\n')}\n`);
  console.log(`pass list: ${merged.size} tests (${merged.size - passList.size} new)`);
}
if (regressions.length) {
  console.error(`RATCHET: ${regressions.length} test(s) that passed before now fail:`);
  for (const r of regressions) console.error(`  ${r.id}: ${r.message}`);
  process.exit(1);
}

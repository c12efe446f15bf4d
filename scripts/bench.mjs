// Runs a benchmark from bench/ as plain compiled JavaScript, the way users run the package.
//
//   node scripts/bench.mjs <name> [args...]      (name: run, optimizer-levels, reference-models, browser)
//
// Why not tsx: tsx compiles with esbuild's keepNames, which wraps every named closure in a
// __name() call (Object.defineProperty) each time it is created. The executor makes a few per
// node, and a 500-node chain of 4-element Relus cost 6.2 µs of CPU per node under tsx against
// 3.7 µs compiled by tsc (09:20 UTC, shared box) — enough to distort small-op models such as
// tinybert. So the entry is bundled once with esbuild (packages stay external, no keepNames) into
// .bench-dist/, which sits at the repository root so that paths relative to the repo still hold.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [name, ...args] = process.argv.slice(2);
const entry = join(root, 'bench', `${name}.ts`);
if (!name || !existsSync(entry)) {
  console.error('usage: node scripts/bench.mjs <run|optimizer-levels|reference-models|browser> [args...]');
  process.exit(2);
}
const outfile = join(root, '.bench-dist', `${name}.mjs`);
await build({
  entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20',
  packages: 'external', sourcemap: true, logLevel: 'warning',
});
const res = spawnSync(process.execPath, ['--enable-source-maps', outfile, ...args], { stdio: 'inherit' });
process.exit(res.status ?? 1);

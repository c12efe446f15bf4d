/**
 * The one codegen entry: `npx tsx codegen/main.ts` regenerates every provider's generated kernels;
 * `--check` regenerates them in memory and exits 1 when any committed file differs, is missing, or
 * is a stale `*.gen.*` file no variant produces (CI runs it as `npm run codegen:check`).
 *
 * Each generator returns path → contents (text or bytes), paths relative to the repository root,
 * and names the folders it owns so stale files there are caught.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CPU_OUT_DIR, generateCpu } from './cpu/generate.js';

/** Generated files of one provider. */
export interface GeneratedSet {
  name: string;
  /** Folders (relative to the root) whose `*.gen.*` files all come from this generator. */
  owns: string[];
  files: Map<string, string | Uint8Array>;
}

export const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..');

/**
 * Runs every generator. The wasm one (codegen/wasm/generate.ts, built alongside) is picked up when
 * present: it exports `generate(root)` returning the same path → contents map, and `OUT_DIR`.
 */
export async function generateAll(root = ROOT): Promise<GeneratedSet[]> {
  const sets: GeneratedSet[] = [{ name: 'cpu', owns: [CPU_OUT_DIR], files: generateCpu(root) }];
  const wasmEntry = join(root, 'codegen/wasm/generate.ts');
  if (existsSync(wasmEntry)) {
    const mod = (await import(pathToFileURL(wasmEntry).href)) as {
      generate?: (root: string) => Map<string, string | Uint8Array> | Promise<Map<string, string | Uint8Array>>;
      OUT_DIR?: string;
    };
    if (mod.generate) sets.push({ name: 'wasm', owns: mod.OUT_DIR ? [mod.OUT_DIR] : [], files: await mod.generate(root) });
  }
  return sets;
}

/** Differences between generated sets and the files under `root`: one line per drifted file. */
export function checkDrift(sets: readonly GeneratedSet[], root = ROOT): string[] {
  const problems: string[] = [];
  for (const set of sets) {
    for (const [path, want] of set.files) {
      const full = join(root, path);
      if (!existsSync(full)) { problems.push(`${set.name}: ${path} is missing`); continue; }
      const have = readFileSync(full);
      const same = typeof want === 'string' ? have.toString('utf8') === want : Buffer.compare(have, Buffer.from(want)) === 0;
      if (!same) problems.push(`${set.name}: ${path} differs from what codegen/${set.name} generates`);
    }
    for (const dir of set.owns) {
      if (!existsSync(join(root, dir))) continue;
      for (const f of readdirSync(join(root, dir))) {
        const path = `${dir}/${f}`;
        if (/\.gen\.[a-z]+$/.test(f) && !set.files.has(path)) problems.push(`${set.name}: ${path} is stale (no variant generates it)`);
      }
    }
  }
  return problems;
}

/** Writes every generated file under `root`. */
export function writeAll(sets: readonly GeneratedSet[], root = ROOT): number {
  let n = 0;
  for (const set of sets) {
    for (const [path, contents] of set.files) {
      const full = join(root, path);
      mkdirSync(dirname(full), { recursive: true });
      const old = existsSync(full) ? readFileSync(full) : undefined;
      const buf = typeof contents === 'string' ? Buffer.from(contents, 'utf8') : Buffer.from(contents);
      if (old && Buffer.compare(old, buf) === 0) continue;
      writeFileSync(full, buf);
      n++;
    }
  }
  return n;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const check = process.argv.includes('--check');
  const sets = await generateAll();
  const total = sets.reduce((n, s) => n + s.files.size, 0);
  if (check) {
    const problems = checkDrift(sets);
    if (problems.length) {
      console.error(`codegen drift (run \`npm run codegen\` and commit the result):\n  ${problems.join('\n  ')}`);
      process.exit(1);
    }
    console.log(`codegen: ${total} generated files match (${sets.map((s) => `${s.name} ${s.files.size}`).join(', ')})`);
  } else {
    const written = writeAll(sets);
    console.log(`codegen: ${total} files generated, ${written} written (${sets.map((s) => `${s.name} ${s.files.size}`).join(', ')})`);
  }
}

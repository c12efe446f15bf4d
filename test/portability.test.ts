// The core must run unchanged in browsers: nothing reachable through static imports from the
// public entry point may import a Node built-in. Node-only modules (src/io/, src/cli/) are reached
// only through dynamic import() when a path or a trace folder is given.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../conformance/paths.js';

const STATIC_IMPORT = /^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm;

/** Every module reachable from `entry` through static imports, with the specifiers it imports. */
function staticClosure(entry: string): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    const text = readFileSync(file, 'utf8');
    const specs = [...text.matchAll(STATIC_IMPORT)].map((m) => m[1] ?? m[2]).filter((s) => !/^\s*import\s+type\b/.test(s));
    // `import type` lines are erased at compile time; drop them before following.
    const typeOnly = new Set([...text.matchAll(/^\s*(?:import|export)\s+type\s[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]));
    const real = specs.filter((s) => !typeOnly.has(s));
    seen.set(file, real);
    for (const s of real) {
      if (!s.startsWith('.')) continue;
      const js = resolve(dirname(file), s);
      // Sources are .ts; the generated protobuf decoder is plain .js.
      visit(existsSync(js.replace(/\.js$/, '.ts')) ? js.replace(/\.js$/, '.ts') : js);
    }
  };
  visit(entry);
  return seen;
}

describe('browser portability', () => {
  it('the public entry point reaches no Node built-in through static imports', () => {
    const closure = staticClosure(join(REPO_ROOT, 'src/index.ts'));
    const offenders = [...closure].flatMap(([file, specs]) => specs.filter((s) => s.startsWith('node:') || ['fs', 'path', 'url', 'os', 'worker_threads', 'child_process'].includes(s)).map((s) => `${file.slice(REPO_ROOT.length + 1)} imports ${s}`));
    expect(offenders).toEqual([]);
    expect(closure.size).toBeGreaterThan(50); // the walk really followed the op specs
  });
});

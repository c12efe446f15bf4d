#!/usr/bin/env node
// Derives each op's schema per version (attributes, inputs, outputs, type constraints: names and
// types only) from the ONNX spec's Changelog.md and Changelog-ml.md, so `onnx-ts explain` can say
// what changed between versions. Writes src/cli/schema-history.gen.ts; --check fails on drift.
// The spec folder: ONNX_SPEC_DIR, else ../shared/onnx/spec (skips the check when absent).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const specDir = process.env.ONNX_SPEC_DIR ?? join(root, '../shared/onnx/spec');
const target = join(root, 'src/cli/schema-history.gen.ts');
const check = process.argv.includes('--check');

if (!existsSync(join(specDir, 'Changelog.md'))) {
  console.log(`schema history: spec folder ${specDir} not found; ${check ? 'check skipped' : 'nothing generated'}`);
  process.exit(0);
}

const history = {};
for (const file of ['Changelog.md', 'Changelog-ml.md']) {
  const text = readFileSync(join(specDir, file), 'utf8');
  const sections = text.split(/^### <a name="/m).slice(1);
  for (const section of sections) {
    const m = /^([A-Za-z0-9_.]+)-(\d+)"/.exec(section);
    if (!m) continue;
    const [, fullName, version] = m;
    const dot = fullName.lastIndexOf('.');
    const key = dot >= 0 ? fullName : fullName; // 'ai.onnx.ml.X' keeps its domain prefix
    const part = (heading) => {
      const start = section.search(new RegExp(`^#### ${heading}`, 'm'));
      if (start < 0) return [];
      const rest = section.slice(start);
      const end = rest.indexOf('</dl>');
      return [...rest.slice(0, end < 0 ? undefined : end).matchAll(/<dt><tt>([^<]+)<\/tt>([^<]*)<\/dt>/g)].map((d) => [d[1], d[2].replace(/\((non-)?differentiable\)/g, '').replace(/^\s*:?\s*/, '').replace(/\s+/g, ' ').trim()]);
    };
    const entry = {
      attributes: Object.fromEntries(part('Attributes')),
      inputs: part('Inputs').map(([n, t]) => `${n} ${t}`),
      outputs: part('Outputs').map(([n, t]) => `${n} ${t}`),
      types: Object.fromEntries(part('Type Constraints').map(([n, t]) => [n, t.replace(/tensor\(([^)]+)\)/g, '$1')])),
    };
    (history[key] ??= {})[version] = entry;
  }
}
const text = `// generated, do not edit: scripts/gen-schema-history.mjs from the ONNX spec's Changelog.md and Changelog-ml.md (v1.22.0)\n` +
  `/** Op (\`Name\` or \`domain.Name\`) → since-version → schema facts, for \`onnx-ts explain\`. */\n` +
  `export const SCHEMA_HISTORY: Record<string, Record<string, { attributes: Record<string, string>; inputs: string[]; outputs: string[]; types: Record<string, string> }>> = ${JSON.stringify(history)};\n`;
if (check) {
  const current = existsSync(target) ? readFileSync(target, 'utf8') : '';
  if (current !== text) { console.error(`drift: ${target} differs from what the spec generates; run node scripts/gen-schema-history.mjs`); process.exit(1); }
  console.log('schema history: matches the spec');
} else {
  writeFileSync(target, text);
  console.log(`schema history: ${Object.keys(history).length} ops written to ${target}`);
}

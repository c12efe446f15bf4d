/**
 * `onnx-ts explain OP [--opset N]`: the op's spec for learners — inputs, outputs, type constraints,
 * attributes with defaults, its versions and what changed in each (from the ONNX changelog), and
 * the file that holds its reference kernel.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALL_OPS } from '../ir/ops/index.js';
import { attrExistsAt, resolveVersion, type AttrSpec, type OpSpec } from '../ir/ops/spec.js';
import { SCHEMA_HISTORY } from './schema-history.gen.js';

type Schema = (typeof SCHEMA_HISTORY)[string][string];

export function explainCommand(op: string, opset?: number): number {
  const matches = ALL_OPS.filter((s) => s.name.toLowerCase() === op.toLowerCase() || `${s.domain}.${s.name}`.toLowerCase() === op.toLowerCase());
  if (!matches.length) {
    const near = ALL_OPS.filter((s) => s.name.toLowerCase().includes(op.toLowerCase())).map((s) => s.name).slice(0, 10);
    console.error(`no spec for op '${op}'${near.length ? `; did you mean ${near.join(', ')}?` : ''}`);
    return 2;
  }
  for (const spec of matches) printSpec(spec, opset);
  return 0;
}

function printSpec(spec: OpSpec<any>, opset?: number) {
  const fullName = spec.domain ? `${spec.domain}.${spec.name}` : spec.name;
  const version = opset === undefined ? spec.versions[spec.versions.length - 1] : resolveVersion(spec, opset);
  console.log(`${fullName}${spec.domain ? '' : ` — https://onnx.ai/onnx/operators/onnx__${spec.name}.html`}`);
  console.log(`  ${spec.doc}`);
  console.log(`versions   ${spec.versions.join(', ')}${spec.removedIn ? ` (removed in opset ${spec.removedIn})` : ''}`);
  if (opset !== undefined) console.log(`at opset ${opset}: ${version === undefined ? 'not available' : `version ${version} applies`}`);
  if (version === undefined) return;
  console.log('inputs');
  for (const i of spec.inputs) console.log(`  ${i.name}: ${i.type}${i.optional ? ' (optional)' : ''}${i.variadic ? ' (variadic)' : ''}${i.kind && i.kind !== 'tensor' ? ` [${i.kind}]` : ''}`);
  console.log('outputs');
  for (const o of spec.outputs) console.log(`  ${o.name}: ${o.type}${o.optional ? ' (optional)' : ''}${o.variadic ? ' (variadic)' : ''}`);
  const types = Object.entries(spec.types);
  if (types.length) {
    console.log('type constraints');
    for (const [name, list] of types) console.log(`  ${name}: ${list.join(', ')}`);
  }
  const attrs = Object.entries(spec.attributes as Record<string, AttrSpec>).filter(([, a]) => attrExistsAt(a, version));
  if (attrs.length) {
    console.log(`attributes (version ${version})`);
    for (const [name, a] of attrs) {
      const d = a.required ? 'required' : a.default === undefined ? 'optional, no default' : `default ${JSON.stringify(a.default)}`;
      console.log(`  ${name}: ${a.type}, ${d}`);
    }
  }
  if (spec.tolerance) console.log(`tolerance  ${spec.tolerance === 'exact' ? 'exact' : `rtol ${spec.tolerance.rtol}, atol ${spec.tolerance.atol}${spec.tolerance.why ? ` (${spec.tolerance.why})` : ''}`}`);
  const history = SCHEMA_HISTORY[spec.domain && spec.domain !== '' ? `${spec.domain}.${spec.name}` : spec.name];
  if (history) {
    console.log('what changed (from the ONNX changelog)');
    const versions = Object.keys(history).map(Number).sort((a, b) => a - b);
    versions.forEach((v, i) => {
      const changes = i === 0 ? ['introduced'] : diffSchemas(history[versions[i - 1]], history[v]);
      console.log(`  ${String(v).padStart(2)}: ${changes.length ? changes.join('; ') : 'no schema change (semantics, docs or types of other ops)'}`);
    });
  }
  const file = findSpecFile(spec.name);
  if (file) console.log(`reference kernel: ${file}`);
  console.log('');
}

/** Human-readable differences between two versions' schemas. */
export function diffSchemas(a: Schema, b: Schema): string[] {
  const out: string[] = [];
  for (const k of Object.keys(b.attributes)) if (!(k in a.attributes)) out.push(`attribute '${k}' added (${b.attributes[k]})`);
  for (const k of Object.keys(a.attributes)) if (!(k in b.attributes)) out.push(`attribute '${k}' removed`);
  for (const k of Object.keys(b.attributes)) if (k in a.attributes && a.attributes[k] !== b.attributes[k]) out.push(`attribute '${k}': ${a.attributes[k]} → ${b.attributes[k]}`);
  const names = (list: string[]) => list.map((s) => s.split(' ')[0]);
  const ai = names(a.inputs), bi = names(b.inputs);
  for (const n of bi) if (!ai.includes(n)) out.push(`input '${n}' added`);
  for (const n of ai) if (!bi.includes(n)) out.push(`input '${n}' removed`);
  const ao = names(a.outputs), bo = names(b.outputs);
  for (const n of bo) if (!ao.includes(n)) out.push(`output '${n}' added`);
  for (const n of ao) if (!bo.includes(n)) out.push(`output '${n}' removed`);
  for (const [t, list] of Object.entries(b.types)) {
    const before = new Set((a.types[t] ?? '').split(', ').filter(Boolean));
    const after = list.split(', ');
    const added = after.filter((x) => !before.has(x));
    const removed = [...before].filter((x) => !after.includes(x));
    if (a.types[t] === undefined) out.push(`type constraint ${t} added`);
    else {
      if (added.length) out.push(`${t} adds ${added.join(', ')}`);
      if (removed.length) out.push(`${t} drops ${removed.join(', ')}`);
    }
  }
  return out;
}

/** The source file that declares the op (searched by its `name: 'Op'` entry). */
function findSpecFile(name: string): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  // From src/cli (tsx) or dist/src/cli (built): the TypeScript sources ship in the package.
  const roots = [join(here, '../ir/ops'), join(here, '../../../src/ir/ops')].filter(existsSync);
  const packageRoot = roots.length ? join(roots[0], '../../..') : here;
  const pattern = new RegExp(`name:\\s*'${name}'`);
  const walk = (dir: string): string | undefined => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, entry.name);
      if (entry.isDirectory()) { const f = walk(p); if (f) return f; }
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && pattern.test(readFileSync(p, 'utf8'))) return relative(packageRoot, p);
    }
    return undefined;
  };
  return roots.length ? walk(roots[0]) : undefined;
}

/**
 * Counts node outputs whose inferred shape is not fully known (unknown rank, or any unknown dim)
 * after shape inference, per model: the yardstick for symbolic shape values (Shape → Gather →
 * Concat → Reshape chains). Usage: npx tsx scripts/count-unknown-dims.ts [model.onnx | folder ...]
 * With no arguments it measures every model under MODELS_DIR. `--list` prints the outputs.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MODELS_DIR } from '../conformance/paths.js';
import { loadModel } from '../src/ir/load.js';
import type { Graph, Model } from '../src/ir/model.js';
import { inferModel } from '../src/ir/shape-inference.js';

/** Outputs of the graph's nodes (main graph only) whose inferred dims are incomplete. */
export function unknownDimOutputs(model: Model): { total: number; unknown: string[] } {
  inferModel(model);
  const g: Graph = model.graph;
  let total = 0;
  const unknown: string[] = [];
  for (const node of g.nodes) {
    for (const name of node.outputs) {
      if (!name) continue;
      total++;
      const t = g.valueInfo.get(name)?.type;
      const dims = t && (t.kind === 'tensor' || t.kind === 'sparse') ? t.dims : undefined;
      if (!dims || dims.some((d) => d === undefined)) unknown.push(`${node.op} ${name} ${dims ? `[${dims.map((d) => d ?? '?').join(',')}]` : '(rank?)'}`);
    }
  }
  return { total, unknown };
}

function modelPaths(args: string[]): string[] {
  if (args.length) return args.map((a) => (a.endsWith('.onnx') ? a : join(a, 'model.onnx')));
  if (!MODELS_DIR) throw new Error('no models folder: set ONNX_TS_MODELS or pass paths');
  return readdirSync(MODELS_DIR).map((d) => join(MODELS_DIR!, d, 'model.onnx')).filter(existsSync).sort();
}

// Run as a script (npx tsx scripts/count-unknown-dims.ts); imported by the tests, it only exports.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const list = process.argv.includes('--list');
  for (const path of modelPaths(process.argv.slice(2).filter((a) => a !== '--list'))) {
    const { total, unknown } = unknownDimOutputs(loadModel(readFileSync(path)));
    console.log(`${path}: ${unknown.length} of ${total} node outputs with unknown dims`);
    if (list) for (const u of unknown) console.log(`  ${u}`);
  }
}

/**
 * `onnx-ts compare MODEL --backend B [--against reference|cpu|wasm|B2] [--inputs DIR|--random SEED]
 *  [--rtol R --atol A] [--json] [--repro DIR]`
 * Exit status: 0 everything agrees, 1 something diverges, 2 error.
 */
import type { Value } from '../ir/ops/spec.js';
import { loadModelFile } from '../io/node-files.js';
import { writeSingleNodeTest } from '../io/repro.js';
import { openBackend } from '../tools/backends.js';
import { compareBackends, type CompareReport } from '../tools/compare-backends.js';
import { chooseInputs } from './inputs.js';
import { summarize } from './format.js';

export interface CompareArgs {
  model: string;
  backend: string;
  against: string;
  inputs?: string;
  random?: number;
  rtol: number;
  atol: number;
  json: boolean;
  repro?: string;
}

export async function compareCommand(a: CompareArgs): Promise<number> {
  const model = loadModelFile(a.model);
  const inputs = a.random !== undefined
    ? chooseInputs(model, '', [], a.random, { randomOnly: true })
    : a.inputs ? chooseInputs(model, a.model, [], 0, { dataSet: a.inputs }) : chooseInputs(model, a.model, [], 0);
  const [backend, against] = await Promise.all([openBackend(a.backend), openBackend(a.against)]);
  const report = await compareBackends({ model, backend, against, feeds: inputs.feeds as Record<string, Value>, tolerance: { rtol: a.rtol, atol: a.atol } });
  if (!a.json) printTable(report, inputs.source, a);
  if (a.repro && report.firstDivergence) {
    const node = report.model.graph.nodes.find((n) => n.name === report.firstDivergence!.node)!;
    writeSingleNodeTest(a.repro, report.model, node, report.againstValues);
    if (!a.json) console.log(`repro: wrote ${a.repro} (model.onnx + test_data_set_0 with the inputs it saw and ${a.against}'s outputs)`);
  }
  if (a.json) console.log(JSON.stringify(jsonReport(report)));
  return report.agree ? 0 : 1;
}

function printTable(r: CompareReport, source: string, a: CompareArgs) {
  console.log(`compare ${r.backend} against ${r.against}  (rtol ${a.rtol}, atol ${a.atol}; inputs: ${source})`);
  const rows = r.nodes.flatMap((n) => n.outputs.map((o) => [o.ok ? ' ' : '✗', n.node, n.op, o.name, fmt(o.maxAbsError), fmt(o.maxRelError), String(o.maxUlp)]));
  const header = ['', 'node', 'op', 'output', 'max abs', 'max rel', 'max ulp'];
  const widths = header.map((h, i) => Math.min(40, Math.max(h.length, ...rows.map((row) => row[i].length))));
  const line = (cells: string[]) => cells.map((c, i) => c.slice(0, 40).padEnd(widths[i])).join('  ');
  console.log(line(header));
  for (const row of rows) console.log(line(row));
  const d = r.firstDivergence;
  if (!d) { console.log(`agree: all ${rows.length} node outputs within tolerance`); return; }
  console.log(`\nfirst divergent node: '${d.node}' (${d.op}), output '${d.output}': max abs error ${fmt(d.maxAbsError)}, max rel error ${fmt(d.maxRelError)}`);
  if (d.reason) console.log(`  ${d.reason}`);
  for (const i of d.inputs) console.log(`  input ${i.name}: ${summarize(i.value)}`);
}

function fmt(x: number): string {
  return x === 0 ? '0' : Number.isFinite(x) ? x.toExponential(2) : String(x);
}

function jsonReport(r: CompareReport) {
  const d = r.firstDivergence;
  return {
    agree: r.agree,
    backend: r.backend,
    against: r.against,
    firstDivergence: d ? { node: d.node, op: d.op, output: d.output, maxAbsError: d.maxAbsError, maxRelError: d.maxRelError } : null,
    nodes: r.nodes,
  };
}

/** `onnx-ts run MODEL [--input name=file.npy|file.pb ...] [--output-dir D] [--provider P ...] [--seed N]` */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Tensor } from '../ir/tensor.js';
import { encodeValue } from '../ir/value-proto.js';
import { loadModelFile } from '../io/node-files.js';
import { writeNpy } from '../io/npy.js';
import { InferenceSession } from '../runtime/inference-session.js';
import { compareValues } from '../tools/numeric-compare.js';
import { chooseInputs } from './inputs.js';
import { summarize } from './format.js';

export interface RunArgs {
  model: string;
  inputs: string[];
  outputDir?: string;
  providers?: string[];
  seed: number;
  /** Folder for the intermediate-tensor trace. */
  trace?: string;
  /** Chrome trace JSON file for the per-node profile. */
  profile?: string;
}

export async function runCommand(a: RunArgs): Promise<number> {
  const t0 = performance.now();
  const model = loadModelFile(a.model);
  const session = await InferenceSession.fromModel(model, {
    executionProviders: a.providers?.length ? a.providers : undefined, seed: a.seed, enableProfiling: !!a.profile,
  });
  const loadMs = performance.now() - t0;
  const chosen = chooseInputs(model, a.model, a.inputs, a.seed);
  console.log(`model   ${a.model}`);
  console.log(`inputs  ${chosen.source}`);
  for (const [name, v] of Object.entries(chosen.feeds)) console.log(`  ${name}: ${summarize(v)}`);
  const t1 = performance.now();
  const providerCounts: Record<string, number> = {};
  const outputs = await session.run(chosen.feeds as never, {
    trace: a.trace,
    onNode: (e) => { providerCounts[e.provider] = (providerCounts[e.provider] ?? 0) + 1; },
  });
  const runMs = performance.now() - t1;
  console.log('outputs');
  let mismatch = false;
  for (const [name, v] of Object.entries(outputs)) {
    console.log(`  ${name}: ${summarize(v)}`);
    const expected = chosen.expected?.[name];
    if (expected !== undefined) {
      const r = compareValues(v as never, expected, { rtol: 1e-3, atol: 1e-4 });
      console.log(`    vs expected: ${r.ok ? 'match' : `MISMATCH (${r.reason})`}, max abs error ${r.maxAbsError.toExponential(2)}`);
      mismatch ||= !r.ok;
    }
    if (a.outputDir) {
      mkdirSync(a.outputDir, { recursive: true });
      const safe = name.replace(/[^A-Za-z0-9_.-]/g, '_');
      if (v instanceof Tensor && v.type !== 'string') writeFileSync(join(a.outputDir, `${safe}.npy`), writeNpy(v));
      else writeFileSync(join(a.outputDir, `${safe}.pb`), encodeValue(v as never, name));
    }
  }
  const providers = Object.entries(providerCounts).map(([p, n]) => `${p} ×${n}`).join(', ');
  console.log(`timing  load ${loadMs.toFixed(1)} ms, run ${runMs.toFixed(1)} ms (nodes on ${providers || 'none'})`);
  if (a.outputDir) console.log(`wrote outputs to ${a.outputDir}`);
  if (a.trace) {
    const index = JSON.parse(readFileSync(join(a.trace, 'index.json'), 'utf8')) as { entries: unknown[]; nonFinite: string[] };
    console.log(`trace   ${index.entries.length} nodes in ${a.trace} (index.json + .npy)`);
    if (index.nonFinite.length) console.log(`        NaN/Inf first appear at node '${index.nonFinite[0]}' (${index.nonFinite.length} nodes in all)`);
  }
  if (a.profile) {
    writeFileSync(a.profile, JSON.stringify(session.profile));
    console.log(`profile ${a.profile} (Chrome trace: open in ui.perfetto.dev or chrome://tracing)`);
  }
  return mismatch ? 1 : 0;
}

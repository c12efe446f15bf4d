/**
 * `onnx-ts fuzz --backend B [--op OP ...] [--runs N] [--out DIR] [--seed S] [--json]`
 * Property-based testing of a backend against the reference with the per-op arbitraries; writes
 * each shrunk failing case as an ONNX test folder under DIR and summarizes failures by op.
 * Exit status: 0 no failures, 1 some op failed, 2 error (unknown op, backend cannot be opened).
 */
import { ARBITRARIES, EXEMPTIONS } from '../tools/arbitraries/index.js';
import { fuzz, summarizeFuzz } from '../tools/fuzz.js';

export interface FuzzArgs {
  backend: string;
  ops: string[];
  runs: number;
  out?: string;
  seed?: number;
  json: boolean;
}

export async function fuzzCommand(a: FuzzArgs): Promise<number> {
  for (const op of a.ops) {
    if (ARBITRARIES.has(op)) continue;
    const why = EXEMPTIONS[op];
    console.error(why ? `fuzz: ${op} has no arbitrary: ${why}` : `fuzz: unknown op '${op}' (op keys look like Add or ai.onnx.ml.Binarizer)`);
    return 2;
  }
  const log = a.json ? undefined : (line: string) => console.log(line);
  const report = await fuzz({ backend: a.backend, ops: a.ops.length ? a.ops : undefined, runs: a.runs, out: a.out, seed: a.seed, log });
  if (a.json) {
    console.log(JSON.stringify({
      backend: report.backend,
      ops: report.ops.map(({ failure, ...r }) => ({ ...r, failure: failure && { kind: failure.kind, message: failure.message, case: failure.text, folder: failure.folder } })),
    }));
  } else {
    console.log(`\n${summarizeFuzz(report)}`);
  }
  return report.ops.some((r) => r.status === 'fail') ? 1 : 0;
}

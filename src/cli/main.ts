#!/usr/bin/env node
/**
 * The `onnx-ts` command line. Exit status: 0 ok, 1 a check failed (outputs differ), 2 an error.
 */
import { parseArgs } from 'node:util';
import { runCommand } from './run.js';
import { inspectCommand } from './inspect.js';
import { compareCommand } from './compare.js';
import { optimizeCommand } from './optimize.js';
import { explainCommand } from './explain.js';
import { fuzzCommand } from './fuzz.js';

const USAGE = `usage:
  onnx-ts run MODEL [--input name=file.npy|file.pb ...] [--output-dir DIR] [--provider P ...] [--seed N]
                  [--trace DIR] [--profile FILE]
  onnx-ts inspect MODEL [--profile]
  onnx-ts optimize MODEL [-o OUT.onnx] [--level disabled|basic|extended|all]
  onnx-ts explain OP [--opset N]
  onnx-ts compare MODEL --backend B [--against reference|B2] [--inputs DIR | --random SEED]
                  [--rtol R] [--atol A] [--json] [--repro DIR]
  onnx-ts fuzz --backend B [--op OP ...] [--runs N] [--out DIR] [--seed S] [--json]

run     runs the model and prints each output's dtype, shape and a summary. Without --input it
        uses the test data next to the model (test_data_set_0) and compares with the expected
        outputs, or else deterministic random data; it says which.
inspect prints opsets, inputs and outputs, an op histogram, the parameter count, and which ops
        lack a kernel on each provider.
optimize applies the graph optimizer at --level (default all), prints node counts, rewrites and the
        memory plan, and with -o writes the optimized model (fused ops in the com.onnx-ts domain).
compare runs the model on two backends with every intermediate exposed, compares each node's
        outputs in topological order, and names the first divergent node. Backends: an onnx-ts
        provider (reference), ort-node, ort-web, or a path to a module exporting onnxruntime-common's
        InferenceSession and Tensor. Exit 0 when all agree, 1 when something diverges, 2 on error.
explain prints an op's spec: inputs, outputs, type constraints, attributes with defaults, its
        versions and what changed in each, and the file of its reference kernel.
fuzz    property-tests a backend against the reference, op by op, with generated single-node cases;
        writes each shrunk failing case to DIR as an ONNX test folder and summarizes failures by op
        (mismatch, backend error, reference error) and what the backend does not support.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  // `inspect --profile` is a flag, `run --profile FILE` takes a file: give the flag a value.
  const args = command === 'inspect' ? rest.map((a) => (a === '--profile' ? '--profile=1' : a)) : rest;
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      input: { type: 'string', multiple: true },
      'output-dir': { type: 'string' },
      provider: { type: 'string', multiple: true },
      seed: { type: 'string' },
      backend: { type: 'string' },
      against: { type: 'string' },
      inputs: { type: 'string' },
      random: { type: 'string' },
      rtol: { type: 'string' },
      atol: { type: 'string' },
      json: { type: 'boolean' },
      repro: { type: 'string' },
      output: { type: 'string', short: 'o' },
      level: { type: 'string' },
      trace: { type: 'string' },
      profile: { type: 'string' },
      opset: { type: 'string' },
      op: { type: 'string', multiple: true },
      runs: { type: 'string' },
      out: { type: 'string' },
    },
  });
  const model = positionals[0];
  if (command === 'explain') {
    if (!model) { console.error(`explain: OP is required\n\n${USAGE}`); return 2; }
    return explainCommand(model, values.opset === undefined ? undefined : Number(values.opset));
  }
  if (command === 'fuzz') {
    if (!values.backend) { console.error('fuzz: --backend is required'); return 2; }
    return fuzzCommand({ backend: values.backend, ops: values.op ?? [], runs: Number(values.runs ?? 30), out: values.out,
      seed: values.seed === undefined ? undefined : Number(values.seed), json: !!values.json });
  }
  if (!model) { console.error(`${command}: MODEL is required\n\n${USAGE}`); return 2; }
  switch (command) {
    case 'run':
      return runCommand({
        model, inputs: values.input ?? [], outputDir: values['output-dir'], providers: values.provider, seed: Number(values.seed ?? 0),
        trace: values.trace, profile: values.profile,
      });
    case 'inspect':
      return inspectCommand(model, { profile: values.profile !== undefined });
    case 'optimize':
      return optimizeCommand({ model, output: values.output, level: values.level });
    case 'compare':
      if (!values.backend) { console.error('compare: --backend is required'); return 2; }
      return compareCommand({
        model, backend: values.backend, against: values.against ?? 'reference', inputs: values.inputs,
        random: values.random === undefined ? undefined : Number(values.random),
        rtol: Number(values.rtol ?? 1e-3), atol: Number(values.atol ?? 1e-4), json: !!values.json, repro: values.repro,
      });
    default:
      console.error(`unknown command '${command}'\n\n${USAGE}`);
      return 2;
  }
}

// Piping into `head` closes stdout early; that is not an error worth a stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => { if (e.code === 'EPIPE') process.exit(0); throw e; });

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (e: unknown) => {
    console.error(`error: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
    process.exitCode = 2;
  },
);

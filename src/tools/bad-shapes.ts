/**
 * Wrong-shape fuzzing: every provider must treat an input whose shape an op cannot take the way the
 * reference does — with a typed error (an OnnxTsError naming the node) — and never with a crash (a
 * TypeError, RangeError or wasm trap surfacing from inside a kernel) or with a result computed from
 * memory past an input's end.
 *
 * Load-time shape inference catches such inputs only where a model declares its dims. Here every
 * fed input is declared with its rank but unknown dims, so the kernels themselves meet the wrong
 * shapes. Cases come from the op's property arbitrary (valid by construction), with one tensor input
 * reshaped: an axis grown, shrunk or emptied, an axis added or dropped. Its values are the old ones
 * repeated, so index-like inputs stay in range and the change is the shape alone. A mutated case may
 * still be valid (a broadcast that still works); then the provider must simply agree with the
 * reference, as in the ordinary property suite.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { OnnxTsError } from '../ir/errors.js';
import type { Model } from '../ir/model.js';
import { saveModel } from '../ir/save.js';
import { encodeValue } from '../ir/value-proto.js';
import type { Value } from '../ir/ops/spec.js';
import { Tensor, readValues, sizeOf } from '../ir/tensor.js';
import { InferenceSession } from '../runtime/inference-session.js';
import { type Case } from './arbitraries/case.js';
import { buildCaseModel, caseFeeds, outputName, toleranceFor } from './fuzz.js';
import { compareValues } from './numeric-compare.js';

/** How one input's shape is changed. */
export type Reshaping =
  | { kind: 'grow' | 'shrink' | 'empty'; axis: number }
  | { kind: 'add-axis'; axis: number; size: number }
  | { kind: 'drop-axis'; axis: number };

/** The dims after `r` (undefined when the change does not apply to this rank). */
export function reshapeDims(dims: readonly number[], r: Reshaping): number[] | undefined {
  const out = [...dims];
  switch (r.kind) {
    case 'grow': if (r.axis >= dims.length) return undefined; out[r.axis] += 1; return out;
    case 'shrink': if (r.axis >= dims.length || dims[r.axis] === 0) return undefined; out[r.axis] -= 1; return out;
    case 'empty': if (r.axis >= dims.length || dims[r.axis] === 0) return undefined; out[r.axis] = 0; return out;
    case 'add-axis': out.splice(Math.min(r.axis, dims.length), 0, r.size); return out;
    case 'drop-axis': if (r.axis >= dims.length) return undefined; out.splice(r.axis, 1); return out;
  }
}

/** `t` with new dims, its values repeated from the start (zeros or '' when it had none). */
export function withDims(t: Tensor, dims: readonly number[]): Tensor {
  const n = sizeOf(dims);
  const old = t.type === 'string' ? t.data as string[] : Array.from(readValues(t) as ArrayLike<number | bigint>);
  const zero = t.type === 'string' ? '' : typeof old[0] === 'bigint' ? 0n : 0;
  const values = Array.from({ length: n }, (_, i) => (old.length ? old[i % old.length] : zero));
  return Tensor.fromValues(t.type, dims, values as never);
}

/** The changes that fit a tensor of rank `rank` (an empty list for a scalar cannot grow an axis). */
function reshapingArb(rank: number): fc.Arbitrary<Reshaping> {
  const add = fc.record({ kind: fc.constant('add-axis' as const), axis: fc.integer({ min: 0, max: rank }), size: fc.constantFrom(1, 2, 3) });
  if (rank === 0) return add;
  const axis = fc.integer({ min: 0, max: rank - 1 });
  return fc.oneof(
    { weight: 3, arbitrary: fc.record({ kind: fc.constantFrom('grow' as const, 'shrink' as const, 'empty' as const), axis }) },
    { weight: 1, arbitrary: add },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('drop-axis' as const), axis }) },
  );
}

/**
 * A case from `arb` with one tensor input reshaped, or undefined where the drawn change does not fit
 * (shrinking an empty axis, more than 256 elements) or the case has no tensor input (Constant). These
 * are kept as undefined rather than filtered out: a filter that never passes would spin forever.
 */
export function badShapeArb(arb: fc.Arbitrary<Case>): fc.Arbitrary<Case | undefined> {
  return arb.chain((c) => {
    const tensors = c.inputs.map((i, k) => (i.value instanceof Tensor && !i.outerScope ? k : -1)).filter((k) => k >= 0);
    if (!tensors.length) return fc.constant(undefined);
    return fc.constantFrom(...tensors).chain((k) => reshapingArb((c.inputs[k].value as Tensor).dims.length).map((r) => {
      const t = c.inputs[k].value as Tensor;
      const dims = reshapeDims(t.dims, r);
      if (!dims || sizeOf(dims) > 256) return undefined;
      const inputs = c.inputs.map((i, j) => (j === k ? { ...i, value: withDims(t, dims) } : i));
      return { ...c, inputs };
    }));
  });
}

/** What a session did with a case: outputs, a typed error, or a crash (anything else thrown). */
export type Outcome =
  | { kind: 'ok'; outputs: Value[] }
  | { kind: 'typed'; error: OnnxTsError }
  | { kind: 'crash'; error: unknown };

/** The innermost cause of an error (kernels' raw throws arrive wrapped in a KernelError). */
function rootCause(e: unknown): unknown {
  let cur = e;
  for (let depth = 0; depth < 16 && cur instanceof Error && cur.cause !== undefined; depth++) cur = cur.cause;
  return cur;
}

const describe = (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e)).split('\n')[0].slice(0, 400);

/** The case's model with its fed inputs declared by rank only (every dim unknown). */
export function unknownDimsModel(c: Case): Model {
  const model = buildCaseModel(c);
  for (const input of model.graph.inputs) {
    if (input.type?.kind === 'tensor' && input.type.dims) input.type = { ...input.type, dims: input.type.dims.map(() => undefined) };
  }
  return model;
}

/**
 * Writes a case as an ONNX test folder any runtime can replay: the unknown-dims model and its
 * inputs, with the reference's outputs where it has some (none where it refuses the input, which is
 * then the expected behaviour).
 */
export async function writeBadShapeFolder(dir: string, c: Case): Promise<void> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'test_data_set_0'), { recursive: true });
  writeFileSync(join(dir, 'model.onnx'), saveModel(unknownDimsModel(c)));
  const fed = c.inputs.filter((i) => i.value !== undefined && !(i.constant && i.value instanceof Tensor));
  fed.forEach((i, k) => writeFileSync(join(dir, 'test_data_set_0', `input_${k}.pb`), encodeValue(i.value!, i.name)));
  const ref = await runWithUnknownDims(c, 'reference');
  if (ref.kind === 'ok') ref.outputs.forEach((v, k) => writeFileSync(join(dir, 'test_data_set_0', `output_${k}.pb`), encodeValue(v ?? null, outputName(k))));
}

/** Loads and runs `c` with its fed inputs declared by rank only (no dims), on `provider` alone. */
export async function runWithUnknownDims(c: Case, provider: string): Promise<Outcome> {
  try {
    const model = unknownDimsModel(c);
    const session = await InferenceSession.fromModel(model, { executionProviders: [provider], graphOptimizationLevel: 'disabled', seed: 1 });
    const out = await session.run(caseFeeds(c) as never);
    return { kind: 'ok', outputs: Array.from({ length: c.outputCount }, (_, k) => out[outputName(k)] as Value) };
  } catch (e) {
    // A typed error whose root is a raw throw (e.g. "Cannot read properties of undefined") is a crash
    // the executor wrapped, not a check.
    const root = rootCause(e);
    return e instanceof OnnxTsError && (root === e || root instanceof OnnxTsError) ? { kind: 'typed', error: e } : { kind: 'crash', error: root };
  }
}

/**
 * Checks one reshaped case on `provider` against the reference. Returns why it fails, or undefined.
 * With provider 'reference', only that the reference does not crash.
 */
export async function checkBadShape(c: Case | undefined, provider: string): Promise<string | undefined> {
  if (!c) return undefined;
  const ref = await runWithUnknownDims(c, 'reference');
  if (ref.kind === 'crash') return `the reference crashes instead of reporting the shape: ${describe(ref.error)}`;
  if (provider === 'reference') return undefined;
  const got = await runWithUnknownDims(c, provider);
  if (got.kind === 'crash') return `${provider} crashes: ${describe(got.error)} (the reference: ${ref.kind === 'typed' ? describe(ref.error) : 'runs'})`;
  if (ref.kind === 'typed') return got.kind === 'ok' ? `${provider} returns a result where the reference refuses the input: ${describe(ref.error)}` : undefined;
  if (got.kind === 'typed') return `${provider} refuses an input the reference takes: ${describe(got.error)}`;
  for (let k = 0; k < c.outputCount; k++) {
    const r = ref.outputs[k];
    const cmp = compareValues(got.outputs[k], r, toleranceFor(c, r instanceof Tensor ? r.type : undefined));
    if (!cmp.ok) return `output ${k} differs from the reference: ${cmp.reason}`;
  }
  return undefined;
}

/**
 * The property-based engine behind `onnx-ts fuzz` and the conformance suite's property tests: for
 * each op, generate single-node cases with the op's fast-check arbitrary, run each on a backend and
 * on the reference, and compare every output with the op's spec tolerance. A failing case is
 * shrunk by fast-check and written as an ONNX test folder (`model.onnx` + `test_data_set_0/*.pb`)
 * that any runtime can replay.
 *
 * Outcomes are kept apart, because they mean different things:
 * - `mismatch`: both ran, and an output differs beyond tolerance (a bug on one side or a spec
 *   ambiguity: read the operator text before blaming either);
 * - `unsupported`: the backend says it does not implement the op or dtype (not a bug);
 * - `backend-error`: the backend rejected or failed on a case the reference accepts;
 * - `reference-error`: our reference failed on a generated case (a bug in the reference or in the
 *   arbitrary: either way ours).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { isFloat, type DType } from '../ir/dtype.js';
import { UnsupportedOpError } from '../ir/errors.js';
import type { Model, ValueInfo, ValueType } from '../ir/model.js';
import { getOpSpec, opKey } from '../ir/ops/index.js';
import { DEFAULT_TOLERANCE, type Value } from '../ir/ops/spec.js';
import { saveModel } from '../ir/save.js';
import { Tensor, readValues } from '../ir/tensor.js';
import { encodeValue } from '../ir/value-proto.js';
import { InferenceSession } from '../runtime/inference-session.js';
import { ensureDefaultProviders } from '../runtime/providers.js';
import { registeredProviders } from '../kernels/registry.js';
import { buildModel, type ValueLite } from './model-builder.js';
import { compareValues, type Tolerances } from './numeric-compare.js';
import { openBackend, type Backend } from './backends.js';
import { ARBITRARIES } from './arbitraries/index.js';
import { describeCase, type Case } from './arbitraries/case.js';

export type { Case } from './arbitraries/case.js';

/** Names of a case model's outputs. */
export const outputName = (i: number) => `out${i}`;

function valueType(v: Value | undefined): ValueType | undefined {
  if (v instanceof Tensor) return { kind: 'tensor', dtype: v.type, dims: [...v.dims] };
  if (Array.isArray(v)) return { kind: 'sequence', elem: v[0] instanceof Tensor ? { kind: 'tensor', dtype: v[0].type } : undefined };
  return undefined;
}

function irVersionFor(opset: number): number {
  // The IR version each opset shipped with (onnx/onnx docs/Versioning.md).
  return opset >= 26 ? 13 : opset >= 25 ? 12 : opset >= 23 ? 11 : opset >= 21 ? 10 : opset >= 19 ? 9 : 8;
}

/**
 * The single-node model of a case. Without `outputTypes` the outputs are declared without a type
 * (so that shape inference alone decides them); foreign engines need the element types.
 */
export function buildCaseModel(c: Case, outputTypes?: readonly (ValueType | undefined)[]): Model {
  const domain = c.domain ?? '';
  const inputs: ValueLite[] = [];
  const initializers: Record<string, Tensor> = {};
  for (const i of c.inputs) {
    if (i.value === undefined) continue;
    if (i.constant && i.value instanceof Tensor) initializers[i.name] = i.value;
    else inputs.push({ name: i.name, type: valueType(i.value) } as ValueInfo);
  }
  // Trailing absent inputs are dropped; inner ones keep an empty name, as ONNX wants.
  let names = c.inputs.filter((i) => !i.outerScope).map((i) => (i.value === undefined ? '' : i.name));
  while (names.length && names[names.length - 1] === '') names = names.slice(0, -1);
  const outputs: ValueInfo[] = Array.from({ length: c.outputCount }, (_, k) => {
    const t = outputTypes?.[k];
    return { name: outputName(k), type: t?.kind === 'tensor' ? { kind: 'tensor', dtype: t.dtype } : t };
  });
  const opset: Record<string, number> = { '': c.opset };
  if (domain) opset[domain] = c.domainOpset ?? 1;
  return buildModel({
    opset, irVersion: irVersionFor(c.opset), name: `fuzz_${c.op}`, inputs, outputs, initializers,
    nodes: [{ op: c.op, domain, inputs: names, outputs: outputs.map((o) => o.name), attrs: c.attrs, name: `${c.op}_0` }],
  });
}

/** Feeds of a case model (its non-constant inputs). */
export function caseFeeds(c: Case): Record<string, Value> {
  const feeds: Record<string, Value> = {};
  for (const i of c.inputs) if (i.value !== undefined && !(i.constant && i.value instanceof Tensor)) feeds[i.name] = i.value;
  return feeds;
}

/** Runs a case on the reference provider through the full InferenceSession path. */
export async function runReference(c: Case): Promise<Value[]> {
  const session = await InferenceSession.fromModel(buildCaseModel(c), { executionProviders: ['reference'], seed: 1 });
  const out = await session.run(caseFeeds(c) as never);
  return Array.from({ length: c.outputCount }, (_, k) => out[outputName(k)] as Value);
}

/**
 * The tolerance for comparing an output: 'exact' specs compare bit for bit (NaN matching NaN), others
 * use the spec's tolerance (DEFAULT_TOLERANCE when unset). The spec tolerances are written for
 * float32; narrower float outputs get a floor of a few units in their last place, since a backend
 * that computes in float32 and rounds once may land one ulp away from a reference that rounds from
 * float64 (float16: 2^-10 ≈ 1e-3 per ulp, bfloat16: 2^-7 ≈ 8e-3).
 */
export function toleranceFor(c: Case, dtype: DType | undefined): Tolerances {
  const spec = getOpSpec(c.domain ?? '', c.op);
  const t = spec?.tolerance;
  if (t === 'exact') return { rtol: 0, atol: 0 };
  const base = t ?? DEFAULT_TOLERANCE;
  const floor = dtype === 'float16' ? 4e-3 : dtype === 'bfloat16' ? 3e-2 : dtype && isFloat(dtype) && dtype.startsWith('float8') ? 0.25 : 0;
  return { rtol: Math.max(base.rtol, floor), atol: Math.max(base.atol, floor) };
}

export type Outcome =
  | { kind: 'ok' }
  | { kind: 'unsupported'; message: string }
  | { kind: 'skipped'; message: string }
  | { kind: 'mismatch'; output: number; message: string; reference: Value[]; actual: Record<string, Value> }
  | { kind: 'backend-error'; message: string }
  | { kind: 'reference-error'; message: string };

/** Whether an outcome counts as a property failure. */
export const isFailure = (o: Outcome) => o.kind === 'mismatch' || o.kind === 'backend-error' || o.kind === 'reference-error';

/** Error messages by which engines say "not implemented" rather than "wrong input". */
const UNSUPPORTED = new RegExp([
  'NOT_IMPLEMENTED', 'Could not find an implementation', 'not implemented', 'not supported', 'does not support', 'unsupported',
  'no kernel for', 'is not a registered function/op', 'only supports',
  // A newer opset than the engine knows: the op (or its version) is not available there.
  'Opset \\d+ is under development',
].join('|'), 'i');

const message = (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e)).split('\n').slice(0, 3).join(' ').slice(0, 600);

/** Runs one case on `backend` and the reference and compares. */
export async function checkCase(c: Case, backend: Backend): Promise<Outcome> {
  let reference: Value[];
  try {
    reference = await runReference(c);
  } catch (e) {
    return { kind: 'reference-error', message: message(e) };
  }
  const foreign = !isProviderBackend(backend);
  const spec = getOpSpec(c.domain ?? '', c.op);
  const optionalTyped = spec?.outputs.some((o) => o.kind === 'optional') || spec?.inputs.some((i) => i.kind === 'optional');
  if (foreign && (optionalTyped || c.inputs.some((i) => Array.isArray(i.value)) || reference.some((v) => !(v instanceof Tensor)))) {
    // Foreign backends get plain tensors: onnx-ts values do not say whether a tensor is an optional.
    return { kind: 'skipped', message: 'sequence or optional values are not passed to foreign backends' };
  }
  let actual: Record<string, Value>;
  try {
    const model = buildCaseModel(c, reference.map(valueType));
    actual = await backend.run(saveModel(model), caseFeeds(c));
  } catch (e) {
    const m = message(e);
    return e instanceof UnsupportedOpError || UNSUPPORTED.test(m) ? { kind: 'unsupported', message: m } : { kind: 'backend-error', message: m };
  }
  for (let k = 0; k < c.outputCount; k++) {
    const ref = reference[k];
    const got = actual[outputName(k)];
    const dtype = ref instanceof Tensor ? ref.type : undefined;
    const r = compareValues(got, ref, toleranceFor(c, dtype));
    if (!r.ok) return { kind: 'mismatch', output: k, message: `output ${k}: ${r.reason}`, reference, actual };
  }
  return { kind: 'ok' };
}

const providerBackends = new WeakSet<Backend>();
function isProviderBackend(b: Backend): boolean {
  return providerBackends.has(b);
}

/**
 * An onnx-ts provider as a backend. Sessions always fall back to the reference for nodes a provider
 * has no kernel for; that would compare the reference with itself, so such a case is reported as
 * unsupported instead.
 */
function providerBackend(provider: string): Backend {
  const b: Backend = {
    name: provider,
    async run(model, feeds) {
      const session = await InferenceSession.create(model, { executionProviders: [provider], graphOptimizationLevel: 'disabled' });
      const out = await session.run(feeds as never);
      const fellBack = session.plan.find((s) => s.provider !== undefined && s.provider !== provider);
      if (fellBack) throw new UnsupportedOpError(`no ${provider} kernel fits ${fellBack.node.op}; it ran on ${fellBack.provider}`);
      return out as Record<string, Value>;
    },
  };
  providerBackends.add(b);
  return b;
}

/** Opens a backend by name: an onnx-ts provider (no fallback counted), or what `openBackend` opens. */
export async function openFuzzBackend(name: string): Promise<Backend> {
  await ensureDefaultProviders();
  if (registeredProviders().includes(name)) return providerBackend(name);
  return openBackend(name);
}

/** Writes a case as an ONNX test folder: the model, its inputs, and the reference's outputs. */
export function writeCaseFolder(dir: string, c: Case, reference: Value[]): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'test_data_set_0'), { recursive: true });
  // Constants stay initializers of the model; the data set holds the fed inputs only.
  writeFileSync(join(dir, 'model.onnx'), saveModel(buildCaseModel(c, reference.map(valueType))));
  const fed = c.inputs.filter((i) => i.value !== undefined && !(i.constant && i.value instanceof Tensor));
  fed.forEach((i, k) => writeFileSync(join(dir, 'test_data_set_0', `input_${k}.pb`), encodeValue(i.value!, i.name)));
  reference.forEach((v, k) => writeFileSync(join(dir, 'test_data_set_0', `output_${k}.pb`), encodeValue(v ?? null, outputName(k))));
}

function formatValue(v: Value | undefined): string {
  if (v === undefined) return '(absent)';
  if (v === null) return '(empty optional)';
  if (Array.isArray(v)) return `[${v.map(formatValue).join(', ')}]`;
  const vals = v.type === 'string' ? (v.data as string[]).map((s) => JSON.stringify(s)) : Array.from(readValues(v) as ArrayLike<number | bigint>, String);
  return `${v.type}[${v.dims.join(',')}] ${vals.length > 64 ? `${vals.slice(0, 64).join(' ')} …` : vals.join(' ')}`;
}

/** A multi-line description of a case with every input value (the shrunk counterexample). */
export function formatCase(c: Case): string {
  const lines = [describeCase(c)];
  for (const [k, v] of Object.entries(c.attrs)) {
    const text = v instanceof Tensor ? formatValue(v) : typeof v === 'object' && 'nodes' in v
      ? `graph ${v.nodes.map((n) => `${n.op}(${n.inputs.join(', ')}) -> ${n.outputs.join(', ')}`).join('; ')}` : JSON.stringify(v);
    lines.push(`  attr ${k} = ${text}`);
  }
  for (const i of c.inputs) lines.push(`  input ${i.name}${i.constant ? ' (constant)' : ''} = ${formatValue(i.value)}`);
  return lines.join('\n');
}

export interface FuzzFailure {
  kind: 'mismatch' | 'backend-error' | 'reference-error';
  message: string;
  /** The shrunk counterexample. */
  case: Case;
  text: string;
  /** Where its test folder was written. */
  folder?: string;
  /** The backend's outputs for a mismatch. */
  actual?: string[];
  reference?: string[];
}

export interface OpReport {
  op: string;
  runs: number;
  ok: number;
  unsupported: number;
  skipped: number;
  /** 'pass' (every supported case agreed), 'fail', 'unsupported' (no case ran), 'skipped', 'no-arbitrary'. */
  status: 'pass' | 'fail' | 'unsupported' | 'skipped' | 'no-arbitrary';
  /** dtype signatures the backend said it does not implement, with one message each. */
  unsupportedTypes: Record<string, string>;
  failure?: FuzzFailure;
  ms: number;
}

export interface FuzzOptions {
  backend: string | Backend;
  /** Op keys ('Add', 'ai.onnx.ml.Binarizer'); default every op with an arbitrary. */
  ops?: readonly string[];
  /** Cases per op (default 30). */
  runs?: number;
  seed?: number;
  /** Folder for the failing cases' test folders (one subfolder per op). */
  out?: string;
  /** Progress lines. */
  log?: (line: string) => void;
}

export interface FuzzReport {
  backend: string;
  ops: OpReport[];
}

const signature = (c: Case) => c.inputs.map((i) => (i.value instanceof Tensor ? i.value.type : i.value ? 'seq' : '-')).join(',');

/** Property-tests `ops` on `backend` against the reference. */
export async function fuzz(o: FuzzOptions): Promise<FuzzReport> {
  const backend = typeof o.backend === 'string' ? await openFuzzBackend(o.backend) : o.backend;
  const ops = o.ops ?? [...ARBITRARIES.keys()];
  const report: FuzzReport = { backend: backend.name, ops: [] };
  for (const op of ops) {
    const r = await fuzzOp(op, backend, o);
    report.ops.push(r);
    o.log?.(formatOpLine(r));
  }
  return report;
}

async function fuzzOp(op: string, backend: Backend, o: FuzzOptions): Promise<OpReport> {
  const started = Date.now();
  const r: OpReport = { op, runs: 0, ok: 0, unsupported: 0, skipped: 0, status: 'pass', unsupportedTypes: {}, ms: 0 };
  const arb = ARBITRARIES.get(op);
  if (!arb) return { ...r, status: 'no-arbitrary' };
  // Outcomes are counted over the generated cases up to the first failure; after it, fast-check
  // re-runs the predicate on shrink candidates, which are not new cases.
  let shrinking = false;
  const details = await fc.check(fc.asyncProperty(arb, async (c) => {
    const out = await checkCase(c, backend);
    if (!shrinking) {
      r.runs++;
      if (out.kind === 'ok') r.ok++;
      else if (out.kind === 'unsupported') { r.unsupported++; r.unsupportedTypes[signature(c)] ??= out.message; }
      else if (out.kind === 'skipped') r.skipped++;
    }
    if (isFailure(out)) shrinking = true;
    return !isFailure(out);
  }), { numRuns: o.runs ?? 30, seed: o.seed });
  if (details.failed && details.counterexample) {
    const [c] = details.counterexample as [Case];
    const out = await checkCase(c, backend);
    if (isFailure(out)) {
      const failure: FuzzFailure = { kind: out.kind as FuzzFailure['kind'], message: (out as { message: string }).message, case: c, text: formatCase(c) };
      if (out.kind === 'mismatch') {
        failure.reference = out.reference.map(formatValue);
        failure.actual = Array.from({ length: c.outputCount }, (_, k) => formatValue(out.actual[outputName(k)]));
      }
      if (o.out && out.kind !== 'reference-error') {
        const folder = join(o.out, `${op}-${backend.name.replace(/[^\w.-]+/g, '_')}`);
        writeCaseFolder(folder, c, out.kind === 'mismatch' ? out.reference : await runReference(c));
        failure.folder = folder;
      }
      return { ...r, status: 'fail', failure, ms: Date.now() - started };
    }
  }
  const status = r.ok > 0 ? 'pass' : r.unsupported > 0 ? 'unsupported' : r.skipped > 0 ? 'skipped' : 'pass';
  return { ...r, status, ms: Date.now() - started };
}

function formatOpLine(r: OpReport): string {
  const tail = r.status === 'fail' ? ` ${r.failure!.kind}: ${r.failure!.message}` : r.unsupported ? ` (${r.unsupported} unsupported: ${Object.keys(r.unsupportedTypes).join(' | ')})` : '';
  return `${r.status.padEnd(11)} ${r.op.padEnd(28)} ${String(r.ok).padStart(3)}/${r.runs} agreed  ${(r.ms / 1000).toFixed(1)}s${tail}`;
}

/** A per-op summary table of a fuzz report, failures first. */
export function summarizeFuzz(rep: FuzzReport): string {
  const lines: string[] = [];
  const by = (s: OpReport['status']) => rep.ops.filter((r) => r.status === s);
  const fails = by('fail');
  lines.push(`fuzz ${rep.backend} against reference: ${rep.ops.length} ops; ${by('pass').length} pass, ${fails.length} fail, ${by('unsupported').length} unsupported, ${by('skipped').length} skipped, ${by('no-arbitrary').length} without an arbitrary`);
  for (const kind of ['mismatch', 'backend-error', 'reference-error'] as const) {
    const list = fails.filter((r) => r.failure!.kind === kind);
    if (!list.length) continue;
    lines.push('', `${kind} (${list.length}):`);
    for (const r of list) {
      lines.push(`  ${r.op}: ${r.failure!.message}`);
      lines.push(...r.failure!.text.split('\n').map((l) => `    ${l}`));
      if (r.failure!.reference) r.failure!.reference.forEach((v, k) => lines.push(`    reference out${k} = ${v}`, `    ${rep.backend.padStart(9)} out${k} = ${r.failure!.actual![k]}`));
      if (r.failure!.folder) lines.push(`    test folder: ${r.failure!.folder}`);
    }
  }
  const partial = rep.ops.filter((r) => r.unsupported > 0);
  if (partial.length) {
    lines.push('', `unsupported by ${rep.backend} (op: input dtypes):`);
    for (const r of partial) lines.push(`  ${r.op}${r.status === 'unsupported' ? '' : ' (partly)'}: ${Object.keys(r.unsupportedTypes).join(' | ')}`);
  }
  return lines.join('\n');
}

export { opKey };

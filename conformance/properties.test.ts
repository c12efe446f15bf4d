// Property-based conformance: every op spec × every registered provider, against the reference.
//
// - Completeness: each op has a fast-check arbitrary (src/tools/arbitraries/, one file per family)
//   or a line with its reason in EXEMPTIONS.
// - Every provider other than 'reference' that has a kernel for an op must agree with the reference
//   within the spec's tolerance on generated cases (cases a provider declares unsupported are skipped).
// - The reference itself: running a case through InferenceSession equals calling the spec's
//   reference kernel directly, and shape inference's output dtype and dims equal the actual ones.
//
// Runs per op: ONNX_TS_PROPERTY_RUNS (default 10). A counterexample is shrunk, printed, and written
// to conformance/.failures/<op>-<provider>/ as an ONNX test folder (model.onnx + test_data_set_0).
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { subgraphsOf } from '../src/ir/graph.js';
import { inferModel } from '../src/ir/shape-inference.js';
import { resolveAttrs } from '../src/ir/ops/attrs.js';
import { ALL_OPS, getOpSpec, opKey } from '../src/ir/ops/index.js';
import { resolveVersion, type Value } from '../src/ir/ops/spec.js';
import { Tensor } from '../src/ir/tensor.js';
import { kernelsFor, registeredProviders } from '../src/kernels/registry.js';
import { ensureDefaultProviders } from '../src/runtime/providers.js';
import { compareValues } from '../src/tools/numeric-compare.js';
import { ARBITRARIES, EXEMPTIONS } from '../src/tools/arbitraries/index.js';
import { opsetFor, type Case } from '../src/tools/arbitraries/case.js';
import {
  buildCaseModel, caseFeeds, checkCase, formatCase, isFailure, openFuzzBackend, outputName, runReference, writeCaseFolder,
} from '../src/tools/fuzz.js';
import { REPO_ROOT } from './paths.js';

const RUNS = Number(process.env.ONNX_TS_PROPERTY_RUNS ?? 10);
const FAILURES = join(REPO_ROOT, 'conformance/.failures');

await ensureDefaultProviders();
const OP_KEYS = ALL_OPS.map((s) => opKey(s.domain, s.name));
const splitKey = (key: string) => {
  const spec = ALL_OPS.find((s) => opKey(s.domain, s.name) === key)!;
  return { domain: spec.domain, op: spec.name };
};

/** Runs `check` on generated cases; on a counterexample writes its test folder and fails with the shrunk case. */
async function assertProperty(op: string, provider: string, check: (c: Case) => Promise<string | undefined>) {
  const arb = ARBITRARIES.get(op)!;
  const details = await fc.check(fc.asyncProperty(arb, async (c) => (await check(c)) === undefined), { numRuns: RUNS });
  if (!details.failed) return;
  const [c] = (details.counterexample ?? []) as [Case?];
  if (!c) throw new Error(`${op} [${provider}]: property failed without a counterexample: ${String(details.errorInstance)}`);
  const why = await check(c);
  const folder = join(FAILURES, `${op}-${provider}`);
  let wrote = '';
  try {
    writeCaseFolder(folder, c, await runReference(c));
    wrote = `\ntest folder: ${folder}`;
  } catch (e) {
    wrote = `\n(no test folder: the reference fails on this case: ${(e as Error).message})`;
  }
  const text = `${op} [${provider}] fails (seed ${details.seed}, path ${details.counterexamplePath}):\n${why}\nshrunk case:\n${formatCase(c)}${wrote}`;
  console.error(text);
  expect.fail(text);
}

const sameType = (inferred: { dtype?: string; dims?: (number | string | undefined)[] }, actual: Tensor): string | undefined => {
  if (inferred.dtype && inferred.dtype !== actual.type) return `inferred dtype ${inferred.dtype}, actual ${actual.type}`;
  const d = inferred.dims;
  if (!d) return undefined;
  if (d.length !== actual.dims.length || d.some((x, i) => typeof x === 'number' && x !== actual.dims[i])) {
    return `inferred dims [${d.map((x) => x ?? '?').join(',')}], actual [${actual.dims.join(',')}]`;
  }
  return undefined;
};

/** The reference through the session equals the spec's kernel called directly; inferred types equal actual ones. */
async function selfCheck(c: Case): Promise<string | undefined> {
  let viaSession: Value[];
  try {
    viaSession = await runReference(c);
  } catch (e) {
    return `the reference fails on a generated case: ${(e as Error).message}`;
  }
  const model = buildCaseModel(c);
  const node = model.graph.nodes[0];
  const spec = getOpSpec(c.domain ?? '', c.op)!;
  const opset = model.opsets.get(c.domain ?? '')!;
  const version = resolveVersion(spec, opset)!;
  const feeds = caseFeeds(c);
  const inputs = c.inputs.map((i) => (i.value === undefined ? undefined : (feeds[i.name] ?? i.value)));
  // Ops with subgraphs need the executor's runGraph; for them the session path is the only one.
  if (!subgraphsOf(node).length) {
    let direct: Value[];
    try {
      direct = await spec.reference({
        inputs: inputs as never, attrs: resolveAttrs(spec, node, version) as never, version, opset, node, outputCount: c.outputCount,
        runGraph: () => { throw new Error('runGraph is not available to a direct call'); },
        random: () => { throw new Error('random is not available to a direct call'); },
      });
    } catch (e) {
      return `the spec's reference called directly fails where the session succeeds: ${(e as Error).message}`;
    }
    for (let k = 0; k < c.outputCount; k++) {
      const r = compareValues(viaSession[k], direct[k], { rtol: 0, atol: 0 });
      if (!r.ok) return `output ${k}: session and direct reference differ: ${r.reason}`;
    }
  }
  inferModel(model);
  for (let k = 0; k < c.outputCount; k++) {
    const t = model.graph.valueInfo.get(outputName(k))?.type;
    const actual = viaSession[k];
    if (t?.kind === 'tensor' && actual instanceof Tensor) {
      const why = sameType(t, actual);
      if (why) return `output ${k}: ${why}`;
    }
  }
  return undefined;
}

describe('property suite completeness', () => {
  it('every op has an arbitrary or a written exemption', () => {
    const missing = OP_KEYS.filter((k) => !ARBITRARIES.has(k) && !EXEMPTIONS[k]);
    expect(missing, `ops without an arbitrary: add one in src/tools/arbitraries/ or a reason in exemptions.ts`).toEqual([]);
  });
  it('arbitraries and exemptions name known ops, and no op is both', () => {
    const known = new Set(OP_KEYS);
    expect([...ARBITRARIES.keys(), ...Object.keys(EXEMPTIONS)].filter((k) => !known.has(k))).toEqual([]);
    expect(Object.keys(EXEMPTIONS).filter((k) => ARBITRARIES.has(k))).toEqual([]);
    for (const [k, why] of Object.entries(EXEMPTIONS)) expect(why.length, `exemption of ${k} needs a reason`).toBeGreaterThan(20);
  });
});

describe('reference self-consistency: session = spec kernel, inferred type = actual', () => {
  for (const key of ARBITRARIES.keys()) {
    const { domain, op } = splitKey(key);
    it(`${op}-v${opsetFor(op, domain)} [reference]`, () => assertProperty(key, 'reference', selfCheck));
  }
});

const others = registeredProviders().filter((p) => p !== 'reference');
describe.skipIf(others.length === 0)('providers against the reference (skipped while only the reference is registered)', () => {
  for (const provider of others) {
    for (const key of ARBITRARIES.keys()) {
      const { domain, op } = splitKey(key);
      if (!kernelsFor(provider, domain, op).length) continue;
      it(`${op}-v${opsetFor(op, domain)} [${provider}]`, async () => {
        const backend = await openFuzzBackend(provider);
        await assertProperty(key, provider, async (c) => {
          const out = await checkCase(c, backend);
          return isFailure(out) ? `${out.kind}: ${(out as { message: string }).message}` : undefined;
        });
      });
    }
  }
});

// Wrong-shape conformance: every op × provider meets inputs whose shapes the op cannot take (one
// input of a valid generated case reshaped, dims unknown at load) and must answer as the reference
// does: a typed error, or — where the reshaped case is still valid — the same result. A crash (a raw
// TypeError, RangeError or wasm trap) fails on any provider, the reference included. See
// src/tools/bad-shapes.ts.
//
// Runs per op: ONNX_TS_BAD_SHAPE_RUNS (default 30). A counterexample is shrunk, printed, and written
// to conformance/.failures/bad-shapes/<op>-<provider>/ as an ONNX test folder.
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALL_OPS, opKey } from '../src/ir/ops/index.js';
import { kernelsFor, registeredProviders } from '../src/kernels/registry.js';
import { ensureDefaultProviders } from '../src/runtime/providers.js';
import { ARBITRARIES } from '../src/tools/arbitraries/index.js';
import type { Case } from '../src/tools/arbitraries/case.js';
import { badShapeArb, checkBadShape, writeBadShapeFolder } from '../src/tools/bad-shapes.js';
import { formatCase } from '../src/tools/fuzz.js';
import { REPO_ROOT } from './paths.js';

const RUNS = Number(process.env.ONNX_TS_BAD_SHAPE_RUNS ?? 30);
const FAILURES = join(REPO_ROOT, 'conformance/.failures/bad-shapes');

await ensureDefaultProviders();
const specOf = (key: string) => ALL_OPS.find((s) => opKey(s.domain, s.name) === key)!;

async function assertBadShapes(key: string, provider: string): Promise<void> {
  const details = await fc.check(fc.asyncProperty(badShapeArb(ARBITRARIES.get(key)!), async (c) => (await checkBadShape(c, provider)) === undefined), { numRuns: RUNS });
  if (!details.failed) return;
  const [c] = (details.counterexample ?? []) as [Case?];
  if (!c) throw new Error(`${key} [${provider}]: property failed without a counterexample: ${String(details.errorInstance)}`);
  const folder = join(FAILURES, `${key}-${provider}`);
  await writeBadShapeFolder(folder, c);
  const text = `${key} [${provider}] (seed ${details.seed}, path ${details.counterexamplePath}): ${await checkBadShape(c, provider)}\nshrunk case:\n${formatCase(c)}\ntest folder: ${folder}`;
  console.error(text);
  expect.fail(text);
}

describe('wrong input shapes: a typed error or the reference result, never a crash', () => {
  for (const provider of registeredProviders()) {
    for (const key of ARBITRARIES.keys()) {
      const spec = specOf(key);
      if (provider !== 'reference' && !kernelsFor(provider, spec.domain, spec.name).length) continue;
      it(`${key} [${provider}]`, () => assertBadShapes(key, provider));
    }
  }
});

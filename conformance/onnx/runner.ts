/**
 * Runs ONNX backend-test folders on a provider and compares with the expected outputs. Also checks
 * shape inference: wherever the inferred output type is statically known it must equal the expected
 * output's dtype and shape. Shared by the CLI runner (run.ts) and the vitest ratchet.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InferenceSession } from '../../src/runtime/inference-session.js';
import { getOpSpec } from '../../src/ir/ops/index.js';
import { DEFAULT_TOLERANCE } from '../../src/ir/ops/spec.js';
import type { Model, Node } from '../../src/ir/model.js';
import { subgraphsOf } from '../../src/ir/graph.js';
import { Tensor } from '../../src/ir/tensor.js';
import { readDataSets } from '../../src/io/test-folder.js';
import { loadModelFile } from '../../src/io/node-files.js';
import { compareValues, type Tolerances } from '../../src/tools/numeric-compare.js';
import type { ProviderName } from '../../src/kernels/kernel.js';

export const SUITES = ['node', 'simple', 'pytorch-converted', 'pytorch-operator', 'light'] as const;

export interface TestResult {
  /** `suite/test_name` */
  id: string;
  status: 'pass' | 'fail' | 'error' | 'excluded';
  message?: string;
  /** Ops in the model (main graph and subgraphs). */
  ops: string[];
  ms: number;
  /** Nodes that ran on each provider (fallback accounting). */
  providers?: Record<string, number>;
}

/** Every test folder id under `root` for the given suites. */
export function listTests(root: string, suites: readonly string[] = SUITES): string[] {
  const ids: string[] = [];
  for (const suite of suites) {
    const dir = join(root, suite);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      if (existsSync(join(dir, name, 'model.onnx'))) ids.push(`${suite}/${name}`);
    }
  }
  return ids;
}

function collectOps(nodes: Node[], into: Set<string>) {
  for (const n of nodes) {
    into.add(n.domain ? `${n.domain}.${n.op}` : n.op);
    for (const g of subgraphsOf(n)) collectOps(g.nodes, into);
  }
}

/** Loosest tolerance declared by the specs of the ops in the model (default when none loosens it). */
function toleranceFor(model: Model): Tolerances {
  let tol: Tolerances = { ...DEFAULT_TOLERANCE };
  const visit = (nodes: Node[]) => {
    for (const n of nodes) {
      const t = getOpSpec(n.domain, n.op)?.tolerance;
      if (t && t !== 'exact') tol = { rtol: Math.max(tol.rtol, t.rtol), atol: Math.max(tol.atol, t.atol) };
      for (const g of subgraphsOf(n)) visit(g.nodes);
    }
  };
  visit(model.graph.nodes);
  return tol;
}

/** Runs one test folder on `provider` (with reference fallback). */
export async function runTest(root: string, id: string, provider: ProviderName): Promise<TestResult> {
  const folder = join(root, id);
  const start = performance.now();
  const ops = new Set<string>();
  const done = (status: TestResult['status'], message?: string, providers?: Record<string, number>): TestResult =>
    ({ id, status, message, ops: [...ops].sort(), ms: performance.now() - start, providers });
  let model: Model;
  try {
    model = loadModelFile(join(folder, 'model.onnx'));
    collectOps(model.graph.nodes, ops);
  } catch (e) {
    return done('error', `load: ${(e as Error).message}`);
  }
  try {
    const session = await InferenceSession.fromModel(model, { executionProviders: [provider] });
    const shapeProblem = checkInferredOutputs(model, folder);
    const providers: Record<string, number> = {};
    const tol = toleranceFor(model);
    for (const ds of readDataSets(folder, model)) {
      const out = await session.run(ds.inputs as never, { onNode: (e) => { providers[e.provider] = (providers[e.provider] ?? 0) + 1; } });
      for (const [name, expected] of Object.entries(ds.outputs)) {
        const r = compareValues(out[name] as never, expected, tol);
        if (!r.ok) return done('fail', `${ds.name} output '${name}': ${r.reason}`, providers);
      }
      if (shapeProblem) {
        const problem = shapeProblem(ds.outputs);
        if (problem) return done('fail', `shape inference: ${problem}`, providers);
      }
    }
    return done('pass', undefined, providers);
  } catch (e) {
    return done('error', (e as Error).message?.split('\n')[0]);
  }
}

/** Returns a checker comparing the statically inferred output types with actual expected outputs. */
function checkInferredOutputs(model: Model, _folder: string) {
  return (expected: Record<string, unknown>): string | undefined => {
    for (const out of model.graph.outputs) {
      const e = expected[out.name];
      if (!(e instanceof Tensor)) continue;
      const t = model.graph.valueInfo.get(out.name)?.type;
      if (!t || t.kind !== 'tensor') continue;
      if (t.dtype && t.dtype !== e.type) return `output '${out.name}' inferred ${t.dtype}, actual ${e.type}`;
      if (t.dims) {
        if (t.dims.length !== e.dims.length) return `output '${out.name}' inferred rank ${t.dims.length} [${t.dims.join(',')}], actual [${e.dims.join(',')}]`;
        for (let i = 0; i < t.dims.length; i++) {
          const d = t.dims[i];
          if (typeof d === 'number' && d !== e.dims[i]) return `output '${out.name}' inferred [${t.dims.map((x) => x ?? '?').join(',')}], actual [${e.dims.join(',')}]`;
        }
      }
    }
    return undefined;
  };
}

/** Exclusions: `conformance/onnx/manifest/<provider>.txt`, one `suite/test: reason` per line. */
export function readManifest(path: string): Map<string, string> {
  const m = new Map<string, string>();
  if (!existsSync(path)) return m;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const t = line.trim();
    if (!t || t.startsWith('#')) continue;
    const i = t.indexOf(':');
    if (i < 0) throw new Error(`manifest line without a reason: '${t}'`);
    const reason = t.slice(i + 1).trim();
    if (!reason) throw new Error(`manifest entry '${t.slice(0, i)}' has an empty reason`);
    m.set(t.slice(0, i).trim(), reason);
  }
  return m;
}

/** The ratchet: tests that passed once, `conformance/onnx/passing/<provider>.txt`. */
export function readPassList(path: string): string[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
}

/** `onnx-ts inspect MODEL`: opsets, inputs/outputs, op histogram, parameters, kernel coverage per provider. */
import { subgraphsOf } from '../ir/graph.js';
import { formatType, type Model, type Node } from '../ir/model.js';
import { InferenceSession } from '../runtime/inference-session.js';
import { chooseInputs } from './inputs.js';
import { topOps } from '../tools/profiler.js';
import { getOpSpec } from '../ir/ops/index.js';
import { resolveVersion } from '../ir/ops/spec.js';
import { inferModel } from '../ir/shape-inference.js';
import { loadModelFile } from '../io/node-files.js';
import { kernelsFor, registeredProviders } from '../kernels/registry.js';
import { ensureDefaultProviders } from '../runtime/providers.js';

export async function inspectCommand(path: string, opts: { profile?: boolean } = {}): Promise<number> {
  await ensureDefaultProviders();
  const model = loadModelFile(path);
  let inferNote = '';
  try { inferModel(model); } catch (e) { inferNote = ` (shape inference stopped: ${(e as Error).message})`; }
  const g = model.graph;
  console.log(`model      ${path}`);
  console.log(`ir         ${model.irVersion}, producer ${model.producerName} ${model.producerVersion}`.trimEnd());
  console.log(`opsets     ${[...model.opsets].map(([d, v]) => `${d || 'ai.onnx'} ${v}`).join(', ')}`);
  console.log('inputs');
  for (const v of g.inputs.filter((i) => !g.initializers.has(i.name))) console.log(`  ${v.name}: ${formatType(v.type)}`);
  console.log(`outputs${inferNote}`);
  for (const v of g.outputs) console.log(`  ${v.name}: ${formatType(g.valueInfo.get(v.name)?.type ?? v.type)}`);
  let params = 0;
  for (const t of g.initializers.values()) params += t.size;
  const nodes: Node[] = [];
  const walk = (list: Node[]) => { for (const n of list) { nodes.push(n); for (const s of subgraphsOf(n)) walk(s.nodes); } };
  walk(g.nodes);
  console.log(`parameters ${params.toLocaleString('en-US')} in ${g.initializers.size} initializers`);
  console.log(`nodes      ${nodes.length} (${g.nodes.length} in the main graph)`);
  const hist = new Map<string, number>();
  for (const n of nodes) hist.set(n.domain ? `${n.domain}.${n.op}` : n.op, (hist.get(n.domain ? `${n.domain}.${n.op}` : n.op) ?? 0) + 1);
  console.log('ops');
  for (const [op, n] of [...hist].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) console.log(`  ${String(n).padStart(5)}  ${op}`);
  console.log('kernels');
  for (const provider of registeredProviders()) {
    const missing = new Set<string>();
    for (const n of nodes) {
      const spec = getOpSpec(n.domain, n.op);
      const version = spec && resolveVersion(spec, model.opsets.get(n.domain) ?? 0);
      const has = version !== undefined && kernelsFor(provider, n.domain, n.op).some((k) => version >= k.versions[0] && (k.versions[1] === undefined || version < k.versions[1]));
      if (!has) missing.add(spec ? n.op : `${n.op} (no spec)`);
    }
    console.log(`  ${provider}: ${missing.size ? `missing ${[...missing].sort().join(', ')}` : 'every op has a kernel'}`);
  }
  if (opts.profile) await printProfile(model, path);
  return 0;
}

/** Runs the model once with profiling and prints the ops that took the most time. */
async function printProfile(model: Model, path: string) {
  const session = await InferenceSession.fromModel(model, { enableProfiling: true });
  const { feeds, source } = chooseInputs(model, path, [], 0);
  const t0 = performance.now();
  await session.run(feeds as never);
  const total = performance.now() - t0;
  console.log(`profile    one run in ${total.toFixed(1)} ms (inputs: ${source})`);
  for (const e of topOps(session.profile!).slice(0, 15)) {
    console.log(`  ${e.totalMs.toFixed(1).padStart(9)} ms  ${((100 * e.totalMs) / total).toFixed(1).padStart(5)} %  ${String(e.count).padStart(4)} ×  ${e.op} [${e.providers.join(', ')}]`);
  }
}

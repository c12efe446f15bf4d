import { readFileSync } from 'node:fs';
import { InferenceSession } from '../../src/runtime/inference-session.js';
import { loadModel } from '../../src/ir/load.js';
import { readDataSets } from '../../src/io/test-folder.js';
const folder = '/work/shared/models/' + process.argv[2];
let t = performance.now();
const model = loadModel(readFileSync(folder + '/model.onnx'));
console.log('load', Math.round(performance.now() - t)); t = performance.now();
const session = await InferenceSession.fromModel(model, { executionProviders: ['reference' as never] });
console.log('session', Math.round(performance.now() - t));
const byOp = new Map<string, number>();
for (const ds of readDataSets(folder, model)) {
  t = performance.now();
  await session.run(ds.inputs as never, { onNode: (e: any) => { byOp.set(e.node.op, (byOp.get(e.node.op) ?? 0) + e.durationMs); } });
  console.log('run', Math.round(performance.now() - t));
}
console.log([...byOp].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k}:${Math.round(v)}`).join(' '));

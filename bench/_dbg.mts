import { readFileSync } from 'node:fs';
import { loadModel } from '../src/ir/load.js';
import { optimizeModel } from '../src/passes/pipelines.js';
import { formatType } from '../src/ir/model.js';
const m = loadModel(readFileSync('../shared/models/tinybert_dyn_opset17/model.onnx'));
optimizeModel(m, 'all');
const t = (n: string) => formatType(m.graph.valueInfo.get(n)?.type ?? m.graph.inputs.find(v => v.name === n)?.type);
for (const n of m.graph.nodes) if (['MatMul', 'Softmax', 'LayerNormalization', 'Add'].includes(n.op)) console.log(n.op, n.inputs.map(i => `${i.slice(-25)}:${m.graph.initializers.has(i) ? 'init' : ''}${t(i)}`).join('  '), '->', t(n.outputs[0]));

/**
 * SkipLayerNormalization fusion: Add(a, b) of two same-shaped tensors (a residual connection)
 * followed by LayerNormalization over the last axis → one com.onnx-ts SkipLayerNormalization. When
 * the sum is also read elsewhere it becomes the fused node's second output.
 *
 * Safe because the fused op is defined as that Add followed by that LayerNormalization; requiring
 * equal shapes (static, or the same symbolic dims) means the Add does no broadcasting.
 */
import type { Graph, Model, Node } from '../ir/model.js';
import { FUSED_DOMAIN } from '../ir/ops/fused/index.js';
import { attrFloat, attrInt, consumers, eachGraph, knownDims, producers, removeNode, useFusedDomain } from './graph-utils.js';

export const fuseSkipLayerNorm = (model: Model): number => eachGraph(model, (g) => {
  let fused = 0;
  for (const ln of [...g.nodes]) {
    const isLn = ln.op === 'LayerNormalization' && (ln.domain === '' || ln.domain === FUSED_DOMAIN);
    if (isLn && fuseAt(g, ln)) { fused++; useFusedDomain(model); }
  }
  return fused;
});

function fuseAt(g: Graph, ln: Node): boolean {
  if (ln.outputs.slice(1).some(Boolean)) return false; // Mean/InvStdDev requested
  const add = producers(g).get(ln.inputs[0]);
  if (!add || add.op !== 'Add' || add.domain !== '') return false;
  const [a, b] = add.inputs;
  const da = knownDims(g, a), db = knownDims(g, b);
  if (!da || !db || da.length !== db.length || !da.every((d, i) => d === db[i])) return false;
  const axis = attrInt(ln, 'axis', -1);
  if (axis !== -1 && axis !== da.length - 1) return false;
  const sum = add.outputs[0];
  const others = (consumers(g).get(sum) ?? []).filter((n) => n !== ln);
  const sumIsOutput = g.outputs.some((o) => o.name === sum);
  removeNode(g, add);
  Object.assign(ln, {
    op: 'SkipLayerNormalization', domain: FUSED_DOMAIN,
    inputs: [a, b, ...ln.inputs.slice(1)],
    outputs: others.length || sumIsOutput ? [ln.outputs[0], sum] : [ln.outputs[0]],
    attributes: new Map([['axis', { name: 'axis', type: 'int', value: -1 }], ['epsilon', { name: 'epsilon', type: 'float', value: attrFloat(ln, 'epsilon', 1e-5) }]]),
  });
  return true;
}

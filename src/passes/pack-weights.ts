/**
 * Layout choice for the 'all' level: Gemm/FusedGemm with a constant B and transB = 1 get B stored
 * pre-transposed ([K, N]) and transB = 0, computed once at session creation.
 *
 * Why: the reference Gemm (and the code generator's templates derived from it) walks B along a row
 * in its innermost loop (j), which is contiguous only for transB = 0; with transB = 1 every step
 * jumps K elements. Safe because op(B) is the same matrix either way. The transpose is emitted as
 * an ai.onnx Transpose node that the next constant folding evaluates with the reference kernel.
 * Conv weights keep their layout: no registered provider prefers another one yet.
 */
import type { Model } from '../ir/model.js';
import { FUSED_DOMAIN } from '../ir/ops/fused/index.js';
import { attrInt, constantOf, eachGraph, freshName, insertBefore, makeNode } from './graph-utils.js';

export const packGemmWeights = (model: Model): number => eachGraph(model, (g) => {
  let packed = 0;
  for (const node of [...g.nodes]) {
    const isGemm = (node.op === 'Gemm' && node.domain === '' && (model.opsets.get('') ?? 0) >= 11) || (node.op === 'FusedGemm' && node.domain === FUSED_DOMAIN);
    const b = isGemm ? constantOf(g, node.inputs[1]) : undefined;
    if (!b || b.dims.length !== 2 || attrInt(node, 'transB', 0) !== 1) continue;
    const out = freshName(g, `${node.inputs[1]}_packed`);
    g.valueInfo.set(out, { name: out });
    insertBefore(g, node, makeNode(g, 'Transpose', [node.inputs[1]], [out], [{ name: 'perm', type: 'ints', value: [1, 0] }], '', freshName(g, `${node.name}_pack`)));
    node.inputs = [node.inputs[0], out, ...node.inputs.slice(2)];
    node.attributes.set('transB', { name: 'transB', type: 'int', value: 0 });
    packed++;
  }
  return packed;
});

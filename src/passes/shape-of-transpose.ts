/**
 * Shape(Transpose(x, perm)) becomes Gather(Shape(x), perm): the dims of a transpose are its input's
 * dims in perm order. Exporters read sizes off transposed tensors (PyTorch's multi-head attention
 * asks for k.size(1) after k.transpose(0, 1)). With dynamic axes that Shape cannot be folded, so
 * it kept the Transpose alive only for its dims: a copy of the tensor on every run, and a second
 * reader of the attention head split, which stopped attention-heads.ts from absorbing it
 * (tinybert_dyn). Shape's start/end (opset 15) slice the permutation.
 *
 * Safe because Gather picks the same dims in the same order; the Transpose stays while other nodes
 * read it (dead-code elimination drops it when none do).
 */
import type { Model } from '../ir/model.js';
import { pickAxes } from '../ir/ops/tensor/shape.js';
import { addConstant, attrInt, attrInts, eachGraph, freshName, insertBefore, int64Tensor, makeNode, producers, removeNode, typeOf } from './graph-utils.js';

export const shapeOfTranspose = (model: Model): number => eachGraph(model, (g) => {
  const made = producers(g);
  let rewritten = 0;
  for (const node of [...g.nodes]) {
    if (node.op !== 'Shape' || node.domain !== '' || !node.outputs[0]) continue;
    const t = made.get(node.inputs[0]);
    if (!t || t.op !== 'Transpose' || t.domain !== '') continue;
    const rank = typeOf(g, t.inputs[0]).dims?.length;
    // Without perm, Transpose reverses the axes (then the rank must be known).
    const perm = attrInts(t, 'perm') ?? (rank === undefined ? undefined : [...Array(rank).keys()].reverse());
    if (!perm) continue;
    // Shape's start/end pick the same range of the permutation as of the dims (the spec's rule).
    const end = node.attributes.has('end') ? attrInt(node, 'end', 0) : undefined;
    const picked = pickAxes(perm, attrInt(node, 'start', 0), end);
    const inputShape = freshName(g, `${node.outputs[0]}/transpose_input_shape`);
    const indices = addConstant(g, `${node.name}/perm`, int64Tensor(picked));
    insertBefore(g, node,
      makeNode(g, 'Shape', [t.inputs[0]], [inputShape]),
      makeNode(g, 'Gather', [inputShape, indices], [node.outputs[0]], [{ name: 'axis', type: 'int', value: 0 }]));
    removeNode(g, node);
    rewritten++;
  }
  return rewritten;
});

/**
 * Removes nodes that return their input unchanged: Identity; Dropout at inference (its mask output
 * unread); Cast/CastLike to the dtype the input already has; Reshape, Expand and Slice whose
 * output dims equal their (static) input dims; Transpose with the identity permutation.
 *
 * Safe because readers then see the very same values. Shape facts come from shape inference and
 * are used only when fully static. A node whose output is a graph output and whose input cannot be
 * renamed (a graph input, an initializer) stays.
 */
import type { Graph, Model, Node } from '../ir/model.js';
import { readNumbers } from '../ir/tensor.js';
import { attrInts, bypass, constantOf, consumers, eachGraph, staticDims, typeOf } from './graph-utils.js';

export const removeNoOps = (model: Model): number => eachGraph(model, (g) => {
  let removed = 0;
  for (const node of [...g.nodes]) {
    if (node.domain === '' && isNoOp(g, node) && bypass(g, node, node.inputs[0], node.outputs[0])) removed++;
  }
  return removed;
});

function isNoOp(g: Graph, node: Node): boolean {
  const [input, output] = [node.inputs[0], node.outputs[0]];
  if (!input || !output) return false;
  switch (node.op) {
    case 'Identity': return true;
    case 'Dropout': {
      // Inference mode unless training_mode (opset 12 input) is a constant true; the mask must be unread.
      const training = node.inputs[2] ? constantOf(g, node.inputs[2]) : undefined;
      if (node.inputs[2] && (!training || readNumbers(training)[0] !== 0)) return false;
      return !node.outputs[1] || !(consumers(g).get(node.outputs[1])?.length) && !g.outputs.some((o) => o.name === node.outputs[1]);
    }
    case 'Cast': case 'CastLike': {
      const from = typeOf(g, input).dtype, to = typeOf(g, output).dtype;
      return !!from && from === to;
    }
    case 'Reshape': case 'Expand': return sameStaticDims(g, input, output);
    case 'Slice': {
      const steps = node.inputs[4] ? constantOf(g, node.inputs[4]) : undefined;
      if (node.inputs[4] && (!steps || readNumbers(steps).some((s) => s <= 0))) return false;
      // Positive steps that keep every dim's length select every element, in order.
      return sameStaticDims(g, input, output);
    }
    case 'Transpose': {
      const rank = typeOf(g, input).dims?.length;
      const perm = attrInts(node, 'perm') ?? (rank === undefined ? undefined : [...Array(rank).keys()].reverse());
      return !!perm && perm.every((p, i) => p === i);
    }
    default: return false;
  }
}

function sameStaticDims(g: Graph, a: string, b: string): boolean {
  const x = staticDims(g, a), y = staticDims(g, b);
  return !!x && !!y && x.length === y.length && x.every((d, i) => d === y[i]);
}

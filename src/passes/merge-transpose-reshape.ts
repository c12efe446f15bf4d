/**
 * Merges chains: Transpose(Transpose(x)) becomes one Transpose with the composed permutation, and
 * Reshape(Reshape(x)) one Reshape of x to the outer shape. The inner node stays for its other
 * readers (dead-code elimination drops it when there are none); a composed identity is removed by
 * the no-op pass.
 *
 * A Transpose that moves only size-1 axes (the other axes keep their order) is a Reshape, so it
 * becomes one and joins the Reshape chains: [1, S, E] → [S, 1, E] around sequence-first attention.
 *
 * Safe because a transpose of a transpose moves each element exactly once by the composed
 * permutation, and a reshape only reinterprets the row-major order, which the inner reshape
 * does not change.
 */
import type { Graph, Model, Node } from '../ir/model.js';
import { readNumbers } from '../ir/tensor.js';
import { addConstant, attrInts, constantOf, eachGraph, int64Tensor, producers, staticDims, typeOf } from './graph-utils.js';

export const mergeTransposesAndReshapes = (model: Model): number => eachGraph(model, (g) => {
  const made = producers(g);
  let merged = 0;
  // Reshape takes its shape as an input from opset 5 on.
  if ((model.opsets.get('') ?? 0) >= 5) for (const node of g.nodes) if (unitTransposeToReshape(g, node)) merged++;
  for (const node of g.nodes) {
    const inner = node.inputs[0] ? made.get(node.inputs[0]) : undefined;
    if (!inner || inner.op !== node.op || inner.domain !== '' || node.domain !== '') continue;
    if (node.op === 'Transpose' && mergeTranspose(g, inner, node)) merged++;
    if (node.op === 'Reshape' && mergeReshape(g, inner, node)) merged++;
  }
  return merged;
});

function mergeTranspose(g: Graph, inner: Node, outer: Node): boolean {
  const rank = typeOf(g, inner.inputs[0]).dims?.length;
  const permOf = (n: Node) => attrInts(n, 'perm') ?? (rank === undefined ? undefined : [...Array(rank).keys()].reverse());
  const p1 = permOf(inner), p2 = permOf(outer);
  if (!p1 || !p2 || p1.length !== p2.length) return false;
  // out[j] = mid[p2[j]] = in[p1[p2[j]]]
  outer.attributes.set('perm', { name: 'perm', type: 'ints', value: p2.map((j) => p1[j]) });
  outer.inputs = [inner.inputs[0]];
  return true;
}

function mergeReshape(g: Graph, inner: Node, outer: Node): boolean {
  if (outer.inputs.length < 2 || inner.inputs.length < 2) return false; // opset < 5: shape is an attribute
  const out = staticDims(g, outer.outputs[0]);
  if (out && !out.includes(0)) {
    outer.inputs = [inner.inputs[0], addConstant(g, `${outer.name}_shape`, int64Tensor(out))];
    outer.attributes.delete('allowzero');
    return true;
  }
  // A 0 in the outer shape copies a dim of the inner reshape's output, so only zero-free shapes move.
  const shape = constantOf(g, outer.inputs[1]);
  if (!shape || readNumbers(shape).includes(0)) return false;
  outer.inputs = [inner.inputs[0], outer.inputs[1]];
  return true;
}

/** Rewrites a Transpose whose non-unit axes keep their order as a Reshape to its (static) output dims. */
function unitTransposeToReshape(g: Graph, node: Node): boolean {
  if (node.op !== 'Transpose' || node.domain !== '') return false;
  const dims = staticDims(g, node.inputs[0]), out = staticDims(g, node.outputs[0]);
  if (!dims || !out || out.includes(0)) return false;
  const perm = attrInts(node, 'perm') ?? [...dims.keys()].reverse();
  const moved = perm.filter((axis) => dims[axis] !== 1);
  if (moved.some((axis, i) => i > 0 && axis < moved[i - 1])) return false;
  node.op = 'Reshape';
  node.inputs = [node.inputs[0], addConstant(g, `${node.name}_shape`, int64Tensor(out))];
  node.attributes = new Map();
  return true;
}

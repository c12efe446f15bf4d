/**
 * Conv + Add/Mul by a per-channel (or scalar) constant → Conv: Add(conv, c) moves into the bias
 * (B' = B + c), Mul(conv, c) into the weights and bias (W' = W · c per output channel, B' = B · c).
 *
 * Safe because convolution is linear in W and B, so scaling/shifting each output channel equals
 * scaling/shifting that channel's weights and bias. Only constants that broadcast to [1, M, 1, …]
 * qualify (a per-channel or scalar value), so the conv's output shape is unchanged. The new
 * weights are constant expressions, evaluated by the next constant-folding pass.
 */
import type { Graph, Model, Node } from '../ir/model.js';
import { Tensor } from '../ir/tensor.js';
import { addConstant, constantOf, consumers, eachGraph, freshName, insertBefore, int64Tensor, makeNode, removeNode, soleConsumer, staticDims } from './graph-utils.js';

export const foldConvAddMul = (model: Model): number => {
  if ((model.opsets.get('') ?? 0) < 7) return 0; // needs numpy broadcasting in the emitted Add/Mul
  return eachGraph(model, (g) => {
    let folded = 0;
    for (const conv of [...g.nodes]) {
      if (conv.op !== 'Conv' || conv.domain !== '') continue;
      const next = soleConsumer(g, consumers(g), conv.outputs[0]);
      if (next && (next.op === 'Add' || next.op === 'Mul') && next.domain === '' && foldOne(g, conv, next)) folded++;
    }
    return folded;
  });
};

function foldOne(g: Graph, conv: Node, op: Node): boolean {
  const cName = op.inputs[0] === conv.outputs[0] ? op.inputs[1] : op.inputs[0];
  if (cName === conv.outputs[0]) return false;
  const c = constantOf(g, cName), w = constantOf(g, conv.inputs[1]);
  const outDims = staticDims(g, conv.outputs[0]);
  if (!c || !w || !outDims || c.type !== w.type || (conv.inputs[2] && !constantOf(g, conv.inputs[2]))) return false;
  const M = w.dims[0];
  // c must broadcast to [1, M, 1, ...]: rank ≤ out rank, every dim 1 except the channel dim (M or 1).
  const aligned = [...Array(outDims.length - c.dims.length).fill(1), ...c.dims];
  if (c.dims.length > outDims.length || !aligned.every((d, i) => d === 1 || (i === 1 && d === M))) return false;
  const nodes: Node[] = [];
  const emit = (opName: string, inputs: string[], base: string) => {
    const out = freshName(g, `${op.name}_${base}`);
    nodes.push(makeNode(g, opName, inputs, [out], [], '', freshName(g, `${op.name}_${base}_node`)));
    g.valueInfo.set(out, { name: out });
    return out;
  };
  const flat = emit('Reshape', [cName, addConstant(g, `${op.name}_flat`, int64Tensor([-1]))], 'c_flat');
  const bias = conv.inputs[2] || addConstant(g, `${conv.name}_zero_bias`, Tensor.fromValues(w.type, [M], new Array(M).fill(0)));
  if (op.op === 'Add') {
    conv.inputs = [conv.inputs[0], conv.inputs[1], emit('Add', [bias, flat], 'B')];
  } else {
    const perChannel = emit('Reshape', [cName, addConstant(g, `${op.name}_wshape`, int64Tensor([-1, ...w.dims.slice(1).map(() => 1)]))], 'c_w');
    conv.inputs = [conv.inputs[0], emit('Mul', [conv.inputs[1], perChannel], 'W'), emit('Mul', [bias, flat], 'B')];
  }
  insertBefore(g, conv, ...nodes);
  conv.outputs = [op.outputs[0]];
  removeNode(g, op);
  return true;
}

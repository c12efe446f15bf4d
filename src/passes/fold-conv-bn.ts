/**
 * Conv + BatchNormalization → Conv. At inference BatchNormalization is a per-channel affine map,
 * y = (x - mean) · s + beta with s = scale / sqrt(var + epsilon), so it folds into the conv:
 * W' = W · s (per output channel) and B' = (B - mean) · s + beta.
 *
 * The new weights are written as small ai.onnx constant expressions (Add, Sqrt, Div, Mul, Sub,
 * Reshape) that the next constant-folding pass evaluates with the reference kernels, so this pass
 * does no arithmetic of its own and works for every float dtype.
 * Conditions: every parameter constant, the conv output read only by the BN, BN in inference mode.
 */
import type { Graph, Model, Node } from '../ir/model.js';
import { Tensor } from '../ir/tensor.js';
import { addConstant, attrFloat, attrInt, constantOf, consumers, eachGraph, freshName, insertBefore, int64Tensor, makeNode, removeNode, soleConsumer } from './graph-utils.js';

export const foldConvBatchNorm = (model: Model): number => {
  if ((model.opsets.get('') ?? 0) < 5) return 0; // the weight expressions need Reshape with a shape input
  return eachGraph(model, (g) => {
    let folded = 0;
    const uses = consumers(g);
    for (const conv of [...g.nodes]) {
      if (conv.op !== 'Conv' || conv.domain !== '') continue;
      const bn = soleConsumer(g, uses, conv.outputs[0]);
      if (bn && bn.op === 'BatchNormalization' && bn.domain === '' && foldOne(g, conv, bn)) folded++;
    }
    return folded;
  });
};

function foldOne(g: Graph, conv: Node, bn: Node): boolean {
  if (attrInt(bn, 'training_mode', 0) !== 0 || attrInt(bn, 'spatial', 1) !== 1 || bn.inputs[0] !== conv.outputs[0]) return false;
  if (bn.outputs.slice(1).some(Boolean)) return false; // training outputs requested
  const [, scale, beta, mean, variance] = bn.inputs;
  const w = constantOf(g, conv.inputs[1]);
  const params = [scale, beta, mean, variance].map((n) => constantOf(g, n));
  if (!w || params.some((p) => !p) || (conv.inputs[2] && !constantOf(g, conv.inputs[2]))) return false;
  const dtype = w.type;
  if (params.some((p) => p!.type !== dtype)) return false;
  const M = w.dims[0];
  const eps = addConstant(g, `${bn.name}_eps`, Tensor.fromValues(dtype, [], [attrFloat(bn, 'epsilon', 1e-5)]));
  const v = (base: string) => freshName(g, `${bn.name}_${base}`);
  const nodes: Node[] = [];
  const emit = (op: string, inputs: string[], base: string) => {
    const out = v(base);
    nodes.push(makeNode(g, op, inputs, [out], [], '', freshName(g, `${bn.name}_${base}_node`)));
    g.valueInfo.set(out, { name: out }); // reserves the name for the next freshName
    return out;
  };
  const std = emit('Sqrt', [emit('Add', [variance, eps], 'var_eps')], 'std');
  const s = emit('Div', [scale, std], 's');
  const wShape = addConstant(g, `${bn.name}_wshape`, int64Tensor([M, ...w.dims.slice(1).map(() => 1)]));
  const newW = emit('Mul', [conv.inputs[1], emit('Reshape', [s, wShape], 's_w')], 'W');
  const bias = conv.inputs[2] ? emit('Sub', [conv.inputs[2], mean], 'b_minus_mean') : emit('Neg', [mean], 'neg_mean');
  const newB = emit('Add', [emit('Mul', [bias, s], 'b_scaled'), beta], 'B');
  insertBefore(g, conv, ...nodes);
  conv.inputs = [conv.inputs[0], newW, newB];
  conv.outputs = [bn.outputs[0]];
  removeNode(g, bn);
  return true;
}

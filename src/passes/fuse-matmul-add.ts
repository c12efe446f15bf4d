/**
 * MatMul + Add(constant) → Gemm when both operands are 2-D (Gemm's C broadcasts to [M, N]), else
 * → com.onnx-ts FusedMatMul with the constant as its bias (batched MatMuls of transformer layers).
 *
 * Safe because Gemm with alpha = beta = 1 and no transposes is exactly A·B + C, and FusedMatMul
 * is MatMul then Add. Only a bias whose every dim is 1 or equal to the product's (known) dim there qualifies, so
 * the Add never grows the output.
 */
import type { Graph, Model, Node } from '../ir/model.js';
import { FLOATS } from '../ir/ops/common/types.js';
import { FUSED_DOMAIN } from '../ir/ops/fused/index.js';
import { broadcastsInto, constantOf, consumers, eachGraph, removeNode, soleConsumer, typeOf, useFusedDomain } from './graph-utils.js';

export const fuseMatMulAdd = (model: Model): number => eachGraph(model, (g) => {
  let fused = 0;
  for (const mm of [...g.nodes]) {
    if (mm.op !== 'MatMul' || mm.domain !== '') continue;
    const add = soleConsumer(g, consumers(g), mm.outputs[0]);
    if (!add || add.op !== 'Add' || add.domain !== '') continue;
    if (fuseOne(g, mm, add, model.opsets.get('') ?? 0)) { fused++; useFusedDomain(model); }
  }
  return fused;
});

function fuseOne(g: Graph, mm: Node, add: Node, opset: number): boolean {
  const biasName = add.inputs[0] === mm.outputs[0] ? add.inputs[1] : add.inputs[0];
  const bias = constantOf(g, biasName);
  const out = typeOf(g, mm.outputs[0]).dims;
  const a = typeOf(g, mm.inputs[0]).dims, b = typeOf(g, mm.inputs[1]).dims;
  const dtype = typeOf(g, mm.outputs[0]).dtype;
  if (!bias || biasName === mm.outputs[0] || !out || !a || !b || !dtype || !FLOATS.includes(dtype) || bias.type !== dtype) return false;
  if (!broadcastsInto(bias.dims, out)) return false;
  if (a.length === 2 && b.length === 2 && opset >= 11) {
    mm.op = 'Gemm';
  } else {
    mm.op = 'FusedMatMul';
    mm.domain = FUSED_DOMAIN;
  }
  mm.inputs = [mm.inputs[0], mm.inputs[1], biasName];
  mm.outputs = [add.outputs[0]];
  removeNode(g, add);
  return true;
}

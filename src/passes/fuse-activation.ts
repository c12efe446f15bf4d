/**
 * Conv/Gemm/MatMul + activation → one com.onnx-ts node (FusedConv, FusedGemm, FusedMatMul) that
 * applies the activation to the product as it is produced. Activations: Relu, Clip (constant
 * bounds), Sigmoid, HardSigmoid, LeakyRelu, Tanh, GELU (ai.onnx or com.onnx-ts Gelu) and SiLU,
 * the pattern Mul(y, Sigmoid(y)).
 *
 * Safe because the fused op's reference is the producer's reference followed by the activation's;
 * the producer's output must be read by the activation alone, so nothing else saw it.
 */
import type { Attribute, Graph, Model, Node } from '../ir/model.js';
import { FLOATS } from '../ir/ops/common/types.js';
import { FUSED_DOMAIN } from '../ir/ops/fused/index.js';
import { attrFloat, consumers, constantOf, eachGraph, isGraphOutput, removeNode, scalarOf, soleConsumer, typeOf, useFusedDomain } from './graph-utils.js';

const FUSED_NAME: Record<string, string> = { Conv: 'FusedConv', Gemm: 'FusedGemm', MatMul: 'FusedMatMul' };

export const fuseActivations = (model: Model): number => eachGraph(model, (g) => {
  let fused = 0;
  const opset = model.opsets.get('') ?? 0;
  for (const node of [...g.nodes]) {
    if (!isProducer(node, opset)) continue;
    const uses = consumers(g);
    const act = activationAfter(g, uses, node.outputs[0], opset);
    if (!act) continue;
    const dtype = typeOf(g, node.outputs[0]).dtype;
    if (!dtype || !FLOATS.includes(dtype)) continue;
    if (node.domain === '') { node.op = FUSED_NAME[node.op]; node.domain = FUSED_DOMAIN; }
    node.attributes.delete('broadcast');
    node.attributes.set('activation', { name: 'activation', type: 'string', value: act.name });
    if (act.params.length) node.attributes.set('activation_params', { name: 'activation_params', type: 'floats', value: act.params } as Attribute);
    node.outputs = [act.output];
    for (const n of act.nodes) removeNode(g, n);
    useFusedDomain(model);
    fused++;
  }
  return fused;
});

function isProducer(node: Node, opset: number): boolean {
  if (node.domain === '') return node.op === 'Conv' || node.op === 'MatMul' || (node.op === 'Gemm' && opset >= 7);
  return node.domain === FUSED_DOMAIN && node.op in { FusedConv: 1, FusedGemm: 1, FusedMatMul: 1 } && !node.attributes.get('activation')?.value;
}

interface Activation { name: string; params: number[]; output: string; nodes: Node[] }

/** The activation applied to `value` by its only reader(s), if it is one this pass fuses. */
function activationAfter(g: Graph, uses: Map<string, Node[]>, value: string, opset: number): Activation | undefined {
  if (isGraphOutput(g, value)) return undefined;
  const readers = uses.get(value) ?? [];
  if (readers.length === 2) return siluAfter(g, uses, value, readers);
  const act = readers.length === 1 ? readers[0] : undefined;
  if (!act || act.inputs[0] !== value) return undefined;
  const done = (name: string, params: number[] = []): Activation => ({ name, params, output: act.outputs[0], nodes: [act] });
  if (act.domain === FUSED_DOMAIN && act.op === 'Gelu') return done('Gelu');
  if (act.domain !== '') return undefined;
  switch (act.op) {
    case 'Relu': case 'Sigmoid': case 'Tanh': return done(act.op);
    case 'Gelu': return (act.attributes.get('approximate')?.value ?? 'none') === 'none' ? done('Gelu') : undefined;
    case 'LeakyRelu': return done('LeakyRelu', [attrFloat(act, 'alpha', 0.01)]);
    case 'HardSigmoid': return done('HardSigmoid', [attrFloat(act, 'alpha', 0.2), attrFloat(act, 'beta', 0.5)]);
    case 'Clip': {
      if (opset < 11) return done('Clip', [attrFloat(act, 'min', -3.402823e+38), attrFloat(act, 'max', 3.402823e+38)]);
      const bound = (i: number, fallback: number) => (act.inputs[i] ? scalarOf(g, act.inputs[i]) : fallback);
      const min = bound(1, -Infinity), max = bound(2, Infinity);
      if (min === undefined || max === undefined) return undefined; // run-time bounds
      return done('Clip', [min, max]);
    }
    default: return undefined;
  }
}

/** SiLU: the value read by exactly a Sigmoid and a Mul(value, sigmoid) that is the Sigmoid's only reader. */
function siluAfter(g: Graph, uses: Map<string, Node[]>, value: string, readers: Node[]): Activation | undefined {
  const sig = readers.find((n) => n.op === 'Sigmoid' && n.domain === '');
  const mul = readers.find((n) => n.op === 'Mul' && n.domain === '');
  if (!sig || !mul || soleConsumer(g, uses, sig.outputs[0]) !== mul) return undefined;
  const ins = new Set(mul.inputs);
  if (!ins.has(value) || !ins.has(sig.outputs[0]) || constantOf(g, value)) return undefined;
  return { name: 'SiLU', params: [], output: mul.outputs[0], nodes: [sig, mul] };
}

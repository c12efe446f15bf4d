/**
 * LayerNormalization fusion. Matches the decomposed form exporters write for opsets < 17:
 *
 *   m = ReduceMean(X, axes=[-1]);  d = Sub(X, m);  v = ReduceMean(Pow(d, 2), axes=[-1])
 *   n = Div(d, Sqrt(Add(v, epsilon)));  Y = Add(Mul(n, gamma), beta)     (Mul, Add optional)
 *
 * and replaces it with one LayerNormalization (ai.onnx from opset 17, else com.onnx-ts) over the
 * last axis. Safe because that is LayerNormalization's definition; every intermediate must be read
 * only inside the pattern, and gamma/beta must be constants of the last dim's length.
 */
import type { Graph, Model, Node } from '../ir/model.js';
import { FLOATS } from '../ir/ops/common/types.js';
import { FUSED_DOMAIN } from '../ir/ops/fused/index.js';
import { Tensor, readNumbers } from '../ir/tensor.js';
import { addConstant, attrInt, attrInts, constantOf, consumers, eachGraph, isGraphOutput, removeNode, scalarOf, soleConsumer, staticDims, typeOf, useFusedDomain } from './graph-utils.js';

export const fuseLayerNorm = (model: Model): number => eachGraph(model, (g) => {
  let fused = 0;
  const opset = model.opsets.get('') ?? 0;
  for (const node of [...g.nodes]) {
    if (node.op !== 'ReduceMean' || node.domain !== '' || !g.nodes.includes(node)) continue;
    if (fuseAt(g, node, opset)) { fused++; if (opset < 17) useFusedDomain(model); }
  }
  return fused;
});

/** The only reader of `value` if it has op `op` (ai.onnx). */
function next(g: Graph, uses: Map<string, Node[]>, value: string, op: string): Node | undefined {
  const n = soleConsumer(g, uses, value);
  return n && n.op === op && n.domain === '' ? n : undefined;
}

/** Whether a ReduceMean reduces exactly the last axis of a rank-`rank` input, keeping dims. */
function reducesLastAxis(g: Graph, rm: Node, rank: number): boolean {
  if (attrInt(rm, 'keepdims', 1) !== 1) return false;
  const axesT = rm.inputs[1] ? constantOf(g, rm.inputs[1]) : undefined;
  if (rm.inputs[1] && !axesT) return false;
  const axes = axesT ? readNumbers(axesT) : attrInts(rm, 'axes');
  return !!axes && axes.length === 1 && (axes[0] === -1 || axes[0] === rank - 1);
}

function fuseAt(g: Graph, mean: Node, opset: number): boolean {
  const x = mean.inputs[0];
  const dims = staticDims(g, x);
  const dtype = typeOf(g, x).dtype;
  if (!dims || !dtype || !FLOATS.includes(dtype) || !reducesLastAxis(g, mean, dims.length)) return false;
  const uses = consumers(g);
  const sub = next(g, uses, mean.outputs[0], 'Sub');
  if (!sub || sub.inputs[0] !== x || sub.inputs[1] !== mean.outputs[0]) return false;
  const d = sub.outputs[0];
  const dReaders = uses.get(d) ?? [];
  if (dReaders.length !== 2 || isGraphOutput(g, d)) return false;
  const pow = dReaders.find((n) => n.op === 'Pow' && n.domain === '' && n.inputs[0] === d && scalarOf(g, n.inputs[1]) === 2);
  const div = dReaders.find((n) => n.op === 'Div' && n.domain === '' && n.inputs[0] === d);
  if (!pow || !div) return false;
  const varMean = next(g, uses, pow.outputs[0], 'ReduceMean');
  if (!varMean || !reducesLastAxis(g, varMean, dims.length)) return false;
  const addEps = next(g, uses, varMean.outputs[0], 'Add');
  const epsName = addEps && (addEps.inputs[0] === varMean.outputs[0] ? addEps.inputs[1] : addEps.inputs[0]);
  const epsilon = epsName !== undefined ? scalarOf(g, epsName) : undefined;
  if (!addEps || epsilon === undefined) return false;
  const sqrt = next(g, uses, addEps.outputs[0], 'Sqrt');
  if (!sqrt || soleConsumer(g, uses, sqrt.outputs[0]) !== div || div.inputs[1] !== sqrt.outputs[0]) return false;
  const pattern = [mean, sub, pow, varMean, addEps, sqrt, div];
  const C = dims[dims.length - 1];
  const param = (n: Node | undefined, from: string) => {
    if (!n) return undefined;
    const other = n.inputs[0] === from ? n.inputs[1] : n.inputs[0];
    const t = constantOf(g, other);
    return t && t.type === dtype && t.dims.length === 1 && t.dims[0] === C ? other : undefined;
  };
  let out = div.outputs[0];
  const mul = next(g, uses, out, 'Mul');
  let gamma = param(mul, out);
  if (gamma) { pattern.push(mul!); out = mul!.outputs[0]; }
  const add = next(g, uses, out, 'Add');
  const beta = param(add, out);
  if (beta) { pattern.push(add!); out = add!.outputs[0]; }
  gamma ??= addConstant(g, `${mean.name}_ones`, Tensor.fromValues(dtype, [C], new Array(C).fill(1)));
  const ln = pattern[pattern.length - 1];
  for (const n of pattern) if (n !== ln) removeNode(g, n);
  Object.assign(ln, {
    op: 'LayerNormalization', domain: opset >= 17 ? '' : FUSED_DOMAIN, inputs: beta ? [x, gamma, beta] : [x, gamma], outputs: [out],
    attributes: new Map([['axis', { name: 'axis', type: 'int', value: -1 }], ['epsilon', { name: 'epsilon', type: 'float', value: epsilon }]]),
  });
  return true;
}

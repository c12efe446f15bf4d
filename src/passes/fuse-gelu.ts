/**
 * GELU fusion. Matches the exact (erf) form exporters write:
 *
 *   Mul(Mul(x, Add(Erf(Div(x, √2)), 1)), 0.5)     or     Mul(Mul(x, 0.5), Add(Erf(Div(x, √2)), 1))
 *
 * (Div by √2 may also be Mul by 1/√2; Mul operands in either order) and replaces it with one Gelu
 * (ai.onnx from opset 20, else com.onnx-ts). Safe because that is GELU's definition, x·Φ(x); the
 * constants must match to 1e-4 and every intermediate must be read only inside the pattern.
 */
import type { Graph, Model, Node } from '../ir/model.js';
import { FUSED_DOMAIN } from '../ir/ops/fused/index.js';
import { consumers, eachGraph, producers, removeNode, scalarOf, soleConsumer, useFusedDomain } from './graph-utils.js';

const near = (a: number | undefined, b: number) => a !== undefined && Math.abs(a - b) <= 1e-4 * Math.abs(b);

export const fuseGelu = (model: Model): number => eachGraph(model, (g) => {
  let fused = 0;
  const opset = model.opsets.get('') ?? 0;
  for (const erf of [...g.nodes]) {
    if (erf.op !== 'Erf' || erf.domain !== '' || !g.nodes.includes(erf)) continue;
    if (fuseAt(g, erf, opset)) { fused++; if (opset < 20) useFusedDomain(model); }
  }
  return fused;
});

/** The operand of binary `n` other than `value`. */
const other = (n: Node, value: string) => (n.inputs[0] === value ? n.inputs[1] : n.inputs[0]);

function fuseAt(g: Graph, erf: Node, opset: number): boolean {
  const uses = consumers(g);
  const made = producers(g);
  const scale = made.get(erf.inputs[0]);
  if (!scale || scale.domain !== '' || soleConsumer(g, uses, scale.outputs[0]) !== erf) return false;
  const x = scale.inputs[0];
  const ok = (scale.op === 'Div' && near(scalarOf(g, scale.inputs[1]), Math.SQRT2)) || (scale.op === 'Mul' && near(scalarOf(g, scale.inputs[1]), Math.SQRT1_2));
  if (!ok) return false;
  const add1 = soleConsumer(g, uses, erf.outputs[0]);
  if (!add1 || add1.op !== 'Add' || add1.domain !== '' || !near(scalarOf(g, other(add1, erf.outputs[0])), 1)) return false;
  const mul = soleConsumer(g, uses, add1.outputs[0]);
  if (!mul || mul.op !== 'Mul' || mul.domain !== '') return false;
  const partner = other(mul, add1.outputs[0]);
  let pattern: Node[];
  let out: string;
  if (partner === x) {
    // x · (1 + erf) then · 0.5
    const half = soleConsumer(g, uses, mul.outputs[0]);
    if (!half || half.op !== 'Mul' || half.domain !== '' || !near(scalarOf(g, other(half, mul.outputs[0])), 0.5)) return false;
    pattern = [scale, erf, add1, mul, half];
    out = half.outputs[0];
  } else {
    // (x · 0.5) · (1 + erf)
    const half = made.get(partner);
    if (!half || half.op !== 'Mul' || half.domain !== '' || soleConsumer(g, uses, partner) !== mul) return false;
    if (!half.inputs.includes(x) || !near(scalarOf(g, other(half, x)), 0.5)) return false;
    pattern = [half, scale, erf, add1, mul];
    out = mul.outputs[0];
  }
  const last = pattern.find((n) => n.outputs[0] === out)!;
  for (const n of pattern) if (n !== last) removeNode(g, n);
  Object.assign(last, { op: 'Gelu', domain: opset >= 20 ? '' : FUSED_DOMAIN, inputs: [x], outputs: [out], attributes: new Map() });
  return true;
}

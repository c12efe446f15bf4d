// Random small graphs for the optimizer tests, built from the patterns the passes look for (and
// near misses of them): each step appends nodes reading an existing value.
import fc from 'fast-check';
import type { Model } from '../../src/ir/model.js';
import { Tensor } from '../../src/ir/tensor.js';
import { buildModel, type NodeLite } from '../../src/tools/model-builder.js';

interface Val { name: string; dims: number[] }

/** One step of graph construction: appends nodes reading existing values, returns the new value. */
type Step = (b: Builder, v: Val, r: () => number) => Val;

class Builder {
  nodes: NodeLite[] = [];
  inits: Record<string, Tensor> = {};
  values: Val[] = [];
  private n = 0;
  fresh(base: string) { return `${base}_${this.n++}`; }
  node(op: string, inputs: string[], attrs?: NodeLite['attrs'], outputs = 1): string[] {
    const outs = Array.from({ length: outputs }, () => this.fresh(op.toLowerCase()));
    this.nodes.push({ op, inputs, outputs: outs, attrs });
    return outs;
  }
  constant(dims: number[], r: () => number, lo = -1, hi = 1): string {
    const name = this.fresh('c');
    const size = dims.reduce((p, q) => p * q, 1);
    this.inits[name] = new Tensor('float32', Float32Array.from({ length: size }, () => lo + (hi - lo) * r()), dims);
    return name;
  }
  int64(values: number[]): string {
    const name = this.fresh('shape');
    this.inits[name] = new Tensor('int64', BigInt64Array.from(values.map(BigInt)), [values.length]);
    return name;
  }
  add(name: string, dims: number[]): Val { const v = { name, dims }; this.values.push(v); return v; }
}

const last = (d: number[]) => d[d.length - 1];
const STEPS: Record<string, Step> = {
  unary: (b, v, r) => b.add(b.node(['Relu', 'Sigmoid', 'Tanh', 'Identity'][Math.floor(r() * 4)], [v.name])[0], v.dims),
  binConst: (b, v, r) => b.add(b.node(['Add', 'Mul', 'Sub', 'Div'][Math.floor(r() * 4)], [v.name, b.constant([last(v.dims)], r, 0.5, 1.5)])[0], v.dims),
  binSame: (b, v, r) => {
    const peers = b.values.filter((u) => u.dims.join() === v.dims.join());
    const w = peers[Math.floor(r() * peers.length)] ?? v;
    return b.add(b.node(r() < 0.5 ? 'Add' : 'Mul', [v.name, w.name])[0], v.dims);
  },
  duplicate: (b, v) => {
    b.node('Relu', [v.name]);
    return b.add(b.node('Relu', [v.name])[0], v.dims);
  },
  transposeTwice: (b, v, r) => {
    const perm = [...v.dims.keys()].sort(() => r() - 0.5);
    const t1 = b.node('Transpose', [v.name], { perm })[0];
    const mid = perm.map((p) => v.dims[p]);
    const perm2 = [...mid.keys()].sort(() => r() - 0.5);
    return b.add(b.node('Transpose', [t1], { perm: perm2 })[0], perm2.map((p) => mid[p]));
  },
  reshapeChain: (b, v) => {
    const flat = b.node('Reshape', [v.name, b.int64([-1])])[0];
    const shape = b.node('Shape', [v.name])[0];
    return b.add(b.node('Reshape', [flat, shape])[0], v.dims);
  },
  noopCast: (b, v) => b.add(b.node('Cast', [v.name], { to: 1 })[0], v.dims),
  matmul: (b, v, r) => {
    const n = 2 + Math.floor(r() * 3);
    let y = b.node('MatMul', [v.name, b.constant([last(v.dims), n], r)])[0];
    if (r() < 0.7) y = b.node('Add', [b.constant([n], r), y])[0];
    if (r() < 0.5) y = b.node(r() < 0.5 ? 'Relu' : 'Sigmoid', [y])[0];
    return b.add(y, [...v.dims.slice(0, -1), n]);
  },
  layerNorm: (b, v, r) => {
    const m = b.node('ReduceMean', [v.name], { axes: [-1] })[0];
    const d = b.node('Sub', [v.name, m])[0];
    const p = b.node('Pow', [d, b.constant([], () => 1, 2, 2)])[0];
    const var_ = b.node('ReduceMean', [p], { axes: [-1] })[0];
    const s = b.node('Sqrt', [b.node('Add', [var_, b.constant([], () => 0, 1e-5, 1e-5)])[0]])[0];
    const n = b.node('Div', [d, s])[0];
    return b.add(b.node('Add', [b.node('Mul', [n, b.constant([last(v.dims)], r)])[0], b.constant([last(v.dims)], r)])[0], v.dims);
  },
  gelu: (b, v) => {
    const e = b.node('Erf', [b.node('Div', [v.name, b.constant([], () => 0, Math.SQRT2, Math.SQRT2)])[0]])[0];
    const a = b.node('Add', [e, b.constant([], () => 0, 1, 1)])[0];
    return b.add(b.node('Mul', [b.node('Mul', [v.name, a])[0], b.constant([], () => 0, 0.5, 0.5)])[0], v.dims);
  },
  attention: (b, v, r) => {
    if (v.dims.length !== 3) return v;
    const [, s] = v.dims;
    const kt = b.node('Transpose', [v.name], { perm: [0, 2, 1] })[0];
    const q = b.node('Div', [v.name, b.constant([], () => 0, 2, 2)])[0];
    let scores = b.node('MatMul', [q, kt])[0];
    if (r() < 0.5) scores = b.node('Add', [scores, b.constant([1, 1, s], r)])[0];
    const p = b.node('Softmax', [scores], { axis: -1 })[0];
    return b.add(b.node('MatMul', [p, v.name])[0], v.dims);
  },
};

export const graphArb = fc.record({
  dims: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 2, max: 5 })),
  steps: fc.array(fc.record({ kind: fc.constantFrom(...Object.keys(STEPS)), pick: fc.nat(), seed: fc.integer({ min: 1, max: 2 ** 30 }) }), { minLength: 1, maxLength: 8 }),
  extraOutput: fc.boolean(),
});

export interface GraphSpec { dims: number[]; steps: { kind: string; pick: number; seed: number }[]; extraOutput: boolean }

/** Builds the model a spec describes (exported for the pass tests) and a deterministic input for it. */
export function build(spec: GraphSpec): { model: Model; input: Tensor } {
  const b = new Builder();
  const x = b.add('x', [...spec.dims]);
  for (const st of spec.steps) {
    let state = st.seed;
    const r = () => { state = (state * 1103515245 + 12345) % 2147483648; return state / 2147483648; };
    STEPS[st.kind](b, b.values[st.pick % b.values.length], r);
  }
  const out = b.values[b.values.length - 1];
  const outputs: [string, 'float32'][] = [[out.name, 'float32']];
  const extra = b.values[Math.floor(b.values.length / 2)];
  if (spec.extraOutput && extra.name !== out.name && extra.name !== 'x') outputs.push([extra.name, 'float32']);
  const model = buildModel({ opset: 13, inputs: [['x', 'float32', [...spec.dims]]], outputs, nodes: b.nodes, initializers: b.inits });
  const size = x.dims.reduce((p, q) => p * q, 1);
  const input = new Tensor('float32', Float32Array.from({ length: size }, (_, i) => Math.sin(i * 1.7) * 2), x.dims);
  return { model, input };
}


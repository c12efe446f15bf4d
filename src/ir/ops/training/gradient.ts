/**
 * Gradient (ai.onnx.preview.training): the derivatives of the tensor named `y` with respect to the
 * tensors named in `xs`, for the part of the enclosing graph that computes `y` from `xs` and `zs`,
 * evaluated at the values given as this node's inputs.
 * https://onnx.ai/onnx/operators/onnx_aionnxpreviewtraining_Gradient.html
 *
 * How it works:
 * 1. The forward slice: the nodes of the enclosing graph that `y` depends on, walking back from `y`
 *    and stopping at the names in `xs` and `zs` (constants, initializers and outer-scope values
 *    are read as they are; any other graph input `y` needs is an error: `xs` and `zs` must name
 *    every independent variable).
 * 2. That slice runs as a small graph (inputs `xs` then `zs`, every intermediate value an output)
 *    through `runGraph`, so it uses the session's providers and nested subgraphs still work.
 *    The slice is taken once, at the node's first shape inference (which the session runs before
 *    the optimizer), from copies of the nodes and the initializers they read: the optimizer does
 *    not know this node reads the graph by name and may rewrite or drop those nodes.
 * 3. Reverse mode: starting from a gradient of ones for `y` (so a non-scalar `y` is treated as
 *    `sum(y)`, the usual convention), the slice's nodes are visited in reverse order and each one
 *    hands its output gradients to its inputs with the rule in GRADIENT_RULES. Inputs that were
 *    broadcast get their gradient summed back to their own shape ("un-broadcast").
 *
 * Only ops in GRADIENT_RULES can be differentiated; a slice node that depends on `xs` and has no
 * rule raises UnsupportedOpError naming it. Ops whose outputs have zero gradient almost everywhere
 * (Shape, comparisons, Floor, …) are in ZERO_GRADIENT and pass nothing back.
 */
import { type DType, isFloat } from '../../dtype.js';
import { AttributeError, ShapeError, TypeConstraintError, UnsupportedOpError } from '../../errors.js';
import type { Graph, Node } from '../../model.js';
import { sizeOf, Tensor } from '../../tensor.js';
import { resolveAttrs } from '../attrs.js';
import { normalizeAxes } from '../common/axes.js';
import { broadcastIndex, broadcastShapes, stridesOf } from '../common/broadcast.js';
import { ALL_TENSOR_TYPES } from '../common/types.js';
import { Gemm } from '../linalg/gemm.js';
import { numericValues } from '../linalg/matmul.js';
import { Softmax } from '../normalization/softmax.js';
import { ReduceMean, ReduceSum } from '../reduction/reduce-ops.js';
import { Transpose } from '../tensor/transpose.js';
import { defineOp, type OpSpec, type Value } from '../spec.js';

const TRAINING_DOMAIN = 'ai.onnx.preview.training';

/** A gradient: float64 values laid out like the tensor it belongs to. */
interface Grad { dims: readonly number[]; data: Float64Array }

/** What a rule sees of one forward node: its input and output values and the output gradients. */
interface RuleArgs {
  node: Node;
  /** Forward input values; undefined for absent optional inputs. */
  x: (Tensor | undefined)[];
  /** Forward output values. */
  y: Tensor[];
  /** Gradient of each output (zeros where nothing flowed back into that output). */
  dy: Float64Array[];
}

/** A reverse-mode rule: the gradient of each input (undefined where it has none, e.g. Reshape's shape). */
type GradientRule = (a: RuleArgs) => (Float64Array | undefined)[];

/** Element values as float64 (decodes float16, converts int64). */
const values = (t: Tensor): ArrayLike<number> => numericValues(t);

/** `g` (laid out over `outDims`) summed into the shape `inDims` it was broadcast from. */
function unbroadcast(g: ArrayLike<number>, outDims: readonly number[], inDims: readonly number[]): Float64Array {
  const out = new Float64Array(sizeOf(inDims));
  const idx = broadcastIndex(inDims, outDims);
  for (let i = 0; i < idx.length; i++) out[idx[i]] += g[i];
  return out;
}

/** A rule for an elementwise op of one input: dx = dy * f'(x, y). */
function unary(derivative: (x: number, y: number) => number): GradientRule {
  return ({ x: [a], y: [out], dy: [g] }) => {
    const xv = values(a!), yv = values(out);
    const d = new Float64Array(g.length);
    for (let i = 0; i < g.length; i++) d[i] = g[i] * derivative(xv[i], yv[i]);
    return [d];
  };
}

/**
 * A rule for a broadcasting binary op: the partial derivatives with respect to each input at one
 * output element. Scattering through the broadcast index maps sums over the broadcast dims.
 */
function binary(da: (a: number, b: number, y: number) => number, db: (a: number, b: number, y: number) => number): GradientRule {
  return ({ x: [a, b], y: [out], dy: [g] }) => {
    const av = values(a!), bv = values(b!), yv = values(out);
    const aIdx = broadcastIndex(a!.dims, out.dims), bIdx = broadcastIndex(b!.dims, out.dims);
    const ga = new Float64Array(a!.size), gb = new Float64Array(b!.size);
    for (let i = 0; i < g.length; i++) {
      const x1 = av[aIdx[i]], x2 = bv[bIdx[i]];
      ga[aIdx[i]] += g[i] * da(x1, x2, yv[i]);
      gb[bIdx[i]] += g[i] * db(x1, x2, yv[i]);
    }
    return [ga, gb];
  };
}

/** The same gradient, reinterpreted with the input's dims (the data layout does not change). */
const passShape: GradientRule = ({ dy: [g] }) => [Float64Array.from(g)];

/** MatMul: dA = dY · Bᵀ, dB = Aᵀ · dY per batch, summed over the batches each operand was broadcast to. */
const matmulRule: GradientRule = ({ x: [a, b], dy: [g] }) => {
  // 1-D operands are promoted as in the forward op; the output data layout is the same either way.
  const aDims = a!.dims.length === 1 ? [1, a!.dims[0]] : [...a!.dims];
  const bDims = b!.dims.length === 1 ? [b!.dims[0], 1] : [...b!.dims];
  const M = aDims[aDims.length - 2], K = aDims[aDims.length - 1], N = bDims[bDims.length - 1];
  const batch = broadcastShapes(aDims.slice(0, -2), bDims.slice(0, -2));
  const aIdx = broadcastIndex(aDims.slice(0, -2), batch), bIdx = broadcastIndex(bDims.slice(0, -2), batch);
  const av = values(a!), bv = values(b!);
  const ga = new Float64Array(a!.size), gb = new Float64Array(b!.size);
  for (let p = 0; p < aIdx.length; p++) {
    const aOff = aIdx[p] * M * K, bOff = bIdx[p] * K * N, gOff = p * M * N;
    for (let i = 0; i < M; i++) {
      for (let j = 0; j < N; j++) {
        const d = g[gOff + i * N + j];
        if (d === 0) continue;
        for (let k = 0; k < K; k++) {
          ga[aOff + i * K + k] += d * bv[bOff + k * N + j];
          gb[bOff + k * N + j] += d * av[aOff + i * K + k];
        }
      }
    }
  }
  return [ga, gb];
};

/** Gemm: Y = alpha·A'·B' + beta·C with A' = transA ? Aᵀ : A (M×K) and B' = transB ? Bᵀ : B (K×N). */
const gemmRule: GradientRule = ({ node, x: [a, b, c], y: [out], dy: [g] }) => {
  const { alpha, beta, transA, transB } = latestAttrs(Gemm, node) as { alpha: number; beta: number; transA: number; transB: number };
  const [M, N] = out.dims;
  const K = transA ? a!.dims[0] : a!.dims[1];
  const av = values(a!), bv = values(b!);
  const ga = new Float64Array(a!.size), gb = new Float64Array(b!.size);
  // Index into A's (or B's) own storage for the element (i, k) of A' (or (k, j) of B').
  const aAt = (i: number, k: number) => (transA ? k * M + i : i * K + k);
  const bAt = (k: number, j: number) => (transB ? j * K + k : k * N + j);
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      const d = alpha * g[i * N + j];
      for (let k = 0; k < K; k++) {
        ga[aAt(i, k)] += d * bv[bAt(k, j)];
        gb[bAt(k, j)] += d * av[aAt(i, k)];
      }
    }
  }
  const gc = c ? unbroadcast(g.map((v) => beta * v), out.dims, c.dims) : undefined;
  return [ga, gb, gc];
};

/** Transpose: the gradient transposed back with the inverse permutation. */
const transposeRule: GradientRule = ({ node, x: [a], y: [out], dy: [g] }) => {
  const rank = a!.dims.length;
  const perm = (latestAttrs(Transpose, node).perm as number[] | undefined) ?? Array.from({ length: rank }, (_, i) => rank - 1 - i);
  // Output axis i is input axis perm[i]: walk the output and write each element to its input position.
  const inStrides = stridesOf(a!.dims);
  const d = new Float64Array(a!.size);
  const counter = new Array<number>(rank).fill(0);
  for (let o = 0; o < g.length; o++) {
    let at = 0;
    for (let i = 0; i < rank; i++) at += counter[i] * inStrides[perm[i]];
    d[at] = g[o];
    for (let i = rank - 1; i >= 0; i--) { if (++counter[i] < out.dims[i]) break; counter[i] = 0; }
  }
  return [d];
};

/**
 * ReduceSum/ReduceMean: every input element gets the gradient of the output it was reduced into
 * (divided by the group size for the mean). The reduced axes come from the axes input or, before
 * axes became an input, the attribute; with neither, a same-size output means the node was a no-op
 * (noop_with_empty_axes) and otherwise every axis was reduced.
 */
function reduceRule(spec: OpSpec<any>): GradientRule {
  const mean = spec === ReduceMean;
  return ({ node, x: [a, axesT], y: [out], dy: [g] }) => {
    const rank = a!.dims.length;
    let axes = axesT ? numericValues(axesT) : (latestAttrs(spec, node).axes as number[] | undefined) ?? [];
    if (!axes.length) {
      if (out.size === a!.size) return [Float64Array.from(g), undefined];
      axes = Array.from({ length: rank }, (_, i) => i);
    }
    const reduced = new Set(normalizeAxes(Array.from(axes), rank));
    // With or without keepdims the output's data is laid out like these dims.
    const kept = a!.dims.map((d, i) => (reduced.has(i) ? 1 : d));
    const idx = broadcastIndex(kept, a!.dims);
    const scale = mean ? out.size / a!.size : 1;
    const d = new Float64Array(a!.size);
    for (let i = 0; i < d.length; i++) d[i] = g[idx[i]] * scale;
    return [d, undefined];
  };
}

/**
 * The lines a Softmax/LogSoftmax node normalized over: `outer` blocks of `len` elements `inner`
 * apart. Before opset 13 the op normalized over the flattened block dims[axis:], from 13 along the
 * one dim `axis`, and the default axis changed too (1, then -1). This kernel only knows the
 * training domain's opset, so it accepts a node only when every reading gives the same lines
 * (the axis is the last one that is not 1, or the input is 2-D with no axis given).
 */
function softmaxLines(node: Node, dims: readonly number[]): { outer: number; len: number; inner: number } {
  const given = node.attributes.get('axis')?.value as number | undefined;
  const defaults = (Softmax.attributes.axis.defaultsByVersion ?? []).map(([, v]) => v as number);
  const rank = Math.max(dims.length, 1);
  const layouts = (given !== undefined ? [given] : defaults).filter((a) => a >= -rank && a < rank).flatMap((a) => {
    const axis = a < 0 ? a + rank : a;
    const outer = sizeOf(dims.slice(0, axis));
    return [{ outer, len: sizeOf(dims.slice(axis)), inner: 1 }, { outer, len: dims[axis] ?? 1, inner: sizeOf(dims.slice(axis + 1)) }];
  });
  const [first] = layouts;
  if (!first || layouts.some((l) => l.outer !== first.outer || l.len !== first.len || l.inner !== first.inner)) {
    throw new UnsupportedOpError(`Gradient: ${node.op} (node '${node.name}') on [${dims.join(',')}] with axis ${given ?? 'unset'} normalizes over different dims before and after opset 13, and the model's ai.onnx opset is not known here; give axis as the last dim`);
  }
  return first;
}

/**
 * Softmax: dx = y (dy - sum(dy y)); LogSoftmax: dx = dy - softmax sum(dy), with softmax = exp(y).
 * Sums run over each normalized line.
 */
function softmaxRule(log: boolean): GradientRule {
  return ({ node, y: [out], dy: [g] }) => {
    const { outer, len, inner } = softmaxLines(node, out.dims);
    const yv = values(out);
    const d = new Float64Array(g.length);
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < inner; i++) {
        const base = o * len * inner + i;
        let dot = 0;
        for (let k = 0; k < len; k++) { const at = base + k * inner; dot += log ? g[at] : g[at] * yv[at]; }
        for (let k = 0; k < len; k++) {
          const at = base + k * inner;
          d[at] = log ? g[at] - Math.exp(yv[at]) * dot : yv[at] * (g[at] - dot);
        }
      }
    }
    return [d];
  };
}

/** Sum/Mean: each input gets the output gradient (divided by the count for Mean), un-broadcast. */
function variadicRule(mean: boolean): GradientRule {
  return ({ x, y: [out], dy: [g] }) => {
    const scale = mean ? 1 / x.length : 1;
    return x.map((t) => unbroadcast(g.map((v) => v * scale), out.dims, t!.dims));
  };
}

/** Where: the gradient goes to X where the condition holds and to Y elsewhere. */
const whereRule: GradientRule = ({ x: [cond, a, b], y: [out], dy: [g] }) => {
  const cv = values(cond!);
  const cIdx = broadcastIndex(cond!.dims, out.dims), aIdx = broadcastIndex(a!.dims, out.dims), bIdx = broadcastIndex(b!.dims, out.dims);
  const ga = new Float64Array(a!.size), gb = new Float64Array(b!.size);
  for (let i = 0; i < g.length; i++) {
    if (cv[cIdx[i]]) ga[aIdx[i]] += g[i];
    else gb[bIdx[i]] += g[i];
  }
  return [undefined, ga, gb];
};

/**
 * The reverse-mode rules, by ai.onnx op name. Each rule is the textbook derivative; `y` is the
 * forward output where reusing it is simpler than recomputing (Sigmoid, Tanh, Exp, Sqrt).
 */
export const GRADIENT_RULES: Readonly<Record<string, GradientRule>> = {
  Add: binary(() => 1, () => 1),
  Sub: binary(() => 1, () => -1),
  Mul: binary((_, b) => b, (a) => a),
  Div: binary((_, b) => 1 / b, (a, b) => -a / (b * b)),
  Pow: binary((a, b) => b * a ** (b - 1), (a, _, y) => y * Math.log(a)),
  Neg: unary(() => -1),
  Identity: passShape,
  Relu: unary((x) => (x > 0 ? 1 : 0)),
  Sigmoid: unary((_, y) => y * (1 - y)),
  Tanh: unary((_, y) => 1 - y * y),
  Exp: unary((_, y) => y),
  Log: unary((x) => 1 / x),
  Sqrt: unary((_, y) => 0.5 / y),
  Abs: unary((x) => Math.sign(x)),
  Reciprocal: unary((_, y) => -y * y),
  Sin: unary((x) => Math.cos(x)),
  Cos: unary((x) => -Math.sin(x)),
  Sum: variadicRule(false),
  Mean: variadicRule(true),
  MatMul: matmulRule,
  Gemm: gemmRule,
  Transpose: transposeRule,
  Reshape: passShape,
  Flatten: passShape,
  Squeeze: passShape,
  Unsqueeze: passShape,
  // A float-to-float Cast passes the gradient on; any other Cast is caught by the float check.
  Cast: passShape,
  ReduceSum: reduceRule(ReduceSum),
  ReduceMean: reduceRule(ReduceMean),
  Where: whereRule,
  Softmax: softmaxRule(false),
  LogSoftmax: softmaxRule(true),
};

/** Ops whose gradient is zero wherever it is defined: they pass nothing back. */
export const ZERO_GRADIENT: ReadonlySet<string> = new Set([
  'Shape', 'Size', 'Equal', 'Less', 'LessOrEqual', 'Greater', 'GreaterOrEqual', 'Not', 'And', 'Or', 'Xor',
  'ArgMax', 'ArgMin', 'NonZero', 'Floor', 'Ceil', 'Round', 'Sign', 'IsNaN', 'IsInf', 'ConstantOfShape',
]);

/**
 * A node's attributes resolved against its spec's newest version. The kernel only knows the
 * training domain's opset, not the model's ai.onnx one; the attributes the rules read (Gemm's
 * alpha/beta/trans*, Transpose's perm, old Reduce axes) kept their meaning and defaults in every
 * version, and given attributes are returned whatever the version.
 */
function latestAttrs(spec: OpSpec<any>, node: Node): Record<string, unknown> {
  return resolveAttrs(spec, node, spec.versions[spec.versions.length - 1]);
}

/** The forward computation a Gradient node differentiates. */
interface ForwardPlan {
  /** `xs` then `zs`: the names the node's inputs give values to. */
  sources: string[];
  /** Nodes computing `y` from the sources, in topological order. */
  nodes: Node[];
  /** Those nodes as a graph whose outputs are every value they read or write (for runGraph). */
  graph: Graph;
  /** Nodes to differentiate: in `nodes` and reading something that depends on `xs`. */
  differentiated: Set<Node>;
  /** Values reached from `xs` (the xs and the outputs of differentiated nodes): only they need gradients. */
  dependent: Set<string>;
}

/** Per node, its plan: the executor caches subgraph executors by Graph object, so reuse it. */
const PLANS = new WeakMap<Node, ForwardPlan>();

/** Builds (once per node) the forward slice from `xs`/`zs` to `y` in the enclosing graph. */
function forwardPlan(node: Node, graph: Graph | undefined, xs: readonly string[], zs: readonly string[], y: string): ForwardPlan {
  const cached = PLANS.get(node);
  if (cached) return cached;
  if (!graph) throw new UnsupportedOpError('Gradient needs its enclosing graph, and was called on its own');
  const sources = [...xs, ...zs];
  const sourceSet = new Set(sources);
  const producer = new Map<string, Node>();
  for (const n of graph.nodes) for (const o of n.outputs) if (o) producer.set(o, n);
  const graphInputs = new Set(graph.inputs.map((v) => v.name));

  // Depth-first from y; post-order gives a topological order of exactly the nodes y needs.
  const order: Node[] = [];
  const constants = new Map<string, Tensor>();
  const state = new Map<Node, 'visiting' | 'done'>();
  const visitValue = (name: string, from: string) => {
    if (!name || sourceSet.has(name)) return;
    const p = producer.get(name);
    if (p) return visitNode(p);
    const init = graph.initializers.get(name);
    if (init) { constants.set(name, init); return; }
    if (graphInputs.has(name)) {
      throw new AttributeError(`Gradient: '${from}' depends on graph input '${name}', which is in neither xs nor zs`);
    }
    // Neither produced here nor an input: an outer-scope value, read as a constant.
  };
  const visitNode = (n: Node) => {
    const s = state.get(n);
    if (s === 'done') return;
    if (s === 'visiting') throw new ShapeError(`Gradient: the graph computing '${y}' has a cycle through node '${n.name}'`);
    state.set(n, 'visiting');
    if (n === node) throw new AttributeError(`Gradient: '${y}' depends on this Gradient node's own outputs`);
    for (const i of [...n.inputs, ...(n.implicitInputs ?? [])]) visitValue(i, n.outputs[0] ?? n.name);
    state.set(n, 'done');
    // A copy: the plan is made during the first shape inference, before the optimizer runs, and
    // the optimizer may rewrite or drop these nodes (y is often no graph output, so dead-code
    // removal sees nothing reading it) and their initializers. The copies and `constants` keep
    // the forward computation as the model wrote it.
    order.push({ ...n, inputs: [...n.inputs], outputs: [...n.outputs], attributes: new Map(n.attributes) });
  };
  if (!sourceSet.has(y) && !producer.has(y) && !graph.initializers.has(y)) {
    throw new AttributeError(`Gradient: y '${y}' is not a value of the enclosing graph`);
  }
  visitValue(y, y);

  // Forward reachability from xs decides which nodes carry a gradient back.
  const dependent = new Set<string>(xs);
  const differentiated = new Set<Node>();
  for (const n of order) {
    if ([...n.inputs, ...(n.implicitInputs ?? [])].some((i) => i && dependent.has(i))) {
      differentiated.add(n);
      for (const o of n.outputs) if (o) dependent.add(o);
    }
  }
  for (const n of differentiated) {
    if (ZERO_GRADIENT.has(n.op) && !n.domain) continue;
    if (n.domain || !GRADIENT_RULES[n.op]) {
      const op = n.domain ? `${n.domain}.${n.op}` : n.op;
      throw new UnsupportedOpError(`Gradient: no gradient rule for ${op} (node '${n.name}'); rules exist for ${Object.keys(GRADIENT_RULES).join(', ')}`);
    }
  }

  // Every value the slice reads or writes comes back from runGraph (the executor's output lookup
  // also sees constants and outer-scope values), so rules can read e.g. ReduceSum's axes input.
  const read = new Set(order.flatMap((n) => [...n.inputs, ...n.outputs]).filter((v) => v && !sourceSet.has(v)));
  const outputs = [...read].map((name) => ({ name }));
  const plan: ForwardPlan = {
    sources, nodes: order, differentiated, dependent,
    graph: { name: `${node.name || 'Gradient'}/forward`, nodes: order, inputs: sources.map((name) => ({ name })), outputs, initializers: constants, valueInfo: new Map() },
  };
  PLANS.set(node, plan);
  return plan;
}

/** Gradient: d y / d x for each x in `xs`, at the values given as inputs. */
export const Gradient = defineOp({
  name: 'Gradient',
  domain: TRAINING_DOMAIN,
  versions: [1],
  doc: 'The gradients of the tensor named y with respect to the tensors named in xs, by reverse-mode differentiation of the enclosing graph.',
  // 'any': the inputs are heterogeneous (float xs, any zs), so they are not bound to one type.
  inputs: [{ name: 'Inputs', type: 'T1', variadic: true, kind: 'any' }],
  outputs: [{ name: 'Outputs', type: 'T2', variadic: true }],
  types: { T1: ALL_TENSOR_TYPES, T2: ['float16', 'float32', 'float64'] },
  attributes: {
    xs: { type: 'strings', required: true },
    y: { type: 'string', required: true },
    zs: { type: 'strings', default: [] },
  },
  inferShape: ({ inputs, attrs, node, graph }) => {
    checkArity(inputs.length, attrs.xs, attrs.zs);
    // Building the plan here reports unsupported ops and bad xs/zs before anything runs.
    if (graph) forwardPlan(node, graph, attrs.xs, attrs.zs, attrs.y);
    return attrs.xs.map((_, i) => {
      const x = inputs[i];
      if (x?.dtype && !isFloat(x.dtype)) throw new TypeConstraintError(`Gradient: xs[${i}] '${attrs.xs[i]}' is ${x.dtype}; only float tensors have gradients`);
      return { kind: 'tensor' as const, dtype: x?.dtype, dims: x?.dims };
    });
  },
  reference: async ({ inputs, attrs, node, graph, runGraph }) => {
    const { xs, zs, y } = attrs;
    checkArity(inputs.length, xs, zs);
    const plan = forwardPlan(node, graph, xs, zs, y);
    const given = inputs as Value[];
    for (let i = 0; i < xs.length; i++) {
      const x = given[i];
      if (!(x instanceof Tensor) || !isFloat(x.type)) throw new TypeConstraintError(`Gradient: xs[${i}] '${xs[i]}' must be a float tensor`);
    }

    const forward = new Map<string, Value>();
    plan.sources.forEach((name, i) => forward.set(name, given[i]));
    const computed = await runGraph(plan.graph, given);
    plan.graph.outputs.forEach((o, i) => forward.set(o.name, computed[i]));
    const valueOf = (name: string): Tensor | undefined => {
      const v = forward.get(name);
      return v instanceof Tensor ? v : undefined;
    };

    const grads = new Map<string, Grad>();
    const accumulate = (name: string, dims: readonly number[], data: Float64Array) => {
      const g = grads.get(name);
      if (!g) grads.set(name, { dims, data });
      else for (let i = 0; i < data.length; i++) g.data[i] += data[i];
    };
    // A y that no node computes and no input gives (an initializer, an outer value) is a
    // constant: nothing is seeded and every gradient is zero.
    const yValue = valueOf(y);
    if (yValue && isFloat(yValue.type)) accumulate(y, yValue.dims, new Float64Array(yValue.size).fill(1));

    for (let n = plan.nodes.length - 1; n >= 0; n--) {
      const fwd = plan.nodes[n];
      if (!plan.differentiated.has(fwd) || ZERO_GRADIENT.has(fwd.op)) continue;
      const outs = fwd.outputs.map((o) => (o ? grads.get(o) : undefined));
      if (outs.every((g) => !g)) continue;
      const outValues = fwd.outputs.map((o) => valueOf(o)!);
      const x = fwd.inputs.map((i) => (i ? valueOf(i) : undefined));
      const dy = outs.map((g, i) => g?.data ?? new Float64Array(outValues[i]?.size ?? 0));
      const dx = GRADIENT_RULES[fwd.op]({ node: fwd, x, y: outValues, dy });
      fwd.inputs.forEach((name, i) => {
        const t = x[i], d = dx[i];
        // Only float values carry gradients; those not reached from xs need none.
        if (!name || !t || !d || !isFloat(t.type) || !plan.dependent.has(name)) return;
        accumulate(name, t.dims, d);
      });
    }

    return xs.map((name, i) => {
      const x = given[i] as Tensor;
      const g = grads.get(name);
      return Tensor.fromValues(x.type as DType, x.dims, g ? g.data : new Float64Array(x.size));
    });
  },
});

/** The node's inputs are the values of xs followed by zs, one each. */
function checkArity(count: number, xs: readonly string[], zs: readonly string[]): void {
  if (!xs.length) throw new AttributeError('Gradient: xs names no tensor to differentiate with respect to');
  if (count !== xs.length + zs.length) {
    throw new ShapeError(`Gradient takes one input per name in xs and zs (${xs.length} + ${zs.length}), got ${count}`);
  }
}

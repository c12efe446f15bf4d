/**
 * Type and shape inference over a graph, driven by each op spec's `inferShape`. Symbolic dims stay
 * symbolic. Small constant subexpressions (Shape → Gather → Concat chains, Constant nodes) are
 * evaluated with the reference kernels so that shapes computed inside the graph become known.
 * Where such a value is only partly known (Shape of `[batch, seq, 384]`), its elements travel as
 * `dimsValue` (see ops/common/dim-values.ts) and keep static dims static downstream.
 * Results go into `graph.valueInfo`; errors name the node, op, opset, shapes and dtypes.
 */
import { ALL_DTYPES, type DType } from './dtype.js';
import { ModelLoadError, OnnxTsError, ShapeError, TypeConstraintError } from './errors.js';
import { subgraphsOf } from './graph.js';
import { formatType, type Dim, type Graph, type Model, type Node, type ValueType } from './model.js';
import { resolveAttrs } from './ops/attrs.js';
import { addDims, dimsValueLength, dimsValueOf, divDims, elementsOf, isIndexType, mulDims, subDims, tensorOfDimsValue } from './ops/common/dim-values.js';
import { getOpSpec } from './ops/index.js';
import { type InferInput, type InferredType, type OpSpec, type Value, resolveVersion } from './ops/spec.js';
import { Tensor } from './tensor.js';

/** Ops whose outputs must not be computed ahead of time. */
const NON_DETERMINISTIC = new Set(['RandomNormal', 'RandomUniform', 'RandomNormalLike', 'RandomUniformLike', 'Bernoulli', 'Multinomial']);
/** Constant evaluation is for shape-sized values; larger ones wait for run time. */
const MAX_FOLD_ELEMENTS = 4096;

type Known = InferredType;

/** Infers types for the whole model (main graph and subgraphs), filling `valueInfo`. */
export function inferModel(model: Model): void {
  inferGraph(model.graph, model.opsets, new Map());
}

/** Infers one graph with outer-scope types visible; returns every value's type by name. */
export function inferGraph(graph: Graph, opsets: ReadonlyMap<string, number>, outer: ReadonlyMap<string, Known>, inputTypes?: (ValueType | undefined)[]): Map<string, Known> {
  const known = new Map<string, Known>(outer);
  graph.inputs.forEach((v, i) => {
    const t = inputTypes?.[i] ?? v.type;
    if (t) known.set(v.name, t);
  });
  for (const [name, t] of graph.initializers) known.set(name, completeValues({ kind: 'tensor', dtype: t.type, dims: [...t.dims], value: t })!);
  for (const node of graph.nodes) {
    const results = inferNode(node, graph, opsets, known);
    node.outputs.forEach((name, i) => {
      if (!name) return;
      const declared = graph.valueInfo.get(name)?.type ?? graph.outputs.find((o) => o.name === name)?.type;
      const merged = mergeTypes(results[i], declared);
      if (merged) {
        known.set(name, merged);
        graph.valueInfo.set(name, { name, type: stripValue(merged) });
      }
    });
  }
  return known;
}

/** A node with its spec, version and attributes resolved, as the executor holds each step. */
export interface ResolvedNode {
  node: Node;
  spec: OpSpec<any>;
  version: number;
  opset: number;
  attrs: Record<string, unknown>;
}

/**
 * Shape inference on one node's actual inputs, for the executor's run-time check: it throws what
 * load-time inference would have thrown had the model declared these dims. Initializers keep their
 * values (load time saw them too); other inputs are known by dtype and dims only. Not for nodes
 * with subgraphs (their inference would walk the bodies).
 *
 * Leaner than inferNode, since it runs during inference: the step's attributes are already resolved,
 * the node's arity was checked at load, and nothing is folded (no output is kept). A model whose
 * input dims change on every run (text of varying length) runs it on each dynamic node per new
 * dims; with inferNode it was a quarter of tinybert_dyn's run time.
 */
export function checkNodeShapes(step: ResolvedNode, graph: Graph, inputs: readonly (Tensor | undefined)[], graphPath: string[]): void {
  const { node, spec, version, opset, attrs } = step;
  if (!spec.inferShape) return;
  const inferInputs: (InferInput | undefined)[] = node.inputs.map((name, i) => {
    if (!name) return undefined;
    const t = inputs[i];
    if (!t) return { type: { kind: 'tensor', dtype: undefined }, dtype: undefined, dims: undefined };
    const dims = [...t.dims];
    // Initializer values as load time saw them (with their elements as dimsValue where small).
    const k = graph.initializers.get(name) === t ? completeValues({ kind: 'tensor', dtype: t.type, dims, value: t })! : undefined;
    return { type: { kind: 'tensor', dtype: t.type, dims }, dtype: t.type, dims, value: k?.value, dimsValue: k?.dimsValue };
  });
  try {
    checkTypeConstraints(spec, inferInputs);
    spec.inferShape({ attrs: attrs as any, version, opset, node, graph, outputCount: node.outputs.length, inputs: inferInputs, inferSubgraph: () => [] });
  } catch (e) {
    const context = {
      node: node.name, op: node.op, domain: node.domain, opset, graphPath,
      inputs: node.inputs.map((name, i) => (!name ? '(absent)' : inputs[i] ? formatType(inferInputs[i]!.type) : '?')),
    };
    if (e instanceof OnnxTsError) throw e.withContext(context);
    throw new ShapeError(`shape inference failed: ${(e as Error).message}`, context, { cause: e });
  }
}

function stripValue(t: Known): ValueType {
  const { value: _value, dimsValue: _dimsValue, ...type } = t as Known & { value?: Tensor; dimsValue?: Dim[] };
  return type as ValueType;
}

/**
 * Keeps `value` and `dimsValue` in step, in one place, so that no spec has to: a small int
 * constant gets its elements as dimsValue (specs that read dimsValue then work on constants too),
 * and a dimsValue whose elements are all numbers becomes the constant `value` (so folding with the
 * reference kernels carries on downstream). A dimsValue that does not fit the type is dropped.
 */
function completeValues(t: Known | undefined): Known | undefined {
  if (!t || t.kind !== 'tensor') return t;
  if (t.value) {
    const dimsValue = t.dimsValue ?? dimsValueOf(t.value);
    return dimsValue ? { ...t, dimsValue } : t;
  }
  if (!t.dimsValue) return t;
  if (!isIndexType(t.dtype) || dimsValueLength(t.dims) !== t.dimsValue.length) {
    const { dimsValue: _dropped, ...rest } = t;
    return rest;
  }
  const value = tensorOfDimsValue(t.dtype, t.dims, t.dimsValue);
  return value ? { ...t, value } : t;
}

/**
 * Integer arithmetic on shape values, element by element and symbolically ('batch' * 4 is
 * '4*batch'). Exporters compute head counts and flattened sizes this way (Gather(Shape) → Mul →
 * Unsqueeze → Concat → Reshape). Fully known operands are folded by tryFold already; this covers
 * the partly symbolic ones. It lives here, beside tryFold, rather than in the arithmetic family's
 * spec, because that family (common/elementwise.ts) is shared with the code generator.
 */
const DIM_ARITHMETIC: Readonly<Record<string, (a: Dim, b: Dim) => Dim>> = { Add: addDims, Sub: subDims, Mul: mulDims, Div: divDims };

function symbolicArithmetic(node: Node, inputs: readonly (InferInput | undefined)[], result: Known | undefined): Known | undefined {
  const f = node.domain === '' ? DIM_ARITHMETIC[node.op] : undefined;
  if (!f || !result || result.kind !== 'tensor' || result.value || result.dimsValue || !isIndexType(result.dtype)) return result;
  const n = dimsValueLength(result.dims);
  const a = elementsOf(inputs[0]), b = elementsOf(inputs[1]);
  if (n === undefined || !a || !b || (a.length !== n && a.length !== 1) || (b.length !== n && b.length !== 1)) return result;
  // Results the dtype would wrap (int32), or a double cannot hold exactly (int64 past 2^53), are unknown.
  const limit = result.dtype === 'int32' ? 2 ** 31 : 2 ** 53;
  const dimsValue = Array.from({ length: n }, (_, i) => {
    const d = f(a[a.length === 1 ? 0 : i], b[b.length === 1 ? 0 : i]);
    return typeof d === 'number' && !(Number.isInteger(d) && d < limit && d >= -limit) ? undefined : d;
  });
  return dimsValue.some((d) => d !== undefined) ? { ...result, dimsValue } : result;
}

/** `graphPath` names the graph in errors (the executor passes its full path of enclosing graphs). */
function inferNode(node: Node, graph: Graph, opsets: ReadonlyMap<string, number>, known: Map<string, Known>,
  graphPath = graph.name ? [graph.name] : undefined): (Known | undefined)[] {
  const spec = getOpSpec(node.domain, node.op);
  const opset = opsets.get(node.domain);
  const version = spec && opset !== undefined ? resolveVersion(spec, opset) : undefined;
  // Unknown ops and opsets are reported by the executor, with the registered alternatives.
  if (!spec || version === undefined) return [];
  const inputs: (InferInput | undefined)[] = node.inputs.map((name) => {
    const t = name ? known.get(name) : undefined;
    if (!t) return name ? { type: { kind: 'tensor', dtype: undefined }, dtype: undefined, dims: undefined } : undefined;
    const tensorLike = t.kind === 'tensor' || t.kind === 'sparse';
    return { type: stripValue(t), dtype: tensorLike ? t.dtype : undefined, dims: tensorLike ? t.dims : undefined, value: t.value, dimsValue: t.dimsValue };
  });
  // Only errors need it: formatting every input of every node was ~2% of optimizing a model.
  const context = () => ({
    node: node.name, op: node.op, domain: node.domain, opset,
    inputs: node.inputs.map((name) => (name ? formatType(known.get(name)) : '(absent)')),
  });
  try {
    checkArity(spec, node);
    const attrs = resolveAttrs(spec, node, version);
    checkTypeConstraints(spec, inputs);
    const outputCount = node.outputs.length;
    const inferSubgraph = (g: Graph, types: (ValueType | undefined)[]) => {
      const inner = inferGraph(g, opsets, known, types);
      return g.outputs.map((o) => (inner.has(o.name) ? stripValue(inner.get(o.name)!) : o.type));
    };
    const base = { attrs: attrs as any, version, opset: opset!, node, graph, outputCount };
    let results: (Known | undefined)[] = spec.inferShape ? spec.inferShape({ ...base, inputs, inferSubgraph }) : [];
    for (const g of subgraphsOf(node)) if (!spec.inferShape) inferGraph(g, opsets, known);
    const folded = tryFold(spec, node, inputs, base);
    // Folding yields tensors only; keep the spec's types for sequence/optional outputs.
    if (folded) results = folded.map((f, i) => f ?? results[i]);
    return results.map((r, i) => completeValues(i === 0 ? symbolicArithmetic(node, inputs, r) : r));
  } catch (e) {
    if (e instanceof OnnxTsError) throw e.withContext({ ...context(), graphPath });
    throw new ShapeError(`shape inference failed: ${(e as Error).message}`, context(), { cause: e });
  }
}

/** Evaluates the node now when every input is a small known constant (and the op is deterministic). */
function tryFold(spec: OpSpec<any>, node: Node, inputs: (InferInput | undefined)[], base: object): Known[] | undefined {
  if (NON_DETERMINISTIC.has(node.op) || subgraphsOf(node).length) return undefined;
  const values: (Value | undefined)[] = [];
  for (let i = 0; i < inputs.length; i++) {
    const inp = inputs[i];
    if (!node.inputs[i]) { values.push(undefined); continue; }
    if (!inp?.value || inp.value.size > MAX_FOLD_ELEMENTS) return undefined;
    values.push(inp.value);
  }
  // Constant-like ops (no inputs) fold too; their outputs are bounded by the attribute data.
  try {
    const out = spec.reference({
      ...(base as any), inputs: values,
      runGraph: () => { throw new Error('no subgraphs during folding'); },
      random: () => { throw new Error('no randomness during folding'); },
    });
    if (out instanceof Promise) return undefined;
    return out.map((v) => (v instanceof Tensor && v.size <= MAX_FOLD_ELEMENTS ? { kind: 'tensor', dtype: v.type, dims: [...v.dims], value: v } : v instanceof Tensor ? { kind: 'tensor', dtype: v.type, dims: [...v.dims] } : undefined)) as Known[];
  } catch {
    return undefined; // the executor reports real failures with full context at run time
  }
}

/** A node may not pass more inputs or ask for more outputs than its spec declares (unless variadic). */
function checkArity(spec: OpSpec<any>, node: Node): void {
  const limit = (list: OpSpec<any>['inputs']) => (list.some((io) => io.variadic) ? Infinity : list.length);
  if (node.inputs.length > limit(spec.inputs)) {
    throw new ModelLoadError(`${spec.name} takes at most ${spec.inputs.length} input(s) (${spec.inputs.map((i) => i.name).join(', ')}), got ${node.inputs.length}`);
  }
  if (node.outputs.length > limit(spec.outputs)) {
    throw new ModelLoadError(`${spec.name} has at most ${spec.outputs.length} output(s) (${spec.outputs.map((o) => o.name).join(', ')}), got ${node.outputs.length}`);
  }
}

/** Inputs bound to the same type variable must agree, and be in its allowed list. */
export function checkTypeConstraints(spec: OpSpec<any>, inputs: readonly (InferInput | undefined)[]): void {
  const bound = new Map<string, DType>();
  const specInputs = spec.inputs;
  for (let i = 0; i < inputs.length; i++) {
    const io = specInputs[Math.min(i, specInputs.length - 1)];
    const inp = inputs[i];
    if (!io || !inp?.dtype || (io.kind && io.kind !== 'tensor')) continue;
    if (i >= specInputs.length && !specInputs[specInputs.length - 1]?.variadic) continue;
    const allowed = spec.types[io.type] ?? (ALL_DTYPES.includes(io.type as DType) ? [io.type as DType] : undefined);
    if (allowed) {
      if (!allowed.includes(inp.dtype)) {
        throw new TypeConstraintError(`input '${io.name}' has type ${inp.dtype}, but ${io.type} allows only ${allowed.join(', ')}`);
      }
      const prev = bound.get(io.type);
      if (prev && prev !== inp.dtype) {
        throw new TypeConstraintError(`inputs bound to ${io.type} disagree: ${prev} and ${inp.dtype} (input '${io.name}')`);
      }
      bound.set(io.type, inp.dtype);
    }
  }
}

/** Combines an inferred type with a declared one: known facts win over unknowns; static conflicts are errors. */
function mergeTypes(inferred: Known | undefined, declared: ValueType | undefined): Known | undefined {
  if (!inferred) return declared;
  if (!declared || inferred.kind !== 'tensor' || declared.kind !== 'tensor') return inferred;
  const dims = inferred.dims ?? declared.dims;
  if (inferred.dims && declared.dims && inferred.dims.length === declared.dims.length) {
    const merged = inferred.dims.map((d, i) => (d === undefined || (typeof d === 'string' && typeof declared.dims![i] === 'number') ? declared.dims![i] : d));
    return { ...inferred, dtype: inferred.dtype ?? declared.dtype, dims: merged };
  }
  return { ...inferred, dtype: inferred.dtype ?? declared.dtype, dims };
}

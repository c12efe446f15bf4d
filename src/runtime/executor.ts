/**
 * Runs a graph: nodes in topological order, each on the first provider (in the session's order)
 * that has a fitting kernel. Values are freed after their last use, and with a RunMemory their
 * pooled buffers go back to the session's BufferPool for the next node that needs that size
 * (buffer-pool.ts); elementwise kernels may write over an input that dies at their node. Tensors
 * move between host and device only when consecutive kernels want different locations. Subgraphs
 * (If/Loop/Scan bodies) get their own executor and read outer-scope values through a scope chain.
 */
import type { DType } from '../ir/dtype.js';
import { KernelError, OnnxTsError, OpsetError, UnsupportedOpError } from '../ir/errors.js';
import { subgraphsOf } from '../ir/graph.js';
import { formatType, type Graph, type Node } from '../ir/model.js';
import { checkNodeShapes } from '../ir/shape-inference.js';
import { resolveAttrs } from '../ir/ops/attrs.js';
import { getOpSpec } from '../ir/ops/index.js';
import { type OpSpec, type Value, resolveVersion } from '../ir/ops/spec.js';
import { Tensor, sameDims } from '../ir/tensor.js';
import { allocate, type DType as StorageDType, type TypedArray } from '../ir/dtype.js';
import type { KernelContext, ProviderName } from '../kernels/kernel.js';
import { type Selection, selectKernel } from '../kernels/registry.js';
import { createRandom } from './random.js';
import type { Logger } from './log.js';
import type { BufferPool, RunMemory } from './buffer-pool.js';

/** One executed node, as seen by tracing and profiling. */
export interface NodeEvent {
  node: Node;
  graphPath: string[];
  provider: ProviderName;
  variant?: string;
  inputs: (Value | undefined)[];
  outputs: Value[];
  startMs: number;
  durationMs: number;
}

export interface ExecutorOptions {
  providers: readonly ProviderName[];
  opsets: ReadonlyMap<string, number>;
  /** Called after every node (trace, profile). */
  onNode?: (e: NodeEvent) => void;
  /** Threads per op (SessionOptions.intraOpNumThreads), handed to kernels. */
  intraOpNumThreads?: number;
  /** Session seed for random ops without a `seed` attribute. */
  seed?: number;
  log?: Logger;
}

interface Step {
  node: Node;
  spec: OpSpec<any>;
  version: number;
  opset: number;
  attrs: Record<string, unknown>;
  /** Kernel per first-input dtype, chosen on first use; the last one used is kept at hand. */
  kernels: Map<DType | undefined, Selection>;
  lastDtype?: DType;
  lastSelection?: Selection;
  /** Value slot of each input (-1: absent) and output (-1: unnamed); see GraphExecutor.slotOf. */
  inputSlots: number[];
  outputSlots: number[];
  /** Slots whose last use is this step (freed after it), including outputs nobody reads. */
  frees: number[];
  /** Per entry of `frees`: this graph's nodes make it (the only values whose buffers this executor counted). */
  drops: boolean[];
  /** Inputs that may be overwritten in place: made here, die here, read once by this node. */
  inPlaceOk: boolean[];
  /**
   * Set on steps whose input dims were not all static at load (see checkShapes): the input dims
   * last checked, by input (undefined before the first run and for absent inputs).
   */
  checkedDims?: (readonly number[] | undefined)[];
  /** The input dims checked so far on such steps, as keys (see checkShapes). */
  checkedKeys?: Set<string>;
}

/**
 * Input dims remembered as checked per node (then the set starts over): more than the sequence
 * lengths a text model usually meets in turn, few enough that the keys stay small.
 */
const MAX_CHECKED_KEYS = 256;

/** How one run goes: outer scope, per-node callback, and the run's pooled memory (none: no recycling). */
export interface RunContext {
  outer?: Scope;
  onNode?: (e: NodeEvent) => void;
  memory?: RunMemory;
}

/** Outer-scope lookup for subgraphs. */
export type Scope = (name: string) => Value | undefined;

export class GraphExecutor {
  private readonly steps: Step[];
  private readonly subExecutors = new Map<Graph, GraphExecutor>();
  private readonly random: ReturnType<typeof createRandom>;
  /** Values this graph's nodes make (RunMemory counts a view for each of them). */
  private readonly produced: Set<string>;
  /**
   * Every value name the graph mentions gets a slot, so a run keeps its values in an array and
   * steps address them by index: per-node name lookups and copying the initializers into a Map on
   * every run were a measurable part of small models' runs (tinybert: 32 nodes in ~0.5 ms).
   */
  private readonly slotOf = new Map<string, number>();
  private readonly slotNames: string[] = [];
  /** Per slot: read from the outer scope (neither made, fed nor stored in this graph). */
  private readonly fromOuter: boolean[] = [];
  /** A run's values before it starts: the initializers in their slots. */
  private readonly initialValues: (Value | undefined)[] = [];
  private readonly inputSlots: number[];
  private readonly outputSlots: number[];

  constructor(readonly graph: Graph, private readonly options: ExecutorOptions, private readonly graphPath: string[] = [graph.name || 'main']) {
    this.random = createRandom(options.seed ?? 0);
    this.produced = new Set(graph.nodes.flatMap((n) => n.outputs.filter(Boolean)));
    this.inputSlots = graph.inputs.map((v) => this.slot(v.name));
    for (const [name, t] of graph.initializers) this.initialValues[this.slot(name)] = t;
    this.steps = graph.nodes.map((node) => this.planStep(node));
    this.outputSlots = graph.outputs.map((o) => this.slot(o.name));
    const local = new Set([...this.produced, ...graph.initializers.keys(), ...graph.inputs.map((v) => v.name)]);
    this.slotNames.forEach((name, s) => { this.fromOuter[s] = !local.has(name); });
    for (let s = this.initialValues.length; s < this.slotNames.length; s++) this.initialValues[s] = undefined;
    this.planFrees();
  }

  private slot(name: string): number {
    let s = this.slotOf.get(name);
    if (s === undefined) {
      s = this.slotNames.length;
      this.slotOf.set(name, s);
      this.slotNames.push(name);
    }
    return s;
  }

  private planStep(node: Node): Step {
    const spec = getOpSpec(node.domain, node.op);
    const opset = this.options.opsets.get(node.domain);
    const ctx = { node: node.name, op: node.op, domain: node.domain, opset, graphPath: this.graphPath };
    if (!spec) {
      throw new UnsupportedOpError(`no spec for op '${node.domain ? `${node.domain}.` : ''}${node.op}'`, ctx);
    }
    if (opset === undefined) throw new OpsetError(`the model imports no opset for domain '${node.domain || 'ai.onnx'}'`, ctx);
    const version = resolveVersion(spec, opset);
    if (version === undefined) {
      throw new OpsetError(`opset ${opset} is outside this op's versions [${spec.versions.join(', ')}]${spec.removedIn ? ` (removed in ${spec.removedIn})` : ''}`, ctx);
    }
    let attrs: Record<string, unknown>;
    try {
      attrs = resolveAttrs(spec, node, version);
    } catch (e) {
      throw e instanceof OnnxTsError ? e.withContext(ctx) : e;
    }
    for (const name of node.implicitInputs ?? []) this.slot(name);
    return {
      node, spec, version, opset, attrs, kernels: new Map(),
      inputSlots: node.inputs.map((name) => (name ? this.slot(name) : -1)),
      outputSlots: node.outputs.map((name) => (name ? this.slot(name) : -1)),
      frees: [], drops: [], inPlaceOk: node.inputs.map(() => false),
      checkedDims: spec.inferShape && !subgraphsOf(node).length && !node.inputs.every((name) => !name || this.staticAtLoad(name)) ? [] : undefined,
    };
  }

  /** Whether load-time inference knew every dim of a value (then its consumers met those dims when it was checked). */
  private staticAtLoad(name: string): boolean {
    const g = this.graph;
    if (g.initializers.has(name)) return true;
    const t = g.valueInfo.get(name)?.type ?? g.inputs.find((v) => v.name === name)?.type;
    return t?.kind === 'tensor' && !!t.dims && t.dims.every((d) => typeof d === 'number');
  }

  /**
   * The run-time shape check: a node whose input dims were not all known at load runs its spec's
   * shape inference again on the actual inputs, so that no kernel meets shapes that inference would
   * have refused had the model declared them. Wrong-shape fuzzing (src/tools/bad-shapes.ts) found
   * kernels that trusted load-time inference and read past an input's end or returned a result
   * made from the wrong rows. Repeated runs with the same dims skip it after a dims comparison, and
   * dims checked before (up to MAX_CHECKED_KEYS per node) after a key lookup. Nodes that take
   * sequences or optionals are left to their kernels.
   */
  private checkShapes(step: Step, inputs: readonly (Value | undefined)[]): void {
    const seen = step.checkedDims!;
    let same = seen.length === inputs.length;
    for (let i = 0; i < inputs.length; i++) {
      const v = inputs[i];
      if (v !== undefined && !(v instanceof Tensor)) return;
      if (same) same = sameOrAbsent(seen[i], v?.dims);
    }
    if (same) return;
    // Dims that come back (a few sequence lengths in turn) are checked once: keys of those seen.
    let key = '';
    for (const v of inputs) key += v ? `${(v as Tensor).dims.join(',')};` : '-;';
    const keys = step.checkedKeys ??= new Set();
    if (!keys.has(key)) {
      checkNodeShapes(step, this.graph, inputs as (Tensor | undefined)[], this.graphPath);
      if (keys.size >= MAX_CHECKED_KEYS) keys.clear();
      keys.add(key);
    }
    seen.length = inputs.length;
    for (let i = 0; i < inputs.length; i++) seen[i] = (inputs[i] as Tensor | undefined)?.dims.slice();
  }

  /**
   * Liveness: each value is freed right after the last step that reads it, or right after the step
   * that makes it when nothing reads it (graph outputs never).
   */
  private planFrees(): void {
    const keep = new Set(this.graph.outputs.map((o) => o.name));
    const lastUse = new Map<string, number>();
    this.steps.forEach((s, i) => {
      for (const name of s.node.outputs) if (name && !lastUse.has(name)) lastUse.set(name, i);
      for (const name of [...s.node.inputs, ...(s.node.implicitInputs ?? [])]) if (name) lastUse.set(name, i);
    });
    for (const [name, i] of lastUse) {
      if (keep.has(name) || this.graph.initializers.has(name)) continue;
      const step = this.steps[i];
      const made = this.produced.has(name);
      step.frees.push(this.slot(name));
      step.drops.push(made);
      const { inputs, implicitInputs } = step.node;
      const index = inputs.indexOf(name);
      if (made && index >= 0 && index === inputs.lastIndexOf(name) && !implicitInputs?.includes(name)) step.inPlaceOk[index] = true;
    }
  }

  /** Kernel choices made so far, for inspect/profile. */
  get plannedSteps(): readonly { node: Node; version: number; provider?: ProviderName; variant?: string }[] {
    return this.steps.map((s) => {
      const sel = [...s.kernels.values()][0];
      return { node: s.node, version: s.version, provider: sel?.provider.name, variant: sel?.kernel.variant };
    });
  }

  /** Runs the graph on `inputs` (by graph-input position) and returns its outputs in order. */
  async run(inputs: readonly Value[], run: RunContext = {}): Promise<Value[]> {
    const outer = run.outer ?? noOuterScope;
    const values = this.initialValues.slice();
    const n = Math.min(inputs.length, this.inputSlots.length);
    for (let i = 0; i < n; i++) values[this.inputSlots[i]] = inputs[i];
    const { slotOf } = this;
    const lookup = (name: string): Value | undefined => {
      const s = slotOf.get(name);
      const v = s === undefined ? undefined : values[s];
      return v !== undefined ? v : outer(name);
    };
    const state: StepRun = { values, outer, lookup, onNode: run.onNode ?? this.options.onNode, memory: run.memory, ctx: undefined! };
    state.ctx = this.runContext(state);
    for (const step of this.steps) {
      // Most kernels finish synchronously; awaiting only real promises saves a microtask turn per
      // node (tinybert has 35 nodes in 0.6 ms on the wasm provider).
      const pending = this.runStep(step, state);
      if (pending) await pending;
    }
    return this.outputSlots.map((s) => {
      const v = this.valueAt(state, s);
      const name = this.slotNames[s];
      if (v === undefined) throw new KernelError(`graph output '${name}' was not produced`, { graphPath: this.graphPath });
      // The caller keeps the outputs: their buffers leave the pool for good (arena blocks are copied out).
      return run.memory ? run.memory.escape(v, this.produced.has(name)) : v;
    });
  }

  /** The value in slot `s`: this run's, else the outer scope's. */
  private valueAt(run: StepRun, s: number): Value | undefined {
    const v = run.values[s];
    return v === undefined && this.fromOuter[s] ? run.outer(this.slotNames[s]) : v;
  }

  /** Runs one node: synchronously when its inputs are in place and its kernel returns values, else as a promise. */
  private runStep(step: Step, run: StepRun): Promise<void> | undefined {
    const { inputSlots } = step;
    const inputs = new Array<Value | undefined>(inputSlots.length);
    let dtype: DType | undefined;
    let onHost = true;
    for (let i = 0; i < inputSlots.length; i++) {
      const s = inputSlots[i];
      if (s < 0) continue;
      const v = this.valueAt(run, s);
      if (v === undefined) throw new KernelError(`input '${this.slotNames[s]}' has no value`, this.errorContext(step, []));
      inputs[i] = v;
      if (v instanceof Tensor) {
        if (dtype === undefined) dtype = v.type;
        if (v.location !== 'cpu') onHost = false;
      } else if (Array.isArray(v) && !isOnHost(v)) onHost = false;
    }
    if (step.checkedDims) this.checkShapes(step, inputs);
    let sel = step.lastDtype === dtype ? step.lastSelection : undefined;
    if (!sel) {
      sel = step.kernels.get(dtype);
      if (!sel) {
        try {
          sel = this.choose(step, dtype);
        } catch (e) {
          throw e instanceof OnnxTsError ? e.withContext(this.errorContext(step, inputs)) : e;
        }
      }
      step.lastDtype = dtype;
      step.lastSelection = sel;
    }
    const selected = sel;
    const { provider } = selected;
    if (provider.location === 'cpu') {
      if (onHost) return this.callKernel(step, run, selected, inputs, inputs);
      return Promise.all(inputs.map(toHost)).then((placed) => this.callKernel(step, run, selected, inputs, placed));
    }
    return Promise.all(inputs.map((v) => toDevice(v, provider))).then((placed) => this.callKernel(step, run, selected, inputs, placed));
  }

  /** Calls the kernel on `placed` (the inputs, moved where its provider wants them). */
  private callKernel(step: Step, run: StepRun, sel: Selection, inputs: (Value | undefined)[], placed: readonly (Value | undefined)[]): Promise<void> | undefined {
    const ctx = run.ctx.at(step, sel, inputs);
    const start = run.onNode ? performance.now() : 0;
    let result: Value[] | Promise<Value[]>;
    try {
      result = sel.kernel.run(ctx, placed, step.attrs);
    } catch (e) {
      return this.fail(step, inputs, e);
    }
    // Any thenable counts as asynchronous (a provider may return one from another realm).
    if (result && typeof (result as PromiseLike<Value[]>).then === 'function') {
      return Promise.resolve(result).then(
        (outputs) => this.finishStep(step, run, sel, inputs, outputs, start),
        (e) => this.fail(step, inputs, e));
    }
    this.finishStep(step, run, sel, inputs, result as Value[], start);
    return undefined;
  }

  private fail(step: Step, inputs: (Value | undefined)[], e: unknown): never {
    const c = this.errorContext(step, inputs);
    if (e instanceof OnnxTsError) throw e.withContext(c);
    throw new KernelError(`${(e as Error)?.message ?? e}`, c, { cause: e });
  }

  /** Stores a node's outputs, reports it to `onNode`, and frees the values that die at it. */
  private finishStep(step: Step, run: StepRun, sel: Selection, inputs: (Value | undefined)[], outputs: Value[], start: number): void {
    const { values, onNode, memory } = run;
    const { outputSlots, frees, drops } = step;
    const n = Math.min(outputSlots.length, outputs.length);
    for (let i = 0; i < n; i++) {
      const s = outputSlots[i];
      if (s >= 0) values[s] = memory ? memory.hold(outputs[i]) : outputs[i];
    }
    if (onNode) {
      onNode({ node: step.node, graphPath: this.graphPath, provider: sel.provider.name, variant: sel.kernel.variant, inputs, outputs, startMs: start, durationMs: performance.now() - start });
    }
    for (let i = 0; i < frees.length; i++) {
      const s = frees[i];
      if (memory && drops[i]) memory.drop(values[s]);
      values[s] = undefined;
    }
  }

  /**
   * Input `index`'s storage, when an elementwise kernel may write its output over it: the input
   * was made by this graph, dies at this node, is read once by it, and is the only live view of a
   * pooled buffer of exactly the wanted type and size.
   */
  private inPlaceStorage(step: Step, memory: RunMemory, inputs: readonly (Value | undefined)[], index: number,
    dtype: StorageDType, length: number): TypedArray | undefined {
    const t = inputs[index];
    if (!step.inPlaceOk[index] || !(t instanceof Tensor) || t.type !== dtype || t.size !== length) return undefined;
    return memory.exclusive(t) ? (t.data as TypedArray) : undefined;
  }

  /** Picks (and remembers) the kernel for `step` when its first tensor input has `dtype`. */
  private choose(step: Step, dtype: DType | undefined): Selection {
    const { node } = step;
    const sel = selectKernel(this.options.providers, node, step.version, dtype, step.attrs);
    step.kernels.set(dtype, sel);
    const preferred = this.options.providers[0];
    if (sel.provider.name !== preferred) {
      this.options.log?.(1, `${node.op} node '${node.name}' (${dtype ?? 'no tensor input'}) runs on '${sel.provider.name}': no '${preferred}' kernel fits`);
    } else this.options.log?.(0, `${node.op} node '${node.name}' runs on '${sel.provider.name}' (${sel.kernel.variant ?? 'default'})`);
    return sel;
  }

  /** The kernel context for one run (or for prepare, with no run memory). */
  private runContext(run: Pick<StepRun, 'lookup' | 'onNode' | 'memory'>): StepContext {
    return new StepContext(this.graph, this.options.intraOpNumThreads ?? 1, {
      runGraph: (g, subInputs) => this.subExecutor(g).run(subInputs, { outer: run.lookup, onNode: run.onNode, memory: run.memory }),
      random: (seed) => (seed === undefined ? this.random.next : createRandom(seed).next),
      inPlace: (step, inputs, index, dtype, length) => (run.memory ? this.inPlaceStorage(step, run.memory, inputs, index, dtype, length) : undefined),
    }, run.memory?.pool);
  }

  /**
   * Chooses kernels before the first run, from the inferred type of each node's first input, and
   * lets kernels that transform constant operands (packed GEMM/Conv weights) do it now, once per
   * session, instead of inside the first run. A node whose kernel cannot be chosen yet is left to
   * run time, where a failure gets the full error context.
   */
  async prepare(): Promise<void> {
    for (const step of this.steps) {
      const name = step.node.inputs.find(Boolean);
      const init = name ? this.graph.initializers.get(name) : undefined;
      const declared = name ? this.graph.valueInfo.get(name)?.type ?? this.graph.inputs.find((v) => v.name === name)?.type : undefined;
      const dtype = init?.type ?? (declared?.kind === 'tensor' ? declared.dtype : undefined);
      if (!dtype) continue;
      let sel: Selection;
      try {
        sel = step.kernels.get(dtype) ?? this.choose(step, dtype);
      } catch {
        continue;
      }
      if (!sel.kernel.prepare) continue;
      const constants = step.node.inputs.map((n) => (n ? this.graph.initializers.get(n) : undefined));
      const ctx = this.runContext({ lookup: (name) => this.graph.initializers.get(name) });
      await sel.kernel.prepare(ctx.at(step, sel, constants), constants, step.attrs);
    }
  }

  private subExecutor(g: Graph): GraphExecutor {
    let ex = this.subExecutors.get(g);
    if (!ex) {
      ex = new GraphExecutor(g, this.options, [...this.graphPath, g.name || 'subgraph']);
      this.subExecutors.set(g, ex);
    }
    return ex;
  }

  private errorContext(step: Step, inputs: (Value | undefined)[]) {
    return {
      node: step.node.name, op: step.node.op, domain: step.node.domain, opset: step.opset,
      inputs: inputs.map(describeValue), graphPath: this.graphPath,
    };
  }
}

/** `float32[1,3]`, `seq(2)`, `none`, for messages. */
export function describeValue(v: Value | undefined): string {
  if (v === undefined) return '(absent)';
  if (v === null) return 'none';
  if (Array.isArray(v)) return `seq[${v.length}]`;
  return formatType({ kind: 'tensor', dtype: v.type, dims: [...v.dims] });
}

/** The per-run state runStep needs. */
interface StepRun {
  /** By slot (GraphExecutor.slotOf); undefined: not made yet, or freed. */
  values: (Value | undefined)[];
  outer: Scope;
  /** By name: this run's values, then the outer scope's (the scope subgraphs see). */
  lookup: Scope;
  onNode?: (e: NodeEvent) => void;
  memory?: RunMemory;
  ctx: StepContext;
}

interface StepContextHooks {
  runGraph(graph: Graph, inputs: Value[]): Promise<Value[]>;
  random(seed?: number): () => number;
  inPlace(step: Step, inputs: readonly (Value | undefined)[], index: number, dtype: StorageDType, length: number): TypedArray | undefined;
}

const noOuterScope: Scope = () => undefined;

/** sameDims, where undefined (an absent input) equals only undefined. */
const sameOrAbsent = (a: readonly number[] | undefined, b: readonly number[] | undefined) => (a === undefined || b === undefined ? a === b : sameDims(a, b));

/**
 * What kernels see: one object per run, pointed at each step in turn by `at` (a run's steps never
 * overlap, and no kernel keeps its context after it returns). Building a context with four
 * closures per node was part of the per-node cost that dominates small models. The functions are
 * own properties, not prototype methods, because some kernels spread the context into the spec's.
 */
class StepContext implements KernelContext {
  node!: Node;
  version = 0;
  opset = 0;
  outputCount = 0;
  provider: ProviderName = '';
  private step!: Step;
  private stepInputs: readonly (Value | undefined)[] = [];
  readonly runGraph: KernelContext['runGraph'];
  readonly random: KernelContext['random'];
  readonly alloc: NonNullable<KernelContext['alloc']>;
  readonly allocInPlace: NonNullable<KernelContext['allocInPlace']>;

  constructor(readonly graph: Graph, readonly intraOpNumThreads: number, hooks: StepContextHooks, pool?: BufferPool) {
    this.runGraph = hooks.runGraph;
    this.random = hooks.random;
    // Without a pool (no run memory: a trace keeps every tensor, or prepare): fresh zeroed storage.
    this.alloc = pool ? (dtype, length, arena) => pool.alloc(dtype, length, arena) : (dtype, length) => allocate(dtype, length) as TypedArray;
    this.allocInPlace = (index, dtype, length) => hooks.inPlace(this.step, this.stepInputs, index, dtype, length) ?? this.alloc(dtype, length);
  }

  /** Points the context at `step`, about to run on `sel` with `inputs`. */
  at(step: Step, sel: Selection, inputs: readonly (Value | undefined)[]): this {
    this.step = step;
    this.stepInputs = inputs;
    this.node = step.node;
    this.version = step.version;
    this.opset = step.opset;
    this.outputCount = step.node.outputs.length;
    this.provider = sel.provider.name;
    return this;
  }
}

function isOnHost(v: Value | undefined): boolean {
  if (Array.isArray(v)) return v.every(isOnHost);
  return !(v instanceof Tensor) || v.location === 'cpu';
}

async function toHost(v: Value | undefined): Promise<Value | undefined> {
  if (v instanceof Tensor && v.location !== 'cpu') return new Tensor(v.type, await v.getData(), v.dims);
  if (Array.isArray(v)) return Promise.all(v.map(toHost)) as Promise<Value[]>;
  return v;
}

async function toDevice(v: Value | undefined, provider: { location: string; upload?(t: Tensor): Promise<Tensor> }): Promise<Value | undefined> {
  if (v instanceof Tensor && v.location !== provider.location) {
    const host = (await toHost(v)) as Tensor;
    return provider.upload ? provider.upload(host) : host;
  }
  return v;
}

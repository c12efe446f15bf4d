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
import { formatType, type Graph, type Node } from '../ir/model.js';
import { resolveAttrs } from '../ir/ops/attrs.js';
import { getOpSpec } from '../ir/ops/index.js';
import { type OpSpec, type Value, resolveVersion } from '../ir/ops/spec.js';
import { Tensor } from '../ir/tensor.js';
import { allocate, type DType as StorageDType, type TypedArray } from '../ir/dtype.js';
import type { KernelContext, ProviderName } from '../kernels/kernel.js';
import { type Selection, selectKernel } from '../kernels/registry.js';
import { createRandom } from './random.js';
import type { Logger } from './log.js';
import type { RunMemory } from './buffer-pool.js';

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
  /** Kernel per first-input dtype, chosen on first use. */
  kernels: Map<DType | undefined, Selection>;
  /** Values whose last use is this step (freed after it), including outputs nobody reads. */
  frees: string[];
  /** Of `frees`, those this graph's nodes produce (the only ones whose buffers this executor counted). */
  dropsHere: Set<string>;
}

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

  constructor(readonly graph: Graph, private readonly options: ExecutorOptions, private readonly graphPath: string[] = [graph.name || 'main']) {
    this.random = createRandom(options.seed ?? 0);
    this.steps = graph.nodes.map((node) => this.planStep(node));
    this.produced = new Set(graph.nodes.flatMap((n) => n.outputs.filter(Boolean)));
    this.planFrees();
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
    return { node, spec, version, opset, attrs, kernels: new Map(), frees: [], dropsHere: new Set() };
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
      this.steps[i].frees.push(name);
      if (this.produced.has(name)) this.steps[i].dropsHere.add(name);
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
    const outer = run.outer ?? (() => undefined);
    const values = new Map<string, Value>();
    for (const [name, t] of this.graph.initializers) values.set(name, t);
    this.graph.inputs.forEach((v, i) => { if (i < inputs.length) values.set(v.name, inputs[i]); });
    const lookup = (name: string): Value | undefined => (values.has(name) ? values.get(name) : outer(name));
    const ctx: StepRun = { values, lookup, onNode: run.onNode ?? this.options.onNode, memory: run.memory };
    for (const step of this.steps) {
      // Most kernels finish synchronously; awaiting only real promises saves a microtask turn per
      // node (tinybert has 35 nodes in 0.6 ms on the wasm provider).
      const pending = this.runStep(step, ctx);
      if (pending) await pending;
    }
    return this.graph.outputs.map((o) => {
      const v = lookup(o.name);
      if (v === undefined) throw new KernelError(`graph output '${o.name}' was not produced`, { graphPath: this.graphPath });
      // The caller keeps the outputs: their buffers leave the pool for good (arena blocks are copied out).
      return run.memory ? run.memory.escape(v, this.produced.has(o.name)) : v;
    });
  }

  /** Runs one node: synchronously when its inputs are in place and its kernel returns values, else as a promise. */
  private runStep(step: Step, run: StepRun): Promise<void> | undefined {
    const { lookup, memory } = run;
    const { node } = step;
    const inputs = node.inputs.map((name) => {
      if (!name) return undefined;
      const v = lookup(name);
      if (v === undefined) throw new KernelError(`input '${name}' has no value`, this.errorContext(step, []));
      return v;
    });
    const first = inputs.find((v): v is Tensor => v instanceof Tensor);
    const dtype = first?.type;
    let sel = step.kernels.get(dtype);
    if (!sel) {
      try {
        sel = this.choose(step, dtype);
      } catch (e) {
        throw e instanceof OnnxTsError ? e.withContext(this.errorContext(step, inputs)) : e;
      }
    }
    const { kernel, provider } = sel;
    const ctx = this.kernelContext(step, sel, { outer: lookup, onNode: run.onNode, memory });
    if (memory) {
      const pool = memory.pool;
      ctx.alloc = (dtype, length, arena) => pool.alloc(dtype, length, arena);
      ctx.allocInPlace = (index, dtype, length) => this.inPlaceStorage(step, memory, inputs, index, dtype, length) ?? pool.alloc(dtype, length);
    } else {
      ctx.alloc = (dtype, length) => allocate(dtype, length) as TypedArray;
    }
    const fail = (e: unknown): never => {
      const c = this.errorContext(step, inputs);
      if (e instanceof OnnxTsError) throw e.withContext(c);
      throw new KernelError(`${(e as Error)?.message ?? e}`, c, { cause: e });
    };
    const call = (placed: readonly (Value | undefined)[]): Promise<void> | undefined => {
      const start = performance.now();
      let result: Value[] | Promise<Value[]>;
      try {
        result = kernel.run(ctx, placed, step.attrs);
      } catch (e) {
        return fail(e);
      }
      // Any thenable counts as asynchronous (a provider may return one from another realm).
      if (result && typeof (result as PromiseLike<Value[]>).then === 'function') {
        return Promise.resolve(result).then((outputs) => this.finishStep(step, run, sel, inputs, outputs, start), fail);
      }
      this.finishStep(step, run, sel, inputs, result as Value[], start);
      return undefined;
    };
    if (provider.location === 'cpu') {
      if (inputs.every(isOnHost)) return call(inputs);
      return Promise.all(inputs.map(toHost)).then(call);
    }
    return Promise.all(inputs.map((v) => toDevice(v, provider))).then(call);
  }

  /** Stores a node's outputs, reports it to `onNode`, and frees the values that die at it. */
  private finishStep(step: Step, run: StepRun, sel: Selection, inputs: (Value | undefined)[], outputs: Value[], start: number): void {
    const durationMs = performance.now() - start;
    const { values, onNode, memory } = run;
    const { node } = step;
    node.outputs.forEach((name, i) => {
      if (!name || i >= outputs.length) return;
      values.set(name, memory ? memory.hold(outputs[i]) : outputs[i]);
    });
    onNode?.({ node, graphPath: this.graphPath, provider: sel.provider.name, variant: sel.kernel.variant, inputs, outputs, startMs: start, durationMs });
    for (const name of step.frees) {
      if (memory && step.dropsHere.has(name)) memory.drop(values.get(name));
      values.delete(name);
    }
  }

  /**
   * Input `index`'s storage, when an elementwise kernel may write its output over it: the input
   * was made by this graph, dies at this node, is read once by it, and is the only live view of a
   * pooled buffer of exactly the wanted type and size.
   */
  private inPlaceStorage(step: Step, memory: RunMemory, inputs: readonly (Value | undefined)[], index: number,
    dtype: StorageDType, length: number): TypedArray | undefined {
    const name = step.node.inputs[index];
    const t = inputs[index];
    if (!name || !(t instanceof Tensor) || t.type !== dtype || t.size !== length || !step.dropsHere.has(name)) return undefined;
    if (step.node.inputs.indexOf(name) !== step.node.inputs.lastIndexOf(name) || step.node.implicitInputs?.includes(name)) return undefined;
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

  private kernelContext(step: Step, sel: Selection, run: RunContext): KernelContext {
    const { node } = step;
    return {
      node, graph: this.graph, version: step.version, opset: step.opset, outputCount: node.outputs.length, provider: sel.provider.name,
      intraOpNumThreads: this.options.intraOpNumThreads ?? 1,
      runGraph: (g, subInputs) => this.subExecutor(g).run(subInputs, run),
      random: (seed) => (seed === undefined ? this.random.next : createRandom(seed).next),
    };
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
      await sel.kernel.prepare(this.kernelContext(step, sel, {}), constants, step.attrs);
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
  values: Map<string, Value>;
  lookup: (name: string) => Value | undefined;
  onNode?: (e: NodeEvent) => void;
  memory?: RunMemory;
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

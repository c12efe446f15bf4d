/**
 * Runs a graph: nodes in topological order, each on the first provider (in the session's order)
 * that has a fitting kernel. Values are freed after their last use. Tensors move between host and
 * device only when consecutive kernels want different locations. Subgraphs (If/Loop/Scan bodies)
 * get their own executor and read outer-scope values through a scope chain.
 */
import type { DType } from '../ir/dtype.js';
import { KernelError, OnnxTsError, OpsetError, UnsupportedOpError } from '../ir/errors.js';
import { formatType, type Graph, type Node } from '../ir/model.js';
import { resolveAttrs } from '../ir/ops/attrs.js';
import { getOpSpec } from '../ir/ops/index.js';
import { type OpSpec, type Value, resolveVersion } from '../ir/ops/spec.js';
import { Tensor } from '../ir/tensor.js';
import type { KernelContext, ProviderName } from '../kernels/kernel.js';
import { type Selection, selectKernel } from '../kernels/registry.js';
import { createRandom } from './random.js';
import type { Logger } from './log.js';

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
  /** Input names whose last use is this step (freed after it). */
  frees: string[];
}

/** Outer-scope lookup for subgraphs. */
export type Scope = (name: string) => Value | undefined;

export class GraphExecutor {
  private readonly steps: Step[];
  private readonly subExecutors = new Map<Graph, GraphExecutor>();
  private readonly random: ReturnType<typeof createRandom>;

  constructor(readonly graph: Graph, private readonly options: ExecutorOptions, private readonly graphPath: string[] = [graph.name || 'main']) {
    this.random = createRandom(options.seed ?? 0);
    this.steps = graph.nodes.map((node) => this.planStep(node));
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
    return { node, spec, version, opset, attrs, kernels: new Map(), frees: [] };
  }

  /** Liveness: each value is freed right after the last step that reads it (graph outputs never). */
  private planFrees(): void {
    const keep = new Set(this.graph.outputs.map((o) => o.name));
    const lastUse = new Map<string, number>();
    this.steps.forEach((s, i) => {
      for (const name of [...s.node.inputs, ...(s.node.implicitInputs ?? [])]) if (name) lastUse.set(name, i);
    });
    for (const [name, i] of lastUse) {
      if (!keep.has(name) && !this.graph.initializers.has(name)) this.steps[i].frees.push(name);
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
  async run(inputs: readonly Value[], outer: Scope = () => undefined, onNode = this.options.onNode): Promise<Value[]> {
    const values = new Map<string, Value>();
    for (const [name, t] of this.graph.initializers) values.set(name, t);
    this.graph.inputs.forEach((v, i) => { if (i < inputs.length) values.set(v.name, inputs[i]); });
    const lookup = (name: string): Value | undefined => (values.has(name) ? values.get(name) : outer(name));
    for (const step of this.steps) await this.runStep(step, values, lookup, onNode);
    return this.graph.outputs.map((o) => {
      const v = lookup(o.name);
      if (v === undefined) throw new KernelError(`graph output '${o.name}' was not produced`, { graphPath: this.graphPath });
      return v;
    });
  }

  private async runStep(step: Step, values: Map<string, Value>, lookup: (name: string) => Value | undefined, onNode?: (e: NodeEvent) => void): Promise<void> {
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
        sel = selectKernel(this.options.providers, node, step.version, dtype, step.attrs);
      } catch (e) {
        throw e instanceof OnnxTsError ? e.withContext(this.errorContext(step, inputs)) : e;
      }
      step.kernels.set(dtype, sel);
      const preferred = this.options.providers[0];
      if (sel.provider.name !== preferred) {
        this.options.log?.(1, `${node.op} node '${node.name}' (${dtype ?? 'no tensor input'}) runs on '${sel.provider.name}': no '${preferred}' kernel fits`);
      } else this.options.log?.(0, `${node.op} node '${node.name}' runs on '${sel.provider.name}' (${sel.kernel.variant ?? 'default'})`);
    }
    const { kernel, provider } = sel;
    const ctx: KernelContext = {
      node, graph: this.graph, version: step.version, opset: step.opset, outputCount: node.outputs.length, provider: provider.name,
      runGraph: (g, subInputs) => this.subExecutor(g).run(subInputs, lookup, onNode),
      random: (seed) => (seed === undefined ? this.random.next : createRandom(seed).next),
    };
    const placed = provider.location === 'cpu' ? await Promise.all(inputs.map(toHost)) : await Promise.all(inputs.map((v) => toDevice(v, provider)));
    const start = performance.now();
    let outputs: Value[];
    try {
      outputs = await kernel.run(ctx, placed, step.attrs);
    } catch (e) {
      const c = this.errorContext(step, inputs);
      if (e instanceof OnnxTsError) throw e.withContext(c);
      throw new KernelError(`${(e as Error)?.message ?? e}`, c, { cause: e });
    }
    const durationMs = performance.now() - start;
    node.outputs.forEach((name, i) => { if (name && i < outputs.length) values.set(name, outputs[i]); });
    onNode?.({ node, graphPath: this.graphPath, provider: provider.name, variant: kernel.variant, inputs, outputs, startMs: start, durationMs });
    for (const name of step.frees) values.delete(name);
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

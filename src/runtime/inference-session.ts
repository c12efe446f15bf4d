/**
 * `InferenceSession`, shaped like onnxruntime-common's so that ORT code ports by changing the import:
 * `InferenceSession.create(pathOrBytes, options)`, `inputNames`, `outputNames`, `run(feeds, fetches?,
 * runOptions?)`, `release()`.
 */
import { InvalidArgumentError, ModelLoadError } from '../ir/errors.js';
import { loadModel } from '../ir/load.js';
import type { Model, ValueInfo } from '../ir/model.js';
import type { Value } from '../ir/ops/spec.js';
import { optimizeModel, type GraphOptimizationLevel } from '../passes/pipelines.js';
import type { ExternalDataReader } from '../ir/tensor-proto.js';
import { Tensor } from '../ir/tensor.js';
import type { ProviderName } from '../kernels/kernel.js';
import { getProvider, registeredProviders } from '../kernels/registry.js';
import { ensureDefaultProviders, DEFAULT_PROVIDERS } from './providers.js';
import { GraphExecutor, describeValue, type NodeEvent } from './executor.js';
import { Profiler, type ChromeTrace } from '../tools/profiler.js';
import { createLogger } from './log.js';
import { BufferPool, RunMemory, type PoolStats } from './buffer-pool.js';
import { ShapeSpecializations } from './shape-specialization.js';

export type { GraphOptimizationLevel };

export interface SessionOptions {
  /** Providers in order of preference, per node with fallback. Default: the best available list. */
  executionProviders?: readonly (ProviderName | { name: ProviderName })[];
  /** As in ORT; default 'all'. */
  graphOptimizationLevel?: GraphOptimizationLevel;
  /** 0 verbose … 4 fatal, as in ORT; default 2 (warnings). */
  logSeverityLevel?: 0 | 1 | 2 | 3 | 4;
  /** External data for models given as bytes (browsers): file name → bytes. */
  externalData?: readonly { path: string; data: Uint8Array }[];
  /** Seed for random ops that have no `seed` attribute. */
  seed?: number;
  /**
   * Recycle intermediate buffers across nodes and runs, and let elementwise kernels work in place
   * (as ORT's enableMemPattern/enableCpuMemArena). Default true. Runs with an `onNode` callback or
   * a `trace` never recycle, since the callback may keep the tensors it sees.
   */
  enableMemPattern?: boolean;
  /** Record one Chrome-trace event per node (see `endProfiling`), as ORT's option of that name. */
  enableProfiling?: boolean;
  /** Node: `endProfiling()` writes `<prefix>_<timestamp>.json`. Default 'onnxts_profile'. */
  profileFilePrefix?: string;
  /**
   * Threads per op, counting the calling thread, as in ORT (the wasm provider's kernels split across
   * worker_threads in Node, Web Workers on a cross-origin isolated page; elsewhere in a browser, 1).
   * Default 1.
   */
  intraOpNumThreads?: number;
  /**
   * For models with dynamic input dims: optimize a copy of the model for input dims that come back,
   * as if they had been static (see src/runtime/shape-specialization.ts). Default true; ignored
   * when graphOptimizationLevel is 'disabled'.
   */
  specializeShapes?: boolean;
}

export interface RunOptions {
  /** Called after every node with its inputs and outputs (tracing, profiling, debugging). */
  onNode?: (e: NodeEvent) => void;
  /** Node: dump every intermediate tensor into this folder as .npy plus index.json. */
  trace?: string;
}

/** Feeds and results: tensors, sequences as Tensor[], and optionals as null or the value. */
export type OnnxValue = Tensor | OnnxValue[] | null;
export type FeedsType = Record<string, OnnxValue>;
export type ReturnType = Record<string, OnnxValue>;

export class InferenceSession {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  private released = false;
  /** Runs in flight (a released session's pool is disposed when the last one ends). */
  private activeRuns = 0;
  /** The wasm provider's intra-op threads held by this session (released with it). */
  private threadLease?: { release(): Promise<void> };
  private readonly profiler?: Profiler;
  private readonly pool?: BufferPool;

  /** Plans for input dims that came back (models with dynamic input dims). */
  private specializations?: ShapeSpecializations;
  /** The plan of the latest run (the generic one until a specialized plan has run). */
  private lastExecutor: GraphExecutor;

  private constructor(readonly model: Model, private readonly executor: GraphExecutor, private readonly runnableInputs: ValueInfo[],
    readonly options: SessionOptions) {
    this.lastExecutor = executor;
    this.inputNames = runnableInputs.map((v) => v.name);
    this.outputNames = model.graph.outputs.map((v) => v.name);
    if (options.enableProfiling) this.profiler = new Profiler({ graph: model.graph.name, producer_name: model.producerName });
    if (options.enableMemPattern !== false) this.pool = new BufferPool(poisonRequested());
  }

  /** The buffer pool's counters (undefined when enableMemPattern is false). */
  get memoryStats(): Readonly<PoolStats> | undefined {
    return this.pool?.stats;
  }

  /** Loads a model from a path (Node), bytes, or an ArrayBuffer; rejects with a typed error on bad input. */
  static async create(model: string | Uint8Array | ArrayBuffer, options: SessionOptions = {}): Promise<InferenceSession> {
    let bytes: Uint8Array;
    let readExternal: ExternalDataReader | undefined;
    if (typeof model === 'string') {
      const { readModelFile } = await nodeFiles('a model path (pass the model\'s bytes instead)');
      ({ bytes, readExternal } = readModelFile(model));
    } else if (model instanceof ArrayBuffer) bytes = new Uint8Array(model);
    else if (model instanceof Uint8Array) bytes = model;
    else throw new InvalidArgumentError('InferenceSession.create takes a path, a Uint8Array or an ArrayBuffer');
    if (options.externalData) readExternal = mapReader(options.externalData);
    return InferenceSession.fromModel(loadModel(bytes, { readExternal }), options);
  }

  /** Builds a session from an already-loaded model (used by tools that rewrite models). */
  static async fromModel(model: Model, options: SessionOptions = {}): Promise<InferenceSession> {
    await ensureDefaultProviders();
    const providers = resolveProviders(options.executionProviders);
    const threadLease = providers.includes('wasm') && (options.intraOpNumThreads ?? 1) > 1
      ? await (await import('../kernels/wasm/threads.js')).acquireThreads(options.intraOpNumThreads!) : undefined;
    for (const name of providers) await getProvider(name)?.init?.();
    // Also runs shape inference, so the executor and inspect see the final types.
    const level = options.graphOptimizationLevel ?? 'all';
    optimizeModel(model, level);
    const log = createLogger(options.logSeverityLevel ?? 2);
    const makeExecutor = async (m: Model) => {
      const executor = new GraphExecutor(m.graph, {
        providers, opsets: m.opsets, seed: options.seed, log, intraOpNumThreads: Math.max(1, Math.floor(options.intraOpNumThreads ?? 1)),
      });
      // 'all' includes layout choices made once per session: kernels pack their constant weights now.
      if (level === 'all') await executor.prepare();
      return executor;
    };
    const executor = await makeExecutor(model);
    // Graph inputs that also have an initializer are constants with a default (as in ORT, not listed).
    const runnable = model.graph.inputs.filter((v) => !model.graph.initializers.has(v.name));
    const session = new InferenceSession(model, executor, runnable, options);
    session.threadLease = threadLease;
    if (options.specializeShapes !== false) session.specializations = ShapeSpecializations.for(model, level, makeExecutor);
    return session;
  }

  /** Input metadata (name and declared type), as in recent onnxruntime-common. */
  get inputMetadata(): readonly ValueInfo[] {
    return this.runnableInputs;
  }

  get outputMetadata(): readonly ValueInfo[] {
    return this.model.graph.outputs;
  }

  /**
   * Provider and variant chosen for each node so far (filled in as nodes run), in the plan the
   * latest run used: the generic one, or the one specialized for that run's input dims.
   */
  get plan() {
    return this.lastExecutor.plannedSteps;
  }

  /** Shape-specialized plans built so far (0 for static models; see `specializeShapes`). */
  get specializedPlans(): number {
    return this.specializations?.built ?? 0;
  }

  run(feeds: FeedsType, options?: RunOptions): Promise<ReturnType>;
  run(feeds: FeedsType, fetches: readonly string[] | Record<string, OnnxValue>, options?: RunOptions): Promise<ReturnType>;
  async run(feeds: FeedsType, b?: unknown, c?: RunOptions): Promise<ReturnType> {
    if (this.released) throw new InvalidArgumentError('session was released');
    const { fetches, options } = splitRunArgs(b, c, this.outputNames);
    const inputs = this.prepareFeeds(feeds);
    const handlers: ((e: NodeEvent) => void)[] = [];
    if (options.onNode) handlers.push(options.onNode);
    if (this.profiler) { this.profiler.beginRun(); handlers.push(this.profiler.onNode); }
    let trace: { onNode: (e: NodeEvent) => void; finish(): unknown } | undefined;
    if (options.trace) {
      const { createTraceWriter } = await nodeOnly(import('../io/trace-writer.js'), 'createTraceWriter', `run option 'trace' (it writes a folder)`);
      trace = createTraceWriter(options.trace);
      handlers.push(trace.onNode);
    }
    const onNode = handlers.length === 0 ? undefined : handlers.length === 1 ? handlers[0] : (e: NodeEvent) => { for (const h of handlers) h(e); };
    let outputs: Value[];
    // Handlers other than the profiler (which keeps only shapes) may keep tensors: no recycling then.
    const memory = this.pool && !options.onNode && !trace ? new RunMemory(this.pool) : undefined;
    this.activeRuns++;
    try {
      const executor = (await this.specializations?.executorFor(inputs)) ?? this.executor;
      this.lastExecutor = executor;
      outputs = await executor.run(inputs, { onNode, memory });
    } catch (e) {
      // The run's values are gone with it: its buffers and arena blocks go back to the pool.
      memory?.abandon();
      throw e;
    } finally {
      trace?.finish();
      if (--this.activeRuns === 0 && this.released) this.pool?.dispose();
    }
    const result: ReturnType = {};
    this.outputNames.forEach((name, i) => { if (fetches.includes(name)) result[name] = outputs[i] as OnnxValue; });
    return result;
  }

  private prepareFeeds(feeds: FeedsType): Value[] {
    if (!feeds || typeof feeds !== 'object') throw new InvalidArgumentError('feeds must be an object of name → Tensor');
    for (const name of Object.keys(feeds)) {
      if (!this.inputNames.includes(name)) throw new InvalidArgumentError(`'${name}' is not an input of this model; inputs are [${this.inputNames.join(', ')}]`);
    }
    // The executor takes values by graph-input position; inputs backed by an initializer get it.
    return this.model.graph.inputs.map((info) => {
      const init = this.model.graph.initializers.get(info.name);
      if (init) return init;
      if (!(info.name in feeds)) throw new InvalidArgumentError(`input '${info.name}' (${describeDeclared(info)}) is missing from feeds`);
      const v = feeds[info.name] as Value;
      checkFeed(info, v);
      return v;
    });
  }

  /** The profile so far as a Chrome trace (undefined unless `enableProfiling`). */
  get profile(): ChromeTrace | undefined {
    return this.profiler?.toJSON();
  }

  /**
   * Ends profiling, as ORT's `endProfiling()`: in Node, writes the Chrome trace JSON and returns its
   * file name; elsewhere returns the JSON text.
   */
  async endProfiling(): Promise<string> {
    if (!this.profiler) throw new InvalidArgumentError('profiling is off; create the session with enableProfiling: true');
    const json = JSON.stringify(this.profiler.toJSON());
    if (typeof process !== 'undefined' && process.versions?.node) {
      const { writeTextFile } = await nodeFiles('writing the profile');
      const file = `${this.options.profileFilePrefix ?? 'onnxts_profile'}_${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
      writeTextFile(file, json);
      return file;
    }
    return json;
  }

  async release(): Promise<void> {
    this.released = true;
    // Arena blocks go back to their provider's memory now, or when the last run in flight ends.
    if (this.activeRuns === 0) this.pool?.dispose();
    await this.threadLease?.release();
  }
}

/**
 * A Node-only module (src/io/node-files.ts, src/io/trace-writer.ts). Browser bundles replace them
 * with empty ones (package.json "browser"), so that no `node:fs` import reaches a page: asking for
 * file access there gets this error instead of a TypeError. `probe` is one of its exports.
 */
async function nodeOnly<M>(module: Promise<M>, probe: keyof M, what: string): Promise<M> {
  const m = await module;
  if (typeof m[probe] !== 'function') throw new InvalidArgumentError(`${what} needs Node.js file access, which browser bundles leave out`);
  return m;
}

/** src/io/node-files.ts, for `what`. */
function nodeFiles(what: string): Promise<typeof import('../io/node-files.js')> {
  return nodeOnly(import('../io/node-files.js'), 'readModelFile', what);
}

/** ONNX_TS_POISON_POOL=1 (tests): recycled buffers start as NaN; see BufferPool. */
function poisonRequested(): boolean {
  return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.ONNX_TS_POISON_POOL === '1';
}

function splitRunArgs(b: unknown, c: RunOptions | undefined, outputNames: readonly string[]) {
  if (Array.isArray(b)) return { fetches: b as string[], options: c ?? {} };
  if (b && typeof b === 'object' && !('onNode' in b) && Object.keys(b).some((k) => outputNames.includes(k))) {
    return { fetches: Object.keys(b), options: c ?? {} };
  }
  return { fetches: [...outputNames], options: (b as RunOptions) ?? {} };
}

function describeDeclared(info: ValueInfo): string {
  const t = info.type;
  if (t?.kind === 'tensor') return `${t.dtype ?? '?'}[${t.dims?.map((d) => d ?? '?').join(',') ?? '...'}]`;
  return t?.kind ?? 'unknown type';
}

function checkFeed(info: ValueInfo, v: Value): void {
  const t = info.type;
  if (!t) return;
  if (t.kind === 'tensor') {
    if (!(v instanceof Tensor)) throw new InvalidArgumentError(`input '${info.name}' must be a Tensor, got ${describeValue(v)}`);
    if (t.dtype && v.type !== t.dtype) {
      throw new InvalidArgumentError(`input '${info.name}' must be ${t.dtype}, got ${v.type}`);
    }
    if (t.dims) {
      const bad = t.dims.length !== v.dims.length || t.dims.some((d, i) => typeof d === 'number' && d !== v.dims[i]);
      if (bad) throw new InvalidArgumentError(`input '${info.name}' must have shape [${t.dims.map((d) => d ?? '?').join(',')}], got [${v.dims.join(',')}]`);
    }
  } else if (t.kind === 'sequence' && !Array.isArray(v)) {
    throw new InvalidArgumentError(`input '${info.name}' is a sequence; pass a Tensor[]`);
  }
}

function resolveProviders(list: SessionOptions['executionProviders']): ProviderName[] {
  const names = (list ?? DEFAULT_PROVIDERS()).map((p) => (typeof p === 'string' ? p : p.name));
  const known = registeredProviders();
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length) throw new InvalidArgumentError(`unknown execution provider(s) ${unknown.join(', ')}; available: ${known.join(', ')}`);
  // The reference provider is always the last resort, so every spec'd op can run.
  return names.includes('reference') ? names : [...names, 'reference'];
}

function mapReader(files: readonly { path: string; data: Uint8Array }[]): ExternalDataReader {
  const byName = new Map(files.map((f) => [f.path.replace(/^\.\//, ''), f.data]));
  return (location, offset, length) => {
    const data = byName.get(location.replace(/^\.\//, ''));
    if (!data) throw new ModelLoadError(`external data '${location}' was not given in options.externalData`);
    const end = length === undefined ? data.length : offset + length;
    if (end > data.length) throw new ModelLoadError(`external data '${location}' is shorter than offset ${offset} + length ${length}`);
    return data.slice(offset, end);
  };
}


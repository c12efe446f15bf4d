/**
 * Intra-op threads for the wasm provider: workers (Node's worker_threads, or Web Workers on a
 * cross-origin isolated page) that instantiate every generated module
 * over the runtime's shared WebAssembly.Memory and take part in "split calls": one export called
 * over chunks of an index range [0, total), each chunk with its own arguments (pointers advanced,
 * counts clipped; see ArgSpec). The calling thread works too, so `threads` = workers + 1, as ORT
 * counts intraOpNumThreads.
 *
 * No messages per call: a job slot in a SharedArrayBuffer holds the call; the caller writes it,
 * bumps a sequence word and Atomics.notify()s; workers spin on that word for a moment after each
 * job (so back-to-back kernels skip the futex wake) and then sleep in Atomics.wait. Every thread
 * claims chunks by compare-and-swap on a 64-bit word that carries the job's sequence number, so a
 * worker that wakes late (descheduled by other load on the box) cannot claim a chunk of a newer
 * job, and the caller never waits for a worker that has not claimed anything: it only waits for
 * the chunks claimed and not yet finished. The call is synchronous; Node's main thread may block in
 * Atomics.wait (browsers' may not, so there it spins).
 *
 * Node's workers are unref()'d (they never keep the process alive); workers end when the last
 * session that asked for them is released. A page that is not cross-origin isolated has no
 * SharedArrayBuffer, so its sessions run on one thread whatever intraOpNumThreads asks (as
 * ORT-web's do). A worker that dies while holding a chunk makes the call fail after
 * STALL_MS without progress instead of hanging, and takes the pool out of use.
 */
import { currentRuntime, getRuntime, relaxedSimdNeedsFlag, requireSharedMemory, type WasmRuntime } from './runtime.js';

/** How long workers spin after a job before sleeping: longer than the host work between two kernels. */
const WORKER_SPIN_MS = 0.5;
/** How long the caller spins for the last chunks before sleeping on the completion counter. */
const CALLER_SPIN_MS = 0.2;
/** No chunk finished for this long (and some are claimed): a worker is gone. */
const STALL_MS = 10_000;
const MAX_ARGS = 32;

// Job slot layout (byte offsets in the control SharedArrayBuffer).
const I32 = { seq: 0, completed: 1, total: 2, chunk: 3, fn: 4, argc: 5, error: 6, quit: 7, participants: 8, workerChunks: 9 } as const;
const CLAIM_AT = 64, MODES_AT = 128, PARAMS_AT = 256, ERROR_AT = 1024, ERROR_CHARS = 1024;
const CONTROL_BYTES = ERROR_AT + ERROR_CHARS * 2;

/**
 * How each argument of a split call is computed for the chunk [i0, i1) on thread `tid`:
 * 0 fixed a; 1 a + i0·b (a pointer; 0 stays 0, "absent"); 2 i0·a; 3 min(i1·a, b);
 * 4 min(i1·a, b) − i0·a (a count); 5 a + tid·b (per-thread scratch).
 */
const MODE = { fixed: 0, offset: 1, start: 2, end: 3, count: 4, perThread: 5 } as const;

/** One argument of a split call. */
export type ArgSpec = number | { mode: number; a: number; b: number };

/** A pointer advanced by `strideBytes` per index (0 stays 0). */
export const offset = (ptr: number, strideBytes: number): ArgSpec => ({ mode: MODE.offset, a: ptr, b: strideBytes });
/** The chunk's first index times `unit`. */
export const start = (unit = 1): ArgSpec => ({ mode: MODE.start, a: unit, b: 0 });
/** The chunk's end index times `unit`, at most `limit`. */
export const end = (unit: number, limit: number): ArgSpec => ({ mode: MODE.end, a: unit, b: limit });
/** The chunk's length times `unit`, clipped so that it ends at `limit`. */
export const count = (unit: number, limit: number): ArgSpec => ({ mode: MODE.count, a: unit, b: limit });
/** Scratch of `stride` bytes per thread from `ptr` (the caller allocates threads × stride). */
export const perThread = (ptr: number, stride: number): ArgSpec => ({ mode: MODE.perThread, a: ptr, b: stride });

/**
 * What every worker runs once it has `workerData` (the modules, the shared memory, the control
 * buffer, its thread id): instantiate the modules over the shared memory, call `ready()`, then
 * claim chunks of each job until told to quit. Source text, so that no file has to be resolved
 * under tsx, vitest, dist or a browser bundle.
 */
const WORKER_BODY = `
const exportsByModule = {};
for (const [name, bytes] of Object.entries(workerData.modules)) {
  exportsByModule[name] = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory: workerData.memory } }).exports;
}
const fns = workerData.fnNames.map((id) => { const [m, f] = id.split(':'); return exportsByModule[m][f]; });
ready();
const ctl = workerData.control, tid = workerData.tid, spinMs = workerData.spinMs;
const i32 = new Int32Array(ctl), claim = new BigInt64Array(ctl, ${CLAIM_AT}, 1);
const modes = new Int32Array(ctl, ${MODES_AT}, ${MAX_ARGS}), prm = new Float64Array(ctl, ${PARAMS_AT}, ${2 * MAX_ARGS});
const errChars = new Uint16Array(ctl, ${ERROR_AT}, ${ERROR_CHARS});
const args = [];
function argsFor(argc, i0, i1) {
  for (let k = 0; k < argc; k++) {
    const a = prm[2 * k], b = prm[2 * k + 1];
    switch (modes[k]) {
      case 0: args[k] = a; break;
      case 1: args[k] = a === 0 ? 0 : a + i0 * b; break;
      case 2: args[k] = i0 * a; break;
      case 3: args[k] = Math.min(i1 * a, b); break;
      case 4: args[k] = Math.min(i1 * a, b) - i0 * a; break;
      default: args[k] = a + tid * b;
    }
  }
  args.length = argc;
}
function work(seq) {
  const tag = BigInt(seq) << 32n;
  const total = i32[${I32.total}], chunk = i32[${I32.chunk}], fn = fns[i32[${I32.fn}]], argc = i32[${I32.argc}];
  for (;;) {
    const v = Atomics.load(claim, 0);
    if ((v & ~0xffffffffn) !== tag) return;
    const i0 = Number(v & 0xffffffffn);
    if (i0 >= total) return;
    const i1 = Math.min(total, i0 + chunk);
    if (Atomics.compareExchange(claim, 0, v, v + BigInt(i1 - i0)) !== v) continue;
    try { argsFor(argc, i0, i1); fn(...args); }
    catch (e) {
      if (Atomics.compareExchange(i32, ${I32.error}, 0, 1) === 0) {
        const s = String((e && e.stack) || e).slice(0, ${ERROR_CHARS - 1});
        for (let i = 0; i < s.length; i++) errChars[i] = s.charCodeAt(i);
        errChars[s.length] = 0;
      }
    }
    Atomics.add(i32, ${I32.workerChunks}, 1);
    if (Atomics.add(i32, ${I32.completed}, i1 - i0) + (i1 - i0) === total) Atomics.notify(i32, ${I32.completed});
  }
}
let seen = Atomics.load(i32, ${I32.seq});
for (;;) {
  let s = Atomics.load(i32, ${I32.seq});
  if (s === seen) {
    const until = performance.now() + spinMs;
    let n = 0;
    while ((s = Atomics.load(i32, ${I32.seq})) === seen) {
      if ((++n & 1023) === 0 && performance.now() > until) Atomics.wait(i32, ${I32.seq}, seen);
    }
  }
  seen = s;
  if (Atomics.load(i32, ${I32.quit})) break;
  if (tid < i32[${I32.participants}]) work(s);
}
`;

/** A Node worker_threads worker: CommonJS evaluated from text, `workerData` given at its start. */
const NODE_WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
if (workerData.relaxedFlag) require('node:v8').setFlagsFromString('--experimental-wasm-relaxed-simd');
const ready = () => {};
${WORKER_BODY}`;

/**
 * A browser's Web Worker, from a blob: URL: `workerData` arrives as its first message (the shared
 * memory and the control SharedArrayBuffer are shared with it, not copied, on a cross-origin
 * isolated page), and it answers 'ready' once its modules are instantiated. A worker may block in
 * Atomics.wait, where a page's main thread may not.
 */
const WEB_WORKER_SOURCE = `
self.onmessage = (event) => {
  self.onmessage = null;
  const workerData = event.data;
  const ready = () => self.postMessage('ready');
${WORKER_BODY}
};
`;

/**
 * Where workers come from: Node's worker_threads, or Web Workers on a cross-origin isolated page
 * (elsewhere a page has no SharedArrayBuffer, so no shared memory to work on: one thread).
 */
function workerKind(): 'node' | 'web' | undefined {
  if (typeof process !== 'undefined' && process.versions?.node) return 'node';
  const g = globalThis as { Worker?: unknown; crossOriginIsolated?: boolean };
  return typeof g.Worker === 'function' && g.crossOriginIsolated === true ? 'web' : undefined;
}

/** What the pool needs of a worker of either kind. */
interface PoolWorker { terminate(): unknown }

/** The worker threads and the job slot they watch. */
export class ThreadPool {
  private readonly i32: Int32Array;
  private readonly claim: BigInt64Array;
  private readonly modes: Int32Array;
  private readonly params: Float64Array;
  private readonly errChars: Uint16Array;
  private readonly fns: ((...args: number[]) => void)[] = [];
  private readonly fnIds = new Map<string, number>();
  private seq = 0;
  private readonly args: number[] = [];
  /** Set when a worker exits or fails to start: later calls run on this thread alone. */
  broken = false;
  /** Split calls run so far, per 'variant:export' (tests check which kernels were split). */
  readonly splits = new Map<string, number>();

  constructor(readonly runtime: WasmRuntime, readonly workers: PoolWorker[], readonly control: SharedArrayBuffer,
    fnNames: readonly string[], exportsByModule: Record<string, WebAssembly.Exports>) {
    this.i32 = new Int32Array(control);
    this.claim = new BigInt64Array(control, CLAIM_AT, 1);
    this.modes = new Int32Array(control, MODES_AT, MAX_ARGS);
    this.params = new Float64Array(control, PARAMS_AT, 2 * MAX_ARGS);
    this.errChars = new Uint16Array(control, ERROR_AT, ERROR_CHARS);
    fnNames.forEach((id, i) => {
      const [m, f] = id.split(':');
      this.fnIds.set(id, i);
      this.fns.push(exportsByModule[m][f] as (...args: number[]) => void);
    });
  }

  get threads(): number { return this.workers.length + 1; }

  /** Chunks the workers have run so far (tests check that they took part). */
  get workerChunks(): number { return Atomics.load(this.i32, I32.workerChunks); }

  /**
   * Calls export `fn` ('variant:export') over [0, total) in chunks of `chunk` indices, on this
   * thread and up to `threads` − 1 workers; returns when every chunk is done.
   */
  run(fn: string, total: number, chunk: number, threads: number, specs: readonly ArgSpec[]): void {
    const id = this.fnIds.get(fn);
    if (id === undefined) throw new Error(`wasm threads: no export '${fn}'`);
    if (specs.length > MAX_ARGS) throw new Error(`wasm threads: ${fn} takes more than ${MAX_ARGS} arguments`);
    const { i32 } = this;
    this.splits.set(fn, (this.splits.get(fn) ?? 0) + 1);
    this.seq = (this.seq + 1) & 0x7fffffff;
    // Order matters (see the header): retag the claim word first, so that a worker still holding
    // the previous sequence number can claim nothing while the rest of the slot changes.
    Atomics.store(this.claim, 0, BigInt(this.seq) << 32n);
    specs.forEach((s, k) => {
      if (typeof s === 'number') { this.modes[k] = MODE.fixed; this.params[2 * k] = s; this.params[2 * k + 1] = 0; }
      else { this.modes[k] = s.mode; this.params[2 * k] = s.a; this.params[2 * k + 1] = s.b; }
    });
    i32[I32.total] = total;
    i32[I32.chunk] = Math.max(1, chunk);
    i32[I32.fn] = id;
    i32[I32.argc] = specs.length;
    i32[I32.participants] = threads;
    Atomics.store(i32, I32.completed, 0);
    Atomics.store(i32, I32.seq, this.seq);
    Atomics.notify(i32, I32.seq);
    let failure: unknown;
    try {
      this.work(total, Math.max(1, chunk), this.fns[id], specs.length);
    } catch (e) {
      failure = e;
      this.abandon(total);
    }
    // Even after a failure here, wait for the workers' chunks: the next job reuses the slot.
    this.waitAll(total);
    // Read and clear a worker's error in any case, so that it cannot surface in a later call.
    let workerError: string | undefined;
    if (Atomics.load(i32, I32.error)) {
      const chars: number[] = [];
      for (let i = 0; i < ERROR_CHARS && this.errChars[i]; i++) chars.push(this.errChars[i]);
      Atomics.store(i32, I32.error, 0);
      workerError = String.fromCharCode(...chars);
    }
    if (failure !== undefined) throw failure;
    if (workerError !== undefined) throw new Error(`wasm worker: ${workerError}`);
  }

  /** This thread's share: the same claim loop as the workers' (tid 0). */
  private work(total: number, chunk: number, fn: (...args: number[]) => void, argc: number): void {
    const tag = BigInt(this.seq) << 32n;
    for (;;) {
      const v = Atomics.load(this.claim, 0);
      const i0 = Number(v - tag);
      if (i0 >= total) return;
      const i1 = Math.min(total, i0 + chunk);
      if (Atomics.compareExchange(this.claim, 0, v, v + BigInt(i1 - i0)) !== v) continue;
      try {
        fn(...this.argsFor(argc, i0, i1));
      } finally {
        Atomics.add(this.i32, I32.completed, i1 - i0);
      }
    }
  }

  /** Claims every chunk nobody has taken yet and counts it done (after a failure on this thread). */
  private abandon(total: number): void {
    const tag = BigInt(this.seq) << 32n;
    for (;;) {
      const v = Atomics.load(this.claim, 0);
      const i0 = Number(v - tag);
      if (i0 >= total) return;
      if (Atomics.compareExchange(this.claim, 0, v, tag + BigInt(total)) === v) {
        Atomics.add(this.i32, I32.completed, total - i0);
        return;
      }
    }
  }

  private argsFor(argc: number, i0: number, i1: number): number[] {
    const { modes, params, args } = this;
    for (let k = 0; k < argc; k++) {
      const a = params[2 * k], b = params[2 * k + 1];
      switch (modes[k]) {
        case MODE.fixed: args[k] = a; break;
        case MODE.offset: args[k] = a === 0 ? 0 : a + i0 * b; break;
        case MODE.start: args[k] = i0 * a; break;
        case MODE.end: args[k] = Math.min(i1 * a, b); break;
        case MODE.count: args[k] = Math.min(i1 * a, b) - i0 * a; break;
        default: args[k] = a; // perThread: this thread is tid 0
      }
    }
    args.length = argc;
    return args;
  }

  /** Waits for the chunks the workers claimed: spin briefly, then block (Node) or keep spinning. */
  private waitAll(total: number): void {
    const { i32 } = this;
    let done = Atomics.load(i32, I32.completed);
    if (done === total) return;
    const spinUntil = performance.now() + CALLER_SPIN_MS;
    while ((done = Atomics.load(i32, I32.completed)) !== total && performance.now() < spinUntil) { /* spin */ }
    let lastProgress = performance.now();
    while (done !== total) {
      try {
        Atomics.wait(i32, I32.completed, done, 50);
      } catch {
        // A browser main thread may not block: keep spinning.
      }
      const now = Atomics.load(i32, I32.completed);
      const t = performance.now();
      if (now !== done) { done = now; lastProgress = t; }
      else if (t - lastProgress > STALL_MS) {
        this.broken = true;
        throw new Error(`wasm threads: a worker stopped with work claimed (no progress for ${STALL_MS} ms); continuing on one thread`);
      }
    }
  }

  async terminate(): Promise<void> {
    Atomics.store(this.i32, I32.quit, 1);
    Atomics.add(this.i32, I32.seq, 1);
    Atomics.notify(this.i32, I32.seq);
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

let pool: ThreadPool | undefined;
let leases = 0;

async function startPool(threads: number, kind: 'node' | 'web'): Promise<ThreadPool> {
  const rt = await getRuntime();
  const control = new SharedArrayBuffer(CONTROL_BYTES);
  // Every export of every module, named 'variant:export', in the same order here and in the workers.
  const exportsByModule: Record<string, WebAssembly.Exports> = {};
  const fnNames: string[] = [];
  for (const [name, bytes] of Object.entries(rt.sources)) {
    const mod = new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>);
    exportsByModule[name] = new WebAssembly.Instance(mod, { env: { memory: rt.memory } }).exports;
    for (const e of WebAssembly.Module.exports(mod)) if (e.kind === 'function') fnNames.push(`${name}:${e.name}`);
  }
  const workers: PoolWorker[] = [];
  const p = new ThreadPool(rt, workers, control, fnNames, exportsByModule);
  const dataFor = (tid: number) => ({ memory: rt.memory, relaxedFlag: rt.relaxed && relaxedSimdNeedsFlag(), modules: rt.sources, fnNames, control, tid, spinMs: WORKER_SPIN_MS });
  // A worker that exits early (an error while starting, or killed) never claims again; the pool
  // stops offering work so no call waits on it. Until a worker has started it claims nothing, and
  // the calling thread does its share.
  if (kind === 'node') {
    const { Worker } = await import('node:worker_threads');
    for (let tid = 1; tid < threads; tid++) {
      const worker = new Worker(NODE_WORKER_SOURCE, { eval: true, workerData: dataFor(tid) });
      worker.on('error', () => { p.broken = true; });
      worker.on('exit', () => { p.broken = true; });
      worker.unref();
      workers.push(worker);
    }
  } else {
    // A page starts its workers from its own event loop: a page that runs sessions back to back,
    // never yielding to it, would keep them from starting (resnet18 at 2 threads ran 20 runs with
    // no chunk taken by a worker). So the pool is handed out once every worker said 'ready'.
    const url = URL.createObjectURL(new Blob([WEB_WORKER_SOURCE], { type: 'text/javascript' }));
    const started: Promise<void>[] = [];
    for (let tid = 1; tid < threads; tid++) {
      let worker: Worker;
      try {
        worker = new Worker(url);
      } catch {
        // A page whose Content-Security-Policy forbids blob: workers: one thread, no error.
        p.broken = true;
        break;
      }
      started.push(new Promise<void>((resolve) => {
        worker.onmessage = () => resolve();
        // A worker that fails to start takes the pool out of use: sessions run on one thread.
        worker.onerror = () => { p.broken = true; resolve(); };
      }));
      worker.postMessage(dataFor(tid));
      workers.push(worker);
    }
    await Promise.all(started);
    URL.revokeObjectURL(url);
  }
  return p;
}

/** A session's hold on the thread pool; `release()` ends it. */
export interface ThreadLease { release(): Promise<void> }

/**
 * Asks for `threads` intra-op threads (SessionOptions.intraOpNumThreads). The pool is sized to the
 * largest live request; with 1 (the default) no workers start.
 */
export async function acquireThreads(threads: number): Promise<ThreadLease> {
  const n = Math.max(1, Math.floor(threads));
  const kind = workerKind();
  if (n > 1 && kind) {
    requireSharedMemory();
    const rt = await getRuntime();
    leases++;
    if (!pool || pool.threads < n || pool.runtime !== rt || pool.broken) {
      const old = pool;
      pool = undefined;
      await old?.terminate();
      pool = await startPool(Math.max(n, old && old.runtime === rt ? old.threads : 1), kind);
    }
    let released = false;
    return {
      release: async () => {
        if (released) return;
        released = true;
        if (--leases === 0 && pool) {
          const p = pool;
          pool = undefined;
          await p.terminate();
        }
      },
    };
  }
  return { release: async () => {} };
}

/** The live pool for the current runtime, if any. */
export function threadPool(): ThreadPool | undefined {
  return pool && !pool.broken && pool.runtime === currentRuntime() ? pool : undefined;
}

/** The pool when the running kernel's session allows more than one thread (see WasmRuntime.threadLimit). */
function poolForThisCall(): ThreadPool | undefined {
  return currentRuntime().threadLimit > 1 ? threadPool() : undefined;
}

/**
 * Runs `fn` over [0, total) in chunks of `chunk` on the pool when one is live for this call and
 * there is more than one chunk and more than one thread to give them; false when it did not.
 */
function onPool(fn: string, total: number, chunk: number, threads: number, specs: readonly ArgSpec[]): boolean {
  const p = threads > 1 && chunk < total ? poolForThisCall() : undefined;
  if (!p) return false;
  p.run(fn, total, chunk, Math.min(threads, p.threads, currentRuntime().threadLimit), specs);
  return true;
}

/**
 * Calls `fn` ('variant:export' of a module in the runtime's sources) over [0, total) in chunks of
 * `chunk` indices: split across up to `threads` threads (the caller's choice from THRESHOLDS in
 * selection.ts, capped by the pool) when a pool is live and there is more than one chunk, else
 * `direct` (the same export on this thread) once with the whole range. Synchronous either way.
 */
export function splitCall(fn: string, total: number, chunk: number, threads: number, specs: readonly ArgSpec[],
  direct: (...args: number[]) => void): void {
  if (total <= 0 || onPool(fn, total, chunk, threads, specs)) return;
  direct(...specs.map((s) => chunkArg(s, 0, total)));
}

/**
 * splitCall for an export that takes exactly one index per call (a recurrence runs one direction):
 * the indices split across threads when a pool is live, else `direct` once per index on this thread.
 */
export function splitEach(fn: string, total: number, threads: number, specs: readonly ArgSpec[], direct: (...args: number[]) => void): void {
  if (onPool(fn, total, 1, threads, specs)) return;
  for (let i = 0; i < total; i++) direct(...specs.map((s) => chunkArg(s, i, i + 1)));
}

/** An argument's value for the chunk [i0, i1) on thread 0 (the modes as the workers compute them). */
function chunkArg(s: ArgSpec, i0: number, i1: number): number {
  if (typeof s === 'number') return s;
  switch (s.mode) {
    case MODE.offset: return s.a === 0 ? 0 : s.a + i0 * s.b;
    case MODE.start: return i0 * s.a;
    case MODE.end: return Math.min(i1 * s.a, s.b);
    case MODE.count: return Math.min(i1 * s.a, s.b) - i0 * s.a;
    default: return s.a;
  }
}

/**
 * Threads for `work` units (MACs, bytes…) given at least `minPerThread` units each: at most the
 * live pool's size, 1 without a pool.
 */
export function threadsFor(work: number, minPerThread: number): number {
  const p = poolForThisCall();
  return p ? Math.max(1, Math.min(p.threads, currentRuntime().threadLimit, Math.floor(work / minPerThread))) : 1;
}

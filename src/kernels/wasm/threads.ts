/**
 * Intra-op threads for the wasm provider: worker_threads that instantiate the same GEMM module over
 * the runtime's shared WebAssembly.Memory and each compute a range of B panels. The calling thread
 * computes the first range itself, so `threads` = workers + 1, as ORT counts intraOpNumThreads.
 *
 * Workers are unref()'d while idle (they never keep the process alive) and ref()'d while a job is
 * in flight; they are terminated when the last session that asked for them is released.
 */
import { currentRuntime, getRuntime, requireSharedMemory, type WasmRuntime } from './runtime.js';

/** Worker source, evaluated as CommonJS (no file to resolve under tsx, vitest or dist). */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
if (workerData.relaxed) require('node:v8').setFlagsFromString('--experimental-wasm-relaxed-simd');
const exportsByName = {};
for (const [name, bytes] of Object.entries(workerData.modules)) {
  exportsByName[name] = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory: workerData.memory } }).exports;
}
parentPort.on('message', (job) => {
  try {
    const fn = exportsByName[job.module][job.fn];
    if (job.claim) {
      // Dynamic split: claim chunks of panels from a shared counter until none are left.
      const { counter, chunk, total, at } = job.claim;
      const ctr = new Int32Array(workerData.memory.buffer, counter, 1);
      const args = job.args.slice();
      for (;;) {
        const p0 = Atomics.add(ctr, 0, chunk);
        if (p0 >= total) break;
        args[at] = p0; args[at + 1] = Math.min(total, p0 + chunk);
        fn(...args);
      }
    } else fn(...job.args);
    parentPort.postMessage({ id: job.id });
  }
  catch (e) { parentPort.postMessage({ id: job.id, error: String(e && e.stack || e) }); }
});
`;

interface PoolWorker {
  worker: import('node:worker_threads').Worker;
  pending: Map<number, { resolve(): void; reject(e: Error): void }>;
}

class ThreadPool {
  private nextId = 1;
  constructor(readonly runtime: WasmRuntime, readonly workers: PoolWorker[]) {}

  get threads(): number { return this.workers.length + 1; }

  /**
   * Runs `fn(...args)` of module `module` on worker `w`. With `claim`, the worker instead calls it
   * repeatedly with args[at], args[at + 1] = the next `chunk` of [0, total) taken from the shared
   * Int32 counter at byte offset `counter`, until the range is used up.
   */
  run(w: number, module: string, fn: string, args: number[], claim?: { counter: number; chunk: number; total: number; at: number }): Promise<void> {
    const pw = this.workers[w];
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      pw.pending.set(id, { resolve, reject });
      pw.worker.ref();
      pw.worker.postMessage({ id, module, fn, args, claim });
    });
  }

  async terminate(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}

let pool: ThreadPool | undefined;
let leases = 0;
let wanted = 1;

async function startPool(threads: number): Promise<ThreadPool> {
  const { Worker } = await import('node:worker_threads');
  const rt = await getRuntime();
  const workers: PoolWorker[] = [];
  for (let i = 0; i < threads - 1; i++) {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { memory: rt.memory, relaxed: rt.relaxed, modules: { [rt.gemmVariant]: rt.sources[rt.gemmVariant] } },
    });
    const pw: PoolWorker = { worker, pending: new Map() };
    worker.on('message', (m: { id: number; error?: string }) => {
      const p = pw.pending.get(m.id);
      pw.pending.delete(m.id);
      if (pw.pending.size === 0) worker.unref();
      if (m.error) p?.reject(new Error(`wasm worker: ${m.error}`));
      else p?.resolve();
    });
    worker.on('error', (e) => { for (const p of pw.pending.values()) p.reject(e); pw.pending.clear(); });
    worker.unref();
    workers.push(pw);
  }
  return new ThreadPool(rt, workers);
}

/** A session's hold on the thread pool; `release()` ends it. */
export interface ThreadLease { release(): Promise<void> }

/**
 * Asks for `threads` intra-op threads (SessionOptions.intraOpNumThreads). The pool is sized to the
 * largest live request; with 1 (the default) no workers start.
 */
export async function acquireThreads(threads: number): Promise<ThreadLease> {
  const n = Math.max(1, Math.floor(threads));
  if (n > 1 && typeof process !== 'undefined' && process.versions?.node) {
    requireSharedMemory();
    const rt = await getRuntime();
    leases++;
    if (!pool || pool.threads < n || pool.runtime !== rt) {
      const old = pool;
      pool = undefined;
      await old?.terminate();
      wanted = Math.max(wanted, n);
      pool = await startPool(Math.max(n, old && old.runtime === rt ? old.threads : 1));
    }
    let released = false;
    return {
      release: async () => {
        if (released) return;
        released = true;
        if (--leases === 0 && pool) {
          const p = pool;
          pool = undefined;
          wanted = 1;
          await p.terminate();
        }
      },
    };
  }
  return { release: async () => {} };
}

/** The live pool for the current runtime, if any. */
export function threadPool(): ThreadPool | undefined {
  return pool && pool.runtime === currentRuntime() ? pool : undefined;
}

/**
 * The run-time half of the memory planner: output storage recycled across nodes and runs.
 *
 * src/passes/memory-plan.ts plans the same liveness statically (and reports the planned peak);
 * this pool applies it with whatever shapes a run really has, so dynamic shapes work too. A buffer
 * goes back to the pool when the last live value that views it dies (the executor frees each value
 * after its last reader), and the next node that asks for the same byte size gets it. In steady
 * state a run allocates only its graph outputs.
 *
 * Safety rules (the executor enforces them, see RunMemory):
 * - only buffers the pool handed out are ever recycled: initializers, feeds and anything a kernel
 *   made itself are never touched;
 * - a buffer is counted once per live value that views it (Reshape and Identity return views), and
 *   recycled only when that count reaches 0;
 * - buffers that escape (graph outputs, elements of sequences) are disowned: never recycled.
 */
import { entriesPerElement, storageCtor, type DType, type TypedArray } from '../ir/dtype.js';
import type { Value } from '../ir/ops/spec.js';
import { Tensor } from '../ir/tensor.js';

/** Free buffers kept beyond this many bytes (or twice the peak in use, if larger) are dropped. */
const MIN_KEEP_BYTES = 64 * 1024 * 1024;

export interface PoolStats {
  /** Bytes handed out and not yet back, now and at most. */
  liveBytes: number;
  peakLiveBytes: number;
  /** Requests served from a free buffer, and by a new one. */
  reused: number;
  created: number;
}

export class BufferPool {
  private readonly free = new Map<number, ArrayBuffer[]>();
  private freeBytes = 0;
  private readonly owned = new WeakSet<ArrayBuffer>();
  readonly stats: PoolStats = { liveBytes: 0, peakLiveBytes: 0, reused: 0, created: 0 };

  /**
   * `poison`: fill every recycled buffer with 0xFF bytes (NaN as floats, -1 as integers) before
   * handing it out, so a kernel that forgets to write an element fails its tests instead of
   * passing on a lucky zero (ONNX_TS_POISON_POOL=1 turns it on for sessions).
   */
  constructor(private readonly poison = false) {}

  /** Storage for `length` elements of `dtype`; its contents are undefined (not zeroed). */
  alloc(dtype: DType, length: number): TypedArray {
    const ctor = storageCtor(dtype);
    const entries = length * entriesPerElement(dtype);
    const bytes = entries * ctor.BYTES_PER_ELEMENT;
    // Empty tensors need no storage worth recycling.
    if (bytes === 0) return new ctor(0) as TypedArray;
    return new ctor(this.take(bytes), 0, entries) as TypedArray;
  }

  private take(bytes: number): ArrayBuffer {
    const list = this.free.get(bytes);
    let buf = list?.pop();
    if (buf) {
      this.freeBytes -= bytes;
      this.stats.reused++;
      if (this.poison) new Uint8Array(buf).fill(0xff);
    } else {
      buf = new ArrayBuffer(bytes);
      this.owned.add(buf);
      this.stats.created++;
    }
    this.stats.liveBytes += bytes;
    if (this.stats.liveBytes > this.stats.peakLiveBytes) this.stats.peakLiveBytes = this.stats.liveBytes;
    return buf;
  }

  /** Whether `buf` came from this pool and may still be recycled. */
  owns(buf: ArrayBufferLike): buf is ArrayBuffer {
    return this.owned.has(buf as ArrayBuffer);
  }

  /** Takes `buf` back for reuse (the caller guarantees nothing views it any more). */
  give(buf: ArrayBuffer): void {
    if (!this.owned.has(buf)) return;
    const bytes = buf.byteLength;
    this.stats.liveBytes -= bytes;
    if (this.freeBytes + bytes > Math.max(MIN_KEEP_BYTES, 2 * this.stats.peakLiveBytes)) {
      // Over the budget (say, many distinct dynamic sizes): let the GC have it.
      this.owned.delete(buf);
      return;
    }
    let list = this.free.get(bytes);
    if (!list) this.free.set(bytes, (list = []));
    list.push(buf);
    this.freeBytes += bytes;
  }

  /** `buf` escapes the run (a graph output, a sequence element): never recycle it. */
  disown(buf: ArrayBufferLike): void {
    if (!this.owned.has(buf as ArrayBuffer)) return;
    this.owned.delete(buf as ArrayBuffer);
    this.stats.liveBytes -= buf.byteLength;
  }
}

/**
 * One run's count of live values per pooled buffer, shared by the run's subgraph executors (a
 * value can be viewed from an inner scope). Not shared between runs: concurrent runs of a session
 * never hand each other a buffer, since each recycles only what its own values held.
 */
export class RunMemory {
  private readonly views = new Map<ArrayBuffer, number>();

  constructor(readonly pool: BufferPool) {}

  /** A new live value `v` (a node's output). */
  hold(v: Value | undefined): void {
    if (v instanceof Tensor) {
      const buf = pooledBuffer(this.pool, v);
      if (buf) this.views.set(buf, (this.views.get(buf) ?? 0) + 1);
    } else if (Array.isArray(v)) this.escape(v);
  }

  /** The live value `v` died; its buffer is recycled when no other live value views it. */
  drop(v: Value | undefined): void {
    if (!(v instanceof Tensor)) return;
    const buf = pooledBuffer(this.pool, v);
    if (!buf) return;
    const n = (this.views.get(buf) ?? 1) - 1;
    if (n > 0) this.views.set(buf, n);
    else {
      this.views.delete(buf);
      this.pool.give(buf);
    }
  }

  /** `v` leaves the run (a graph output, a sequence's element): its buffers are never recycled. */
  escape(v: Value | undefined): void {
    if (v instanceof Tensor) {
      const buf = pooledBuffer(this.pool, v);
      if (buf) { this.views.delete(buf); this.pool.disown(buf); }
    } else if (Array.isArray(v)) for (const e of v) this.escape(e);
  }

  /** Whether `t` is the only live value over its pooled buffer and covers all of it (so it may be overwritten). */
  exclusive(t: Tensor): boolean {
    const buf = pooledBuffer(this.pool, t);
    if (!buf || this.views.get(buf) !== 1) return false;
    const data = t.data as TypedArray;
    return data.byteOffset === 0 && data.byteLength === buf.byteLength;
  }
}

/** `t`'s buffer when the pool owns it. */
function pooledBuffer(pool: BufferPool, t: Tensor): ArrayBuffer | undefined {
  if (t.location !== 'cpu' || t.type === 'string') return undefined;
  const buf = (t.data as TypedArray).buffer;
  return pool.owns(buf) ? buf : undefined;
}

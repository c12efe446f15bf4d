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
 *
 * A provider may lend the pool blocks of its own memory (a StorageArena: the wasm provider's
 * WebAssembly.Memory), so that its kernels' outputs stay where its next kernels read them. Those
 * blocks follow the same rules, with one difference: a block cannot escape (the arena reuses it), so
 * an escaping tensor in one is replaced by a host copy, and the block stays in the pool.
 */
import { entriesPerElement, storageCtor, type DType, type TypedArray } from '../ir/dtype.js';
import type { Value } from '../ir/ops/spec.js';
import { Tensor } from '../ir/tensor.js';
import type { ArenaBlock, StorageArena } from '../kernels/kernel.js';

/** What the pool recycles: a host ArrayBuffer, or a block an arena lent it. */
export type Storage = ArrayBuffer | ArenaBlock;

interface LentBlock { arena: StorageArena; block: ArenaBlock }

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
  /** Free arena blocks per arena and byte size. */
  private readonly freeBlocks = new Map<StorageArena, Map<number, ArenaBlock[]>>();
  private freeBytes = 0;
  private readonly owned = new WeakSet<ArrayBuffer>();
  /** Every block lent to this pool (live or free), with its arena. */
  private readonly lent = new Map<ArenaBlock, LentBlock>();
  readonly stats: PoolStats = { liveBytes: 0, peakLiveBytes: 0, reused: 0, created: 0 };

  /**
   * `poison`: fill every recycled buffer with 0xFF bytes (NaN as floats, -1 as integers) before
   * handing it out, so a kernel that forgets to write an element fails its tests instead of
   * passing on a lucky zero (ONNX_TS_POISON_POOL=1 turns it on for sessions).
   */
  constructor(private readonly poison = false) {}

  /**
   * Storage for `length` elements of `dtype`; its contents are undefined (not zeroed). With an
   * `arena`, a block of it when it lends one, else host storage.
   */
  alloc(dtype: DType, length: number, arena?: StorageArena): TypedArray {
    const ctor = storageCtor(dtype);
    const entries = length * entriesPerElement(dtype);
    const bytes = entries * ctor.BYTES_PER_ELEMENT;
    // Empty tensors need no storage worth recycling.
    if (bytes === 0) return new ctor(0) as TypedArray;
    if (arena) {
      const block = this.takeBlock(arena, bytes);
      if (block) return arena.view(block, ctor, entries);
    }
    return new ctor(this.take(bytes), 0, entries) as TypedArray;
  }

  private take(bytes: number): ArrayBuffer {
    const list = this.free.get(bytes);
    let buf = list?.pop();
    if (buf) {
      this.reuse(bytes);
      if (this.poison) new Uint8Array(buf).fill(0xff);
    } else {
      buf = new ArrayBuffer(bytes);
      this.owned.add(buf);
      this.stats.created++;
    }
    this.count(bytes);
    return buf;
  }

  private takeBlock(arena: StorageArena, bytes: number): ArenaBlock | undefined {
    let block = this.freeBlocks.get(arena)?.get(bytes)?.pop();
    if (block) {
      this.reuse(bytes);
      if (this.poison) (arena.view(block, Uint8Array, bytes) as Uint8Array).fill(0xff);
    } else {
      block = arena.lend(bytes);
      if (!block) return undefined;
      this.lent.set(block, { arena, block });
      if (!this.freeBlocks.has(arena)) this.freeBlocks.set(arena, new Map());
      this.stats.created++;
    }
    this.count(bytes);
    return block;
  }

  private reuse(bytes: number): void {
    this.freeBytes -= bytes;
    this.stats.reused++;
  }

  private count(bytes: number): void {
    this.stats.liveBytes += bytes;
    if (this.stats.liveBytes > this.stats.peakLiveBytes) this.stats.peakLiveBytes = this.stats.liveBytes;
  }

  /** The pooled storage `data` views: its buffer, or the arena block it lies in; undefined if not this pool's. */
  storageOf(data: TypedArray): Storage | undefined {
    if (this.owned.has(data.buffer as ArrayBuffer)) return data.buffer as ArrayBuffer;
    if (this.lent.size === 0) return undefined;
    for (const arena of this.freeBlocks.keys()) {
      const block = arena.blockOf(data);
      if (block && this.lent.has(block)) return block;
    }
    return undefined;
  }

  /** Takes `s` back for reuse (the caller guarantees nothing views it any more). */
  give(s: Storage): void {
    const host = s instanceof ArrayBuffer;
    const lent = host ? undefined : this.lent.get(s);
    if (host ? !this.owned.has(s) : !lent) return;
    const bytes = host ? s.byteLength : s.bytes;
    this.stats.liveBytes -= bytes;
    if (this.freeBytes + bytes > Math.max(MIN_KEEP_BYTES, 2 * this.stats.peakLiveBytes)) {
      // Over the budget (say, many distinct dynamic sizes): the GC (or the arena) has it back.
      if (host) this.owned.delete(s);
      else { this.lent.delete(s); lent!.arena.reclaim(s); }
      return;
    }
    const bySize: Map<number, Storage[]> = host ? this.free : this.freeBlocks.get(lent!.arena)!;
    const list = bySize.get(bytes);
    if (list) list.push(s);
    else bySize.set(bytes, [s]);
    this.freeBytes += bytes;
  }

  /** `buf` escapes the run (a graph output, a sequence element): never recycle it. */
  disown(buf: ArrayBufferLike): void {
    if (!this.owned.has(buf as ArrayBuffer)) return;
    this.owned.delete(buf as ArrayBuffer);
    this.stats.liveBytes -= buf.byteLength;
  }

  /** Gives every arena block back to its arena (the session is released; no run is live). */
  dispose(): void {
    for (const { arena, block } of this.lent.values()) arena.reclaim(block);
    this.lent.clear();
    this.freeBlocks.clear();
  }
}

/**
 * One run's count of live values per pooled buffer, shared by the run's subgraph executors (a
 * value can be viewed from an inner scope). Not shared between runs: concurrent runs of a session
 * never hand each other a buffer, since each recycles only what its own values held.
 */
export class RunMemory {
  private readonly views = new Map<Storage, number>();

  constructor(readonly pool: BufferPool) {}

  /**
   * A new live value `v` (a node's output); returns the value to keep for it (a sequence holding
   * tensors in arena blocks gets host copies of them: see `escapeElements`).
   */
  hold(v: Value): Value {
    if (v instanceof Tensor) {
      const s = this.storageOf(v);
      if (s) this.views.set(s, (this.views.get(s) ?? 0) + 1);
      return v;
    }
    return Array.isArray(v) ? this.escapeElements(v) : v;
  }

  /** The live value `v` died; its buffer is recycled when no other live value views it. */
  drop(v: Value | undefined): void {
    if (!(v instanceof Tensor)) return;
    const s = this.storageOf(v);
    // Not counted (never held, or already escaped or dropped to 0): not ours to recycle.
    const held = s && this.views.get(s);
    if (!s || !held) return;
    const n = held - 1;
    if (n > 0) this.views.set(s, n);
    else {
      this.views.delete(s);
      this.pool.give(s);
    }
  }

  /**
   * `v` leaves the run as a graph output; returns what the caller gets. A host buffer is never
   * recycled again. A tensor in an arena block is copied to the host; with `ownCount` (this graph
   * made `v`, so it holds one count for it) that count is dropped, otherwise (an outer value, a
   * subgraph's input passed through) the holder's count is left alone.
   */
  escape(v: Value, ownCount: boolean): Value {
    if (Array.isArray(v)) return this.escapeElements(v);
    if (!(v instanceof Tensor)) return v;
    const s = this.storageOf(v);
    if (!s) return v;
    if (s instanceof ArrayBuffer) {
      this.views.delete(s);
      this.pool.disown(s);
      return v;
    }
    const copy = new Tensor(v.type, (v.data as TypedArray).slice(), v.dims);
    if (ownCount) this.drop(v);
    return copy;
  }

  /** A sequence's tensors leave the pool's control: host buffers are disowned, arena ones copied. */
  private escapeElements(seq: Value[]): Value[] {
    const out = seq.map((e) => this.escape(e, false));
    return out.every((e, i) => e === seq[i]) ? seq : out;
  }

  /** Whether `t` is the only live value over its pooled buffer and covers all of it (so it may be overwritten). */
  exclusive(t: Tensor): boolean {
    const s = this.storageOf(t);
    if (!s || this.views.get(s) !== 1) return false;
    const data = t.data as TypedArray;
    return s instanceof ArrayBuffer
      ? data.byteOffset === 0 && data.byteLength === s.byteLength
      : data.byteOffset === s.ptr && data.byteLength === s.bytes;
  }

  /** The run failed: every buffer and block its values still hold goes back to the pool. */
  abandon(): void {
    for (const s of this.views.keys()) this.pool.give(s);
    this.views.clear();
  }

  /** `t`'s pooled storage, if the pool owns it. */
  private storageOf(t: Tensor): Storage | undefined {
    if (t.location !== 'cpu' || t.type === 'string') return undefined;
    return this.pool.storageOf(t.data as TypedArray);
  }
}

/**
 * The wasm provider's runtime: one WebAssembly.Memory shared by every generated module (and, with
 * threads, by the worker copies of them), a heap and a scratch region over it, and the
 * instantiated modules.
 *
 * Memory is [reserved | heap … | scratch …].
 * - The heap holds blocks that outlive a kernel call: packed constant weights (resident, keyed by
 *   the weight tensor, so repacking happens once per session; freed when that tensor is garbage;
 *   when they pass RESIDENT_BUDGET they are all dropped and refilled on demand) and the blocks
 *   lent to sessions' buffer pools, where wasm kernels write their outputs so that the next wasm
 *   kernel reads them in place (StorageArena). It is first-fit over a free list, so blocks given
 *   back are reused.
 * - Scratch is a bump region above the heap, reset after every kernel call (`kernelCall`). A heap
 *   block needed while scratch is in use goes above the scratch; the scratch below it returns to
 *   the free list at the reset. Kernels are synchronous, so they never overlap on the memory.
 *
 * Blocks are lent only when the memory is shared: growing a non-shared memory detaches its
 * buffer, which would empty every view the executor holds. Node always has SharedArrayBuffer;
 * browsers have it under cross-origin isolation (elsewhere, kernels copy outputs to the host).
 */
import type { TypedArray, TypedArrayConstructor } from '../../ir/dtype.js';
import type { Tensor } from '../../ir/tensor.js';
import type { ArenaBlock, StorageArena } from '../kernel.js';
import type { WasmModuleSource } from './module-source.js';
import { WASM_MODULES } from './modules.gen.js';
import { DWCONV_VARIANTS, forIsa, GEMM_VARIANTS, RECURRENT_VARIANTS } from './selection.js';

const PAGE = 65536;
/** The first 1 KiB stays unused so that pointer 0 can mean "absent". */
const RESERVED = 1024;
/** Packed weights kept in memory between runs; resnet18 needs about 47 MB, tinybert about 20 MB. */
const RESIDENT_BUDGET = 768 * 1024 * 1024;

/** Exports of the generated modules, typed by template. */
export interface GemmExports {
  gemm(a: number, b: number, bRow: number, bPanel: number, c: number, ldc: number, M: number, N: number, K: number,
    p0: number, p1: number, bias: number, biasMode: number, accumulate: number, act: number, lo: number, hi: number, scratch: number): void;
  packA(src: number, rs: number, cs: number, M: number, K: number, dst: number, alpha: number): void;
  packB(src: number, rs: number, cs: number, K: number, N: number, dst: number): void;
}
export interface Im2colExports {
  im2col(x: number, C: number, H: number, W: number, KH: number, KW: number, sh: number, sw: number, dh: number, dw: number,
    ph: number, pw: number, OH: number, OW: number, dst: number): void;
  col2im(cols: number, M: number, H: number, W: number, KH: number, KW: number, sh: number, sw: number, dh: number, dw: number,
    ph: number, pw: number, OH: number, OW: number, y: number, bias: number): void;
}
export interface DwconvExports {
  dwconv3x3(x: number, w: number, bias: number, y: number, C: number, H: number, W: number, OH: number, OW: number,
    stride: number, pt: number, pl: number, Hp: number, Wp: number, pad: number, act: number, lo: number, hi: number): void;
}
export interface WinogradExports {
  input(x: number, V: number, C: number, H: number, W: number, pt: number, pl: number, TH: number, TWp: number, xiBytes: number, pad: number): void;
  output(Mm: number, bias: number, y: number, M: number, TH: number, TWp: number, xiBytes: number, OH: number, OW: number,
    act: number, lo: number, hi: number): void;
}
export interface MaxPoolExports {
  maxpool2d(x: number, y: number, planes: number, H: number, W: number, KH: number, KW: number, sh: number, sw: number,
    dh: number, dw: number, pt: number, pl: number, OH: number, OW: number): void;
}
export interface ResizeExports {
  linear2d(x: number, y: number, planes: number, H: number, W: number, OH: number, OW: number, rows: number, rowW: number,
    cols: number, colW: number, t: number): void;
}
export interface ElementwiseExports {
  add(a: number, b: number, out: number, outer: number, inner: number, bMode: number): void;
  sub(a: number, b: number, out: number, outer: number, inner: number, bMode: number): void;
  mul(a: number, b: number, out: number, outer: number, inner: number, bMode: number): void;
  div(a: number, b: number, out: number, outer: number, inner: number, bMode: number): void;
  relu(x: number, out: number, n: number): void;
  clip(x: number, out: number, n: number, lo: number, hi: number): void;
}

export interface AttentionExports {
  packKT(k: number, ksN: number, ksS: number, ksD: number, N: number, Skv: number, D: number, dst: number, ld: number): void;
  attention(q: number, qsN: number, qsS: number, kT: number, ld: number, v: number, vsN: number, vsS: number,
    mask: number, msN: number, msS: number, y: number, ysN: number, ysS: number, N: number, Sq: number, Skv: number,
    D: number, Dv: number, scale: number, row: number): void;
}
export interface LayerNormExports {
  layernorm(x: number, skip: number, gamma: number, beta: number, y: number, sumOut: number, rows: number, cols: number, eps: number): void;
}
export interface GeluExports {
  gelu(x: number, y: number, n: number): void;
}
/** One direction of the LSTM recurrence (codegen/wasm/templates/recurrent.ts; layouts in src/kernels/wasm/recurrent.ts). */
export interface LstmExports {
  lstm(xw: number, xwRow: number, r: number, hs: number, cs: number, y: number, yStep: number, seq: number, batch: number,
    H: number, Hp: number, reverse: number): void;
}
/** One direction of the GRU recurrence (same template file). */
export interface GruExports {
  gru(xw: number, xwRow: number, rzr: number, rh: number, rbh: number, hs: number, tmp: number, y: number, yStep: number,
    seq: number, batch: number, H: number, Hp: number, reverse: number, lbr: number): void;
}

let relaxedSupport: boolean | undefined;
/**
 * Whether relaxed SIMD needed the V8 flag here (Node 20). Workers then set it too; engines that
 * validate relaxed SIMD without it must not get it: Node 24 no longer knows the flag and prints
 * an error for it in every worker.
 */
let relaxedNeedsFlag = false;

/**
 * Whether the engine validates f32x4.relaxed_madd. Node 20 ships relaxed SIMD behind
 * --experimental-wasm-relaxed-simd, which v8.setFlagsFromString can still turn on before the first
 * module using it compiles; Node 22 and current browsers have it on.
 */
export async function detectRelaxedSimd(): Promise<boolean> {
  if (relaxedSupport !== undefined) return relaxedSupport;
  // (func (param v128 v128 v128) (result v128) local.get 0 local.get 1 local.get 2 f32x4.relaxed_madd)
  const probe = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 8, 1, 0x60, 3, 0x7b, 0x7b, 0x7b, 1, 0x7b, 3, 2, 1, 0,
    10, 13, 1, 11, 0, 0x20, 0, 0x20, 1, 0x20, 2, 0xfd, 0x85, 0x02, 0x0b]);
  const node = typeof process !== 'undefined' && !!process.versions?.node;
  // ONNX_TS_WASM_RELAXED=0 forces plain SIMD128 (to compare, or to avoid setting a V8 flag).
  const disabled = node && process.env.ONNX_TS_WASM_RELAXED === '0';
  relaxedSupport = !disabled && WebAssembly.validate(probe);
  if (!relaxedSupport && node && !disabled) {
    try {
      const v8 = await import('node:v8');
      v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
      relaxedSupport = WebAssembly.validate(probe);
      relaxedNeedsFlag = relaxedSupport;
    } catch {
      relaxedSupport = false;
    }
  }
  return relaxedSupport;
}

/** Whether a worker must set --experimental-wasm-relaxed-simd before compiling relaxed modules. */
export const relaxedSimdNeedsFlag = (): boolean => relaxedNeedsFlag;

/** Module bytes, with the memory import switched to shared when `shared`. */
export function moduleBytes(src: WasmModuleSource, shared: boolean): Uint8Array {
  const bytes = base64ToBytes(src.base64);
  if (shared) bytes[src.memoryFlagsOffset] = 0x03;
  return bytes;
}

function base64ToBytes(b64: string): Uint8Array {
  if (typeof Buffer !== 'undefined') return new Uint8Array(Buffer.from(b64, 'base64'));
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

interface ResidentEntry { ptr: number; bytes: number; epoch: number }

/** A free range of the heap. */
interface Range { ptr: number; bytes: number }

/** Every heap block keeps this much slack after its bytes: kernels read (and some write) whole vectors past an end. */
const SLACK = 64;

/** `n` rounded up to a multiple of 64 (arithmetic, not `& ~63`: offsets pass 2³¹ in a memory over 2 GiB). */
function align64(n: number): number {
  return Math.ceil(n / 64) * 64;
}

/** One memory, its modules, its heap and scratch, and the arena it lends to buffer pools. */
export class WasmRuntime implements StorageArena {
  readonly memory: WebAssembly.Memory;
  readonly gemm: GemmExports;
  readonly im2col: Im2colExports;
  /** The depthwise 3×3 modules by stride (plain or relaxed SIMD), and their variant names. */
  readonly dw: Record<1 | 2, DwconvExports>;
  readonly dwVariants: Record<1 | 2, string>;
  readonly wino2: WinogradExports;
  readonly ew: ElementwiseExports;
  readonly pool: MaxPoolExports;
  readonly resize: ResizeExports;
  readonly attn: AttentionExports;
  readonly ln: LayerNormExports;
  readonly gelu: GeluExports;
  readonly lstm: LstmExports;
  readonly gru: GruExports;
  /** The LSTM/GRU module variants in use. */
  readonly recurrentVariants: { lstm: string; gru: string };
  /** The GEMM variant in use and its tile. */
  readonly gemmVariant: string;
  readonly mr: number;
  readonly nr: number;
  /** Module bytes per variant as instantiated here (workers instantiate the same). */
  readonly sources: Record<string, Uint8Array> = {};
  private f32View: Float32Array;
  /**
   * The memory's size in bytes, kept beside the view: `ensure` runs on every scratch allocation,
   * and a shared memory's view answers `byteLength` in ~30 ns (1e7 reads, 16:25 UTC).
   */
  private capacity: number;
  /** End of the heap; scratch starts here. */
  private heapTop = RESERVED;
  /** Free heap ranges, by address, never adjacent (coalesced). */
  private readonly freeRanges: Range[] = [];
  /** Byte size of every heap block in use, by pointer (slack included). */
  private readonly heapBlocks = new Map<number, number>();
  /** Scratch that a heap block skipped over (see `heapAlloc`): free once the call's scratch resets. */
  private skipped: Range[] = [];
  private top = RESERVED;
  private epoch = 0;
  private readonly resident = new WeakMap<object, Map<string, ResidentEntry>>();
  /** Heap blocks of the current epoch's resident weights, and their bytes. */
  private residentBlocks: number[] = [];
  private residentBytes = 0;
  /** Blocks lent to buffer pools, by pointer. */
  private readonly lentBlocks = new Map<number, ArenaBlock>();
  /** Every buffer object the memory has had (a shared memory gets a new one each time it grows). */
  private readonly buffers = new WeakSet<ArrayBufferLike>();
  /**
   * Frees a resident block once its owner (a weight tensor of some session's graph) is garbage:
   * without it, the packed weights of released sessions stayed until RESIDENT_BUDGET.
   */
  private readonly residentOwners = typeof FinalizationRegistry === 'undefined' ? undefined
    : new FinalizationRegistry<ResidentEntry>((entry) => this.dropResident(entry));

  constructor(readonly shared: boolean, readonly relaxed: boolean) {
    this.memory = new WebAssembly.Memory({ initial: 256, maximum: 65536, ...(shared ? { shared: true } : {}) } as WebAssembly.MemoryDescriptor);
    this.f32View = new Float32Array(this.memory.buffer);
    this.capacity = this.f32View.byteLength;
    this.buffers.add(this.memory.buffer);
    this.gemmVariant = forIsa(GEMM_VARIANTS, relaxed);
    const g = WASM_MODULES[this.gemmVariant];
    this.mr = g.params.mr;
    this.nr = g.params.nr;
    this.gemm = this.instantiate(this.gemmVariant) as unknown as GemmExports;
    this.im2col = this.instantiate('im2col-f32-2d-wasmsimd') as unknown as Im2colExports;
    this.dwVariants = forIsa(DWCONV_VARIANTS, relaxed);
    this.dw = {
      1: this.instantiate(this.dwVariants[1]) as unknown as DwconvExports,
      2: this.instantiate(this.dwVariants[2]) as unknown as DwconvExports,
    };
    this.wino2 = this.instantiate('winograd-f32-2x2-wasmsimd') as unknown as WinogradExports;
    this.ew = this.instantiate('elementwise-f32-x4-wasmsimd') as unknown as ElementwiseExports;
    this.pool = this.instantiate('maxpool-f32-2d-wasmsimd') as unknown as MaxPoolExports;
    this.resize = this.instantiate('resize-f32-linear2d-wasmsimd') as unknown as ResizeExports;
    this.attn = this.instantiate('attention-f32-x4-wasmsimd') as unknown as AttentionExports;
    this.ln = this.instantiate('layernorm-f32-x4-wasmsimd') as unknown as LayerNormExports;
    this.gelu = this.instantiate('gelu-f32-x4-wasmsimd') as unknown as GeluExports;
    this.recurrentVariants = forIsa(RECURRENT_VARIANTS, relaxed);
    this.lstm = this.instantiate(this.recurrentVariants.lstm) as unknown as LstmExports;
    this.gru = this.instantiate(this.recurrentVariants.gru) as unknown as GruExports;
  }

  private instantiate(variant: string): WebAssembly.Exports {
    const src = WASM_MODULES[variant];
    if (!src) throw new Error(`wasm provider: no generated module '${variant}'`);
    const bytes = moduleBytes(src, this.shared);
    this.sources[variant] = bytes;
    return new WebAssembly.Instance(new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>), { env: { memory: this.memory } }).exports;
  }

  /**
   * A Float32Array over the whole memory. Only this thread grows the memory (in `ensure`), which
   * renews the view, so no check is needed here: reading `memory.buffer` costs ~0.2 µs, and the
   * earlier check read it twice per access (0.5 µs, several times per LSTM step).
   */
  get f32(): Float32Array {
    return this.f32View;
  }

  /**
   * Intra-op threads the running kernel call's session allows (its intraOpNumThreads). The thread
   * pool is shared by every session of the process, so a session created with 1 thread must not
   * split its kernels just because another session started workers. Set by `kernelCall`.
   */
  threadLimit = 1;

  /**
   * One kernel call: `fn` runs with its session's thread limit, and the scratch it allocated is
   * freed when it returns or throws. Kernels are synchronous (threads.ts joins its workers before
   * returning), so no other call can use the arena meanwhile: JavaScript runs one at a time.
   */
  kernelCall<T>(ctx: { intraOpNumThreads?: number }, fn: () => T): T {
    this.threadLimit = ctx.intraOpNumThreads ?? 1;
    try {
      return fn();
    } finally {
      this.resetScratch();
    }
  }

  private ensure(end: number): void {
    if (end <= this.capacity) return;
    const have = this.capacity;
    const pages = Math.ceil((end - have) / PAGE);
    // Grow by at least a quarter, so that slowly rising needs do not grow page by page.
    this.memory.grow(Math.max(pages, Math.ceil(have / PAGE / 4)));
    this.f32View = new Float32Array(this.memory.buffer);
    this.capacity = this.f32View.byteLength;
    this.buffers.add(this.memory.buffer);
  }

  /** Scratch: `bytes` (plus 64 bytes of slack for vector reads past the end), 64-byte aligned. */
  alloc(bytes: number): number {
    const ptr = align64(this.top);
    this.top = ptr + bytes + SLACK;
    this.ensure(this.top);
    return ptr;
  }

  /** Frees all scratch. */
  resetScratch(): void {
    this.top = this.heapTop;
    if (this.skipped.length) {
      for (const r of this.skipped) this.heapFree(r.ptr, r.bytes);
      this.skipped = [];
    }
  }

  /** `data`'s byte offset when it is a view of this memory (a lent block): a kernel reads it in place. */
  viewPtr(data: TypedArray): number | undefined {
    return this.buffers.has(data.buffer) ? data.byteOffset : undefined;
  }

  /** A pointer to `data` for a kernel to read: where it is, when it already lies in this memory, else a scratch copy. */
  copyIn(data: Float32Array): number {
    const inPlace = this.viewPtr(data);
    if (inPlace !== undefined) return inPlace;
    const ptr = this.alloc(data.length * 4);
    this.f32.set(data, ptr >> 2);
    return ptr;
  }

  /**
   * A heap block of `bytes` (plus slack), 64-byte aligned: the first free range that fits, else
   * the top of the heap. While scratch is in use the top is above the scratch, and the scratch
   * skipped over joins the free list when it resets.
   */
  private heapAlloc(bytes: number): number {
    const need = align64(bytes + SLACK);
    const { freeRanges } = this;
    for (let i = 0; i < freeRanges.length; i++) {
      const r = freeRanges[i];
      if (r.bytes < need) continue;
      const ptr = r.ptr;
      if (r.bytes === need) freeRanges.splice(i, 1);
      else { r.ptr += need; r.bytes -= need; }
      this.heapBlocks.set(ptr, need);
      return ptr;
    }
    const ptr = this.top > this.heapTop ? align64(this.top) : this.heapTop;
    // Grow first: a memory that cannot grow (RangeError) leaves the heap as it was.
    this.ensure(ptr + need);
    if (ptr > this.heapTop) this.skipped.push({ ptr: this.heapTop, bytes: ptr - this.heapTop });
    this.heapTop = ptr + need;
    this.top = Math.max(this.top, this.heapTop);
    this.heapBlocks.set(ptr, need);
    return ptr;
  }

  /** Returns heap block `ptr` (or a skipped scratch range of `bytes`) to the free list. */
  private heapFree(ptr: number, bytes = this.heapBlocks.get(ptr)): void {
    if (bytes === undefined) throw new Error(`wasm heap: no block at ${ptr}`);
    this.heapBlocks.delete(ptr);
    const { freeRanges } = this;
    let i = 0;
    while (i < freeRanges.length && freeRanges[i].ptr < ptr) i++;
    freeRanges.splice(i, 0, { ptr, bytes });
    // Coalesce with the next range, then with the previous one.
    const next = freeRanges[i + 1];
    if (next && ptr + bytes === next.ptr) { freeRanges[i].bytes += next.bytes; freeRanges.splice(i + 1, 1); }
    const prev = freeRanges[i - 1];
    if (prev && prev.ptr + prev.bytes === ptr) { prev.bytes += freeRanges[i].bytes; freeRanges.splice(i, 1); i--; }
    // A free range at the top of the heap lowers the top (when no scratch lies above it).
    const last = freeRanges[freeRanges.length - 1];
    if (last && last.ptr + last.bytes === this.heapTop && this.top === this.heapTop && this.skipped.length === 0) {
      freeRanges.pop();
      this.heapTop = this.top = last.ptr;
    }
  }

  /** Heap bytes in use, free, and lent to buffer pools (tests: blocks given back are reused). */
  get heapStats(): { top: number; used: number; free: number; lent: number } {
    let used = 0, free = 0, lent = 0;
    for (const b of this.heapBlocks.values()) used += b;
    for (const r of this.freeRanges) free += r.bytes;
    for (const b of this.lentBlocks.values()) lent += b.bytes;
    return { top: this.heapTop, used, free, lent };
  }

  // StorageArena: blocks for the sessions' buffer pools.

  lend(bytes: number): ArenaBlock | undefined {
    if (!this.shared) return undefined;
    let ptr: number;
    try {
      ptr = this.heapAlloc(bytes);
    } catch (e) {
      // The memory is at its maximum (4 GiB) or the engine refused to grow it: host storage instead.
      if (e instanceof RangeError) return undefined;
      throw e;
    }
    const block = { ptr, bytes };
    this.lentBlocks.set(block.ptr, block);
    return block;
  }

  reclaim(block: ArenaBlock): void {
    if (this.lentBlocks.get(block.ptr) !== block) return;
    this.lentBlocks.delete(block.ptr);
    this.heapFree(block.ptr);
  }

  blockOf(data: TypedArray): ArenaBlock | undefined {
    const ptr = this.viewPtr(data);
    if (ptr === undefined) return undefined;
    const end = ptr + data.byteLength;
    const exact = this.lentBlocks.get(ptr);
    if (exact && end <= exact.ptr + exact.bytes) return exact;
    // A view into the middle of a block (a slice of it).
    for (const b of this.lentBlocks.values()) if (b.ptr <= ptr && end <= b.ptr + b.bytes) return b;
    return undefined;
  }

  view(block: ArenaBlock, ctor: TypedArrayConstructor, entries: number): TypedArray {
    return new ctor(this.memory.buffer, block.ptr, entries);
  }

  /** Whether any live resident block belongs to `owner` (tests: was a weight packed ahead of a run?). */
  hasResident(owner: object): boolean {
    const byKey = this.resident.get(owner);
    return !!byKey && [...byKey.values()].some((e) => e.epoch === this.epoch);
  }

  /**
   * The resident block for (`owner`, `key`) if it is filled and current, else 0: lets a kernel skip
   * building its `fill` closure on every call (the LSTM/GRU kernels build three per call).
   */
  residentHit(owner: object, key: string): number {
    const hit = this.resident.get(owner)?.get(key);
    return hit && hit.epoch === this.epoch ? hit.ptr : 0;
  }

  /** A resident block for (`owner`, `key`), filled by `fill(ptr)` on first use (it may use scratch). */
  residentFor(owner: object, key: string, bytes: number, fill: (ptr: number) => void): number {
    let byKey = this.resident.get(owner);
    const hit = byKey?.get(key);
    if (hit && hit.epoch === this.epoch) return hit.ptr;
    if (this.residentBytes + bytes > RESIDENT_BUDGET && this.residentBlocks.length) {
      // Over the budget: drop every resident block (the ones still needed refill on demand).
      for (const p of this.residentBlocks) this.heapFree(p);
      this.residentBlocks = [];
      this.residentBytes = 0;
      this.epoch++;
    }
    const ptr = this.heapAlloc(bytes);
    this.residentBlocks.push(ptr);
    this.residentBytes += bytes;
    // The fill may stage through scratch above everything; that scratch ends with it.
    const saved = this.top;
    fill(ptr);
    this.top = saved;
    if (!byKey) { byKey = new Map(); this.resident.set(owner, byKey); }
    const entry = { ptr, bytes, epoch: this.epoch };
    byKey.set(key, entry);
    this.residentOwners?.register(owner, entry);
    return ptr;
  }

  /**
   * A block filled by `fill(ptr)`: for a `constant` owner (an initializer) the resident block for
   * (`owner`, `key`), made once; otherwise scratch of the current kernel call, filled every call.
   */
  filled(owner: object, key: string, bytes: number, fill: (ptr: number) => void, constant: boolean): number {
    if (constant) return this.residentFor(owner, key, bytes, fill);
    const ptr = this.alloc(bytes);
    fill(ptr);
    return ptr;
  }

  /**
   * A resident block whose owner was collected goes back to the heap. Finalizers run as tasks of
   * their own, never inside a (synchronous) kernel call; a block of an earlier epoch was freed
   * with that epoch.
   */
  private dropResident(entry: ResidentEntry): void {
    if (entry.epoch !== this.epoch) return;
    const i = this.residentBlocks.indexOf(entry.ptr);
    if (i < 0) return;
    this.residentBlocks.splice(i, 1);
    this.residentBytes -= entry.bytes;
    this.heapFree(entry.ptr);
  }

  /** A scratch or resident pointer for a constant tensor: resident when it is an initializer. */
  tensorPtr(t: Tensor, constant: boolean): number {
    const data = t.data as Float32Array;
    if (!constant) return this.copyIn(data);
    return this.residentHit(t, 'raw') || this.residentFor(t, 'raw', data.length * 4, (ptr) => this.f32.set(data, ptr >> 2));
  }
}

let runtime: WasmRuntime | undefined;
/**
 * Shared memory whenever the engine allows it, threads or not: only a shared memory can lend
 * blocks to the buffer pools (see the header). ONNX_TS_WASM_SHARED=0 (Node) keeps a single-thread
 * runtime unshared, to compare against copying every kernel's inputs and outputs.
 */
let wantShared = canShareMemory() && !(typeof process !== 'undefined' && process.env?.ONNX_TS_WASM_SHARED === '0');
/** Whether a session asked for intra-op threads (then a shared memory is required, not preferred). */
let threadsAsked = false;

function canShareMemory(): boolean {
  if (typeof SharedArrayBuffer === 'undefined') return false;
  const node = typeof process !== 'undefined' && !!process.versions?.node;
  return node || (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
}

/** The runtime, created on first use; recreated with shared memory when threads are first asked for. */
export async function getRuntime(): Promise<WasmRuntime> {
  if (!runtime || (wantShared && !runtime.shared)) {
    const relaxed = await detectRelaxedSimd();
    try {
      runtime = new WasmRuntime(wantShared, relaxed);
    } catch (e) {
      // A shared memory reserves its 4 GiB maximum up front, which a small address space may
      // refuse. Threads need it (requireSharedMemory: the error stands); single-threaded sessions
      // only lose the lent blocks.
      if (!wantShared || threadsAsked || !(e instanceof RangeError)) throw e;
      wantShared = false;
      runtime = new WasmRuntime(false, relaxed);
    }
  }
  return runtime;
}

/** The runtime if already created (kernels run only after the provider's init). */
export function currentRuntime(): WasmRuntime {
  if (!runtime) throw new Error('wasm provider used before init()');
  return runtime;
}

/** The runtime if it has started, else undefined (for names shown before the first run). */
export function runtimeIfStarted(): WasmRuntime | undefined {
  return runtime;
}

/** Asks for shared memory (threads); takes effect at the next getRuntime(). */
export function requireSharedMemory(): void {
  wantShared = true;
  threadsAsked = true;
}

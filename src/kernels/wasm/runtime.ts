/**
 * The wasm provider's runtime: one WebAssembly.Memory shared by every generated module (and, with
 * threads, by the worker copies of them), a two-part arena over it, and the instantiated modules.
 *
 * Arena: memory is [reserved | resident … | scratch …]. Resident blocks hold packed constant
 * weights and live across runs (keyed by the weight tensor, so repacking happens once per session);
 * when they pass RESIDENT_BUDGET the whole resident part is dropped and refilled on demand.
 * Scratch is a bump region above them, reset after every kernel call (`kernelCall`). Kernels are
 * synchronous, so they never overlap on the arena.
 */
import type { Tensor } from '../../ir/tensor.js';
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
    } catch {
      relaxedSupport = false;
    }
  }
  return relaxedSupport;
}

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

interface ResidentEntry { ptr: number; epoch: number }

/** One memory, its modules and its arena. */
export class WasmRuntime {
  readonly memory: WebAssembly.Memory;
  readonly gemm: GemmExports;
  readonly im2col: Im2colExports;
  /** The depthwise 3×3 modules by stride (plain or relaxed SIMD), and their variant names. */
  readonly dw: Record<1 | 2, DwconvExports>;
  readonly dwVariants: Record<1 | 2, string>;
  readonly wino2: WinogradExports;
  readonly ew: ElementwiseExports;
  readonly pool: MaxPoolExports;
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
  private residentTop = RESERVED;
  private top = RESERVED;
  private epoch = 0;
  private readonly resident = new WeakMap<object, Map<string, ResidentEntry>>();

  constructor(readonly shared: boolean, readonly relaxed: boolean) {
    this.memory = new WebAssembly.Memory({ initial: 256, maximum: 65536, ...(shared ? { shared: true } : {}) } as WebAssembly.MemoryDescriptor);
    this.f32View = new Float32Array(this.memory.buffer);
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
    const have = this.f32View.byteLength;
    if (end <= have) return;
    const pages = Math.ceil((end - have) / PAGE);
    // Grow by at least a quarter, so that slowly rising needs do not grow page by page.
    this.memory.grow(Math.max(pages, Math.ceil(have / PAGE / 4)));
    this.f32View = new Float32Array(this.memory.buffer);
  }

  /** Scratch: `bytes` (plus 64 bytes of slack for vector reads past the end), 64-byte aligned. */
  alloc(bytes: number): number {
    const ptr = (this.top + 63) & ~63;
    this.top = ptr + bytes + 64;
    this.ensure(this.top);
    return ptr;
  }

  /** Frees all scratch. */
  resetScratch(): void {
    this.top = this.residentTop;
  }

  /** Scratch copy of `data`. */
  copyIn(data: Float32Array): number {
    const ptr = this.alloc(data.length * 4);
    this.f32.set(data, ptr >> 2);
    return ptr;
  }


  /**
   * The resident block for (`owner`, `key`) if it is filled and current, else 0: lets a kernel skip
   * building its `fill` closure on every call (the LSTM/GRU kernels build three per call).
   */
  /** Whether any live resident block belongs to `owner` (tests: was a weight packed ahead of a run?). */
  hasResident(owner: object): boolean {
    const byKey = this.resident.get(owner);
    return !!byKey && [...byKey.values()].some((e) => e.epoch === this.epoch);
  }

  residentHit(owner: object, key: string): number {
    const hit = this.resident.get(owner)?.get(key);
    return hit && hit.epoch === this.epoch ? hit.ptr : 0;
  }

  /**
   * A resident block for (`owner`, `key`), filled by `fill(ptr)` on first use. Call before any
   * scratch allocation of the same kernel call (a refill may move the scratch region).
   */
  residentFor(owner: object, key: string, bytes: number, fill: (ptr: number) => void): number {
    let byKey = this.resident.get(owner);
    const hit = byKey?.get(key);
    if (hit && hit.epoch === this.epoch) return hit.ptr;
    if (this.top > this.residentTop) {
      // Scratch is in use by this call: a resident block would overlap it, so use scratch (uncached).
      const p = this.alloc(bytes);
      fill(p);
      return p;
    }
    if (this.residentTop + bytes > RESIDENT_BUDGET && this.residentTop > RESERVED) {
      this.epoch++;
      this.residentTop = RESERVED;
    }
    const ptr = (this.residentTop + 63) & ~63;
    this.residentTop = ptr + bytes + 64;
    this.top = Math.max(this.top, this.residentTop);
    this.ensure(this.residentTop);
    // Fill with scratch above the block available for staging.
    const saved = this.top;
    this.top = this.residentTop;
    fill(ptr);
    this.top = saved;
    if (!byKey) { byKey = new Map(); this.resident.set(owner, byKey); }
    byKey.set(key, { ptr, epoch: this.epoch });
    return ptr;
  }

  /** A scratch or resident pointer for a constant tensor: resident when it is an initializer. */
  tensorPtr(t: Tensor, constant: boolean): number {
    const data = t.data as Float32Array;
    if (!constant) return this.copyIn(data);
    return this.residentFor(t, 'raw', data.length * 4, (ptr) => this.f32.set(data, ptr >> 2));
  }
}

let runtime: WasmRuntime | undefined;
let wantShared = false;

/** The runtime, created on first use; recreated with shared memory when threads are first asked for. */
export async function getRuntime(): Promise<WasmRuntime> {
  if (!runtime || (wantShared && !runtime.shared)) {
    const relaxed = await detectRelaxedSimd();
    runtime = new WasmRuntime(wantShared, relaxed);
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
}

/**
 * The JS side of the GEMM: packing calls, the epilogue codes, and the split of one GEMM across the
 * intra-op threads (by ranges of NR-column panels of B, so that no two threads write the same
 * part of C).
 */
import { THRESHOLDS } from './selection.js';
import { threadPool } from './threads.js';
import type { WasmRuntime } from './runtime.js';

/** Epilogue activation codes of the gemm template (codegen/wasm/templates/gemm.ts). */
export const ACT = { none: 0, relu: 1, clip: 2 } as const;
/** Bias modes: none, one per row of C, one per column of C. */
export const BIAS = { none: 0, row: 1, col: 2 } as const;

/** One C = act(C·accumulate + A·B + bias) call; pointers are byte offsets into the runtime's memory. */
export interface GemmCall {
  /** Packed A (packA). */
  a: number;
  b: number;
  /** Bytes between consecutive k rows of B, and between NR-column panels. */
  bRow: number;
  bPanel: number;
  c: number;
  ldc: number;
  M: number;
  N: number;
  K: number;
  bias: number;
  biasMode: number;
  accumulate: number;
  act: number;
  lo: number;
  hi: number;
}

/** Bytes of A packed for the runtime's GEMM. */
export function packedABytes(rt: WasmRuntime, M: number, K: number): number {
  return Math.ceil(M / rt.mr) * rt.mr * K * 4;
}

/** Bytes of B packed for the runtime's GEMM. */
export function packedBBytes(rt: WasmRuntime, K: number, N: number): number {
  return Math.ceil(N / rt.nr) * rt.nr * K * 4;
}

/** B strides for a packed B. */
export function packedBStrides(rt: WasmRuntime, K: number): { bRow: number; bPanel: number } {
  return { bRow: rt.nr * 4, bPanel: K * rt.nr * 4 };
}

/** B strides for a plain row-major [K, ld] matrix (needs NR floats of slack at its end). */
export function plainBStrides(rt: WasmRuntime, ld: number): { bRow: number; bPanel: number } {
  return { bRow: ld * 4, bPanel: rt.nr * 4 };
}

/**
 * Runs one GEMM, on the intra-op threads when it is big enough. Returns a promise only when
 * workers take part (callers `await` only then: an await of undefined still yields to the event
 * loop, 40 times per LSTM direction); otherwise C is complete on return.
 */
export function runGemm(rt: WasmRuntime, g: GemmCall): Promise<void> | undefined {
  if (g.M === 0 || g.N === 0) return undefined;
  const panels = Math.ceil(g.N / rt.nr);
  const pool = threadPool();
  const macs = g.M * g.N * g.K;
  const threads = pool ? Math.min(pool.threads, panels, Math.max(1, Math.floor(macs / THRESHOLDS.minMacsPerThread))) : 1;
  const args = (p0: number, p1: number, scratch: number) => [g.a, g.b, g.bRow, g.bPanel, g.c, g.ldc, g.M, g.N, g.K, p0, p1,
    g.bias, g.biasMode, g.accumulate, g.act, g.lo, g.hi, scratch];
  if (threads <= 1) {
    const scratch = rt.alloc(rt.mr * rt.nr * 4);
    rt.gemm.gemm(...(args(0, panels, scratch) as Parameters<typeof rt.gemm.gemm>));
    return undefined;
  }
  // Dynamic split: every thread (this one included) takes chunks of panels from a shared counter,
  // so a thread slowed by other load on the machine does not hold the others up (a static halving
  // ran 2 threads at 0.89× of one on the shared dev box, 06:58 UTC, while another process held a core).
  const chunk = Math.max(1, Math.floor(panels / (threads * THRESHOLDS.chunksPerThread)));
  const counter = rt.alloc(4);
  const ctr = new Int32Array(rt.memory.buffer, counter, 1);
  Atomics.store(ctr, 0, 0);
  const jobs: Promise<void>[] = [];
  for (let t = 1; t < threads; t++) {
    jobs.push(pool!.run(t - 1, rt.gemmVariant, 'gemm', args(0, 0, rt.alloc(rt.mr * rt.nr * 4)), { counter, chunk, total: panels, at: 9 }));
  }
  const scratch = rt.alloc(rt.mr * rt.nr * 4);
  for (;;) {
    const p0 = Atomics.add(ctr, 0, chunk);
    if (p0 >= panels) break;
    rt.gemm.gemm(...(args(p0, Math.min(panels, p0 + chunk), scratch) as Parameters<typeof rt.gemm.gemm>));
  }
  return Promise.all(jobs).then(() => undefined);
}

/**
 * erf by Abramowitz & Stegun 7.1.26 (|error| ≤ 1.5·10⁻⁷, below float32's resolution of Gelu's
 * output). The spec's series erf (src/ir/ops/math/unary.ts) is exact to double precision but sums
 * up to ~100 terms: tinybert's fused MatMul+Gelu [16,512] took 0.96 ms with it, most of it in erf
 * (07:14 UTC profile).
 */
function fastErf(x: number): number {
  const ax = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * ax);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const r = 1 - poly * Math.exp(-ax * ax);
  return x < 0 ? -r : r;
}

/** Epilogue parameters of a fused activation; `post` runs on the host for those the template lacks. */
export interface Epilogue {
  act: number;
  lo: number;
  hi: number;
  post?: (y: Float32Array) => void;
}

/** Activations the fused wasm kernels accept (the others fall back to the reference). */
export const WASM_ACTIVATIONS = new Set(['', 'Relu', 'Clip', 'Sigmoid', 'Tanh', 'LeakyRelu', 'HardSigmoid', 'SiLU', 'Gelu']);

/** The epilogue for a fused op's `activation` and `activation_params`. */
export function epilogueOf(activation: string, params: readonly number[]): Epilogue {
  const none = { act: ACT.none, lo: 0, hi: 0 };
  switch (activation) {
    case '': return none;
    case 'Relu': return { act: ACT.relu, lo: 0, hi: 0 };
    case 'Clip': {
      // A missing or non-finite bound is absent, and absent bounds are float32's limits (as Clip's spec).
      const bound = (v: number | undefined, absent: number) => (v === undefined || !Number.isFinite(v) ? absent : v);
      return { act: ACT.clip, lo: bound(params[0], -3.4028234663852886e38), hi: bound(params[1], 3.4028234663852886e38) };
    }
    case 'Sigmoid': return { ...none, post: (y) => { for (let i = 0; i < y.length; i++) y[i] = 1 / (1 + Math.exp(-y[i])); } };
    case 'Tanh': return { ...none, post: (y) => { for (let i = 0; i < y.length; i++) y[i] = Math.tanh(y[i]); } };
    case 'SiLU': return { ...none, post: (y) => { for (let i = 0; i < y.length; i++) y[i] = y[i] / (1 + Math.exp(-y[i])); } };
    case 'Gelu': return { ...none, post: (y) => { for (let i = 0; i < y.length; i++) y[i] = 0.5 * y[i] * (1 + fastErf(y[i] * Math.SQRT1_2)); } };
    case 'LeakyRelu': {
      const alpha = params[0] ?? 0.01;
      return { ...none, post: (y) => { for (let i = 0; i < y.length; i++) if (y[i] < 0) y[i] *= alpha; } };
    }
    case 'HardSigmoid': {
      const alpha = params[0] ?? 0.2, beta = params[1] ?? 0.5;
      return { ...none, post: (y) => { for (let i = 0; i < y.length; i++) y[i] = Math.max(0, Math.min(1, alpha * y[i] + beta)); } };
    }
    default: throw new Error(`wasm: activation '${activation}' is not supported`);
  }
}

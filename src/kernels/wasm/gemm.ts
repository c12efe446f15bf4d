/**
 * The JS side of the GEMM: packing calls, the epilogue codes, and the split of one GEMM across the
 * intra-op threads (by ranges of NR-column panels of B, or of MR-row blocks of A when A is the
 * larger operand, so that no two threads write the same part of C).
 */
import { erf } from '../../ir/ops/math/unary.js';
import { gemmSplitByRows, splitChunk, THRESHOLDS } from './selection.js';
import { count, end, offset, perThread, splitCall, start, threadsFor } from './threads.js';
import type { Tensor } from '../../ir/tensor.js';
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

/**
 * A weight tensor's groups as the GEMM's packed A, one block of packedABytes(M, K) per group:
 * group g's [M, K] matrix starts g·M·K floats into W, element [i][k] at i·rs + k·cs (rs = K,
 * cs = 1 row-major; rs = 1, cs = M for the transpose of a [K, M] block). Resident under `key`
 * when `constant`, scratch otherwise (WasmRuntime.filled).
 */
export function packedGroupsA(rt: WasmRuntime, w: Tensor, group: number, M: number, K: number, rs: number, cs: number,
  key: string, constant: boolean): number {
  const groupBytes = packedABytes(rt, M, K);
  return rt.filled(w, key, groupBytes * group, (dst) => {
    const raw = rt.copyIn(w.data as Float32Array);
    for (let g = 0; g < group; g++) rt.gemm.packA(raw + g * M * K * 4, rs, cs, M, K, dst + g * groupBytes, 1);
  }, constant);
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
 * Runs one GEMM, split across the intra-op threads when it is big enough (selection.ts). C is
 * complete on return (threads.ts joins its workers synchronously).
 */
export function runGemm(rt: WasmRuntime, g: GemmCall): void {
  if (g.M === 0 || g.N === 0) return;
  const panels = Math.ceil(g.N / rt.nr);
  const rowBlocks = Math.ceil(g.M / rt.mr);
  const byRows = gemmSplitByRows(g.M, g.N, g.K);
  const items = byRows ? rowBlocks : panels;
  const threads = Math.min(items, threadsFor(g.M * g.N * g.K, THRESHOLDS.minMacsPerThread));
  if (threads <= 1) {
    // The common small case (LSTM steps call this 40 times per direction): no argument specs.
    rt.gemm.gemm(g.a, g.b, g.bRow, g.bPanel, g.c, g.ldc, g.M, g.N, g.K, 0, panels, g.bias, g.biasMode, g.accumulate, g.act, g.lo, g.hi,
      rt.alloc(rt.mr * rt.nr * 4));
    return;
  }
  // Dynamic split: threads take chunks from a shared counter, so a thread slowed by other load on
  // the machine does not hold the others up (a static halving ran 2 threads at 0.89× of one on the
  // shared dev box, 06:58 UTC, while another process held a core).
  const chunk = splitChunk(items, threads);
  const scratchBytes = (rt.mr * rt.nr * 4 + 63) & ~63;
  const scratch = perThread(rt.alloc(scratchBytes * threads), scratchBytes);
  const tail = [g.biasMode, g.accumulate, g.act, g.lo, g.hi, scratch];
  const direct = rt.gemm.gemm as unknown as (...args: number[]) => void;
  if (byRows) {
    // Blocks of MR rows: the packed A panel, C's rows and a per-row bias move with the block.
    const bias = g.biasMode === BIAS.row ? offset(g.bias, rt.mr * 4) : g.bias;
    splitCall(`${rt.gemmVariant}:gemm`, rowBlocks, chunk, threads, [offset(g.a, rt.mr * g.K * 4), g.b, g.bRow, g.bPanel,
      offset(g.c, rt.mr * g.ldc * 4), g.ldc, count(rt.mr, g.M), g.N, g.K, 0, panels, bias, ...tail], direct);
  } else {
    splitCall(`${rt.gemmVariant}:gemm`, panels, chunk, threads, [g.a, g.b, g.bRow, g.bPanel, g.c, g.ldc, g.M, g.N, g.K,
      start(), end(1, panels), g.bias, ...tail], direct);
  }
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
    case 'Gelu': return { ...none, post: (y) => { for (let i = 0; i < y.length; i++) y[i] = 0.5 * y[i] * (1 + erf(y[i] * Math.SQRT1_2)); } };
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

const epilogues = new WeakMap<object, Epilogue>();

/** The node's epilogue, made once per attribute object (the executor keeps one per node). */
export function epilogueFor(attrs: Readonly<Record<string, unknown>>): Epilogue {
  let ep = epilogues.get(attrs);
  if (!ep) {
    ep = epilogueOf((attrs.activation as string | undefined) ?? '', (attrs.activation_params as number[] | undefined) ?? []);
    epilogues.set(attrs, ep);
  }
  return ep;
}

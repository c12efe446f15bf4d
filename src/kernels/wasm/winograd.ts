/**
 * Winograd F(2×2, 3×3) for Conv/FusedConv on the wasm kernels (the route is selection.ts's
 * winogradRoute). The filters' transform U = G·g·Gᵀ runs here once per filter and is packed as 16
 * GEMM A operands [M, C], one per transform position ξ (resident for an initializer). Per image:
 * the input transform (winograd-f32-2x2-wasmsimd:input, split by channels), 16 GEMMs
 * m_ξ = U_ξ·V_ξ of [M, C]·[C, T] (split by positions), and the output transform with the bias and
 * Relu/Clip (split by output channels). Every step is float32, as the im2col route's GEMM is; the
 * transforms only add and subtract (and halve, in G), so the sums keep about the same error.
 */
import type { Tensor } from '../../ir/tensor.js';
import { ACT, BIAS, type Epilogue, packedABytes, plainBStrides } from './gemm.js';
import type { WasmRuntime } from './runtime.js';
import { splitChunk, THRESHOLDS } from './selection.js';
import { count, offset, perThread, splitCall, threadsFor } from './threads.js';

/** G of F(2×2, 3×3): U = G·g·Gᵀ turns a 3×3 filter into a 4×4 one. */
const G = [[1, 0, 0], [0.5, 0.5, 0.5], [0.5, -0.5, 0.5], [0, 0, 1]];

/** The 16 transformed filter blocks [M, C], position ξ = 4·i + j at ξ·M·C (float64 math, float32 result). */
export function transformFilters(w: Float32Array, M: number, C: number): Float32Array {
  const u = new Float32Array(16 * M * C);
  const gg = new Float64Array(12);
  for (let m = 0; m < M; m++) {
    for (let c = 0; c < C; c++) {
      const g = (m * C + c) * 9;
      // G·g (4×3), then ·Gᵀ (4×4).
      for (let i = 0; i < 4; i++) for (let k = 0; k < 3; k++) gg[i * 3 + k] = G[i][0] * w[g + k] + G[i][1] * w[g + 3 + k] + G[i][2] * w[g + 6 + k];
      for (let i = 0; i < 4; i++) {
        for (let j = 0; j < 4; j++) u[(i * 4 + j) * M * C + m * C + c] = gg[i * 3] * G[j][0] + gg[i * 3 + 1] * G[j][1] + gg[i * 3 + 2] * G[j][2];
      }
    }
  }
  return u;
}

/** The 16 packed U blocks: resident (made once per session) for an initializer, scratch otherwise. */
export function winogradFilters(rt: WasmRuntime, w: Tensor, constant: boolean): number {
  const M = w.dims[0], C = w.dims[1];
  const blockBytes = packedABytes(rt, M, C);
  return rt.filled(w, `winograd2A:${rt.gemmVariant}`, 16 * blockBytes, (dst) => {
    const src = rt.copyIn(transformFilters(w.data as Float32Array, M, C));
    for (let xi = 0; xi < 16; xi++) rt.gemm.packA(src + xi * M * C * 4, C, 1, M, C, dst + xi * blockBytes, 1);
  }, constant);
}

/** One 3×3 stride-1 conv of `N` images at `xp` into `y` (wasm pointers), filters from winogradFilters. */
export function runWinograd(rt: WasmRuntime, xp: number, N: number, C: number, H: number, W: number, M: number, pt: number, pl: number,
  OH: number, OW: number, uPtr: number, biasPtr: number, ep: Epilogue, y: number): void {
  const TH = Math.ceil(OH / 2), TWp = Math.ceil(Math.ceil(OW / 2) / 4) * 4, T = TH * TWp;
  const blockBytes = packedABytes(rt, M, C);
  // Bytes from one position ξ's matrix to the next, one cache line more than the matrix: C·T·4 is
  // often a multiple of 4 KiB (64 channels of 28×28 tiles: 49 × 4 KiB), and then the input
  // transform's sixteen store streams all fall on one L1 set and evict each other. Skewed, resnet's
  // 64→64 3×3 on 56²: input transform 0.76 → 0.24 ms, the whole conv 3.9 → 3.4 ms (1 thread).
  const vXi = C * T * 4 + 64, mXi = M * T * 4 + 64;
  const V = rt.alloc(16 * vXi), Mm = rt.alloc(16 * mXi);
  // One zero-bordered plane per thread (the kernel only rewrites its interior).
  const inThreads = Math.min(C, threadsFor(16 * C * T, THRESHOLDS.minWinogradValuesPerThread));
  const padBytes = ((2 * TH + 2) * (2 * TWp + 2) * 4 + 63) & ~63;
  const pad = rt.alloc(padBytes * inThreads);
  rt.f32.fill(0, pad >> 2, (pad + padBytes * inThreads) >> 2);
  const outThreads = Math.min(M, threadsFor(16 * M * T, THRESHOLDS.minWinogradValuesPerThread));
  const gemmThreads = Math.min(16, threadsFor(16 * M * T * C, THRESHOLDS.minMacsPerThread));
  const scratchBytes = (rt.mr * rt.nr * 4 + 63) & ~63;
  const gemmScratch = rt.alloc(scratchBytes * Math.max(1, gemmThreads));
  const { bRow, bPanel } = plainBStrides(rt, T), panels = Math.ceil(T / rt.nr);
  // The split call's single-thread form: the sixteen products in turn.
  const allSixteen = () => {
    for (let xi = 0; xi < 16; xi++) {
      rt.gemm.gemm(uPtr + xi * blockBytes, V + xi * vXi, bRow, bPanel, Mm + xi * mXi, T, M, T, C, 0, panels, 0, BIAS.none, 0, ACT.none, 0, 0, gemmScratch);
    }
  };
  for (let n = 0; n < N; n++) {
    splitCall('winograd-f32-2x2-wasmsimd:input', C, splitChunk(C, inThreads), inThreads, [offset(xp + n * C * H * W * 4, H * W * 4),
      offset(V, T * 4), count(1, C), H, W, pt, pl, TH, TWp, vXi, perThread(pad, padBytes)], rt.wino2.input as unknown as (...args: number[]) => void);
    // Threads take whole GEMMs, one position ξ per claim: one split call instead of sixteen (each
    // split's hand-off cost about as much as a 64-channel 56×56 position's GEMM).
    splitCall(`${rt.gemmVariant}:gemm`, 16, 1, gemmThreads, [offset(uPtr, blockBytes), offset(V, vXi), bRow, bPanel, offset(Mm, mXi), T, M, T, C,
      0, panels, 0, BIAS.none, 0, ACT.none, 0, 0, perThread(gemmScratch, scratchBytes)], allSixteen);
    splitCall('winograd-f32-2x2-wasmsimd:output', M, splitChunk(M, outThreads), outThreads, [offset(Mm, T * 4), offset(biasPtr, 4),
      offset(y + n * M * OH * OW * 4, OH * OW * 4), count(1, M), TH, TWp, mXi, OH, OW, ep.act, ep.lo, ep.hi],
    rt.wino2.output as unknown as (...args: number[]) => void);
  }
}

/**
 * Kernel selection for the wasm provider: which generated variant runs which shape, in one table.
 * Each threshold cites the measurement that set it (bench/ unless said otherwise; machine: the
 * shared 2-vCPU AMD EPYC Zen 3 dev box, Node 20, one thread unless said).
 */

/** GEMM microkernel per ISA. */
export const GEMM_VARIANTS = {
  // 4x8 relaxed: 17.4 GFLOP/s on MatMul 1024³ vs 9.1 for 6x8 relaxed and 15.4 for 3x16 (scratch
  // bench of codegen/wasm/templates/gemm.ts, 06:18 UTC, load average 7 on 2 cores, so relative
  // only): V8 keeps 4x8's 8 accumulators + 2 B vectors + 1 A splat in the 16 xmm registers, while
  // 6x8 needs 15 and spills.
  relaxed: 'gemm-f32-4x8-wasmrelaxed',
  // Same reason; 13.5 (4x8) vs 8.2 GFLOP/s (6x8) in the same run.
  simd: 'gemm-f32-4x8-wasmsimd',
} as const;

/** The GEMM variant for this engine. */
export function chooseGemmVariant(relaxed: boolean): string {
  return relaxed ? GEMM_VARIANTS.relaxed : GEMM_VARIANTS.simd;
}

export const THRESHOLDS = {
  /**
   * Split a GEMM across threads only above this many multiply-adds per extra thread: a round trip
   * to a worker (postMessage both ways) costs about 0.1 ms, the time of ~2·10⁶ MACs at 20 GFLOP/s.
   */
  minMacsPerThread: 2_000_000,
  /**
   * Chunks of B panels per thread in the dynamic split (gemm.ts): 4 keeps the last chunk's
   * imbalance under a quarter of a thread's share while a chunk stays ≥ 16 panels (128 columns)
   * for MatMul 1024³, long enough to reuse each packed A block from L2.
   */
  chunksPerThread: 4,
} as const;

/**
 * Conv routes, first match wins (see conv.ts):
 * - depthwise 3×3 (group == C == M, dilation 1, stride 1 or 2 on both axes) → dwconv-f32-3x3s{1,2}:
 *   im2col + a 1-row GEMM per channel does 9 MACs per output with a panel pack each; the direct
 *   kernel reads the input once.
 * - 1×1, stride 1, no pads → the GEMM reads X in place (no im2col).
 * - otherwise → im2col-f32-2d then the GEMM.
 */
export function depthwiseRoute(group: number, C: number, M: number, kernel: readonly number[], strides: readonly number[],
  dilations: readonly number[]): 1 | 2 | undefined {
  if (group !== C || M !== C || kernel.length !== 2 || kernel[0] !== 3 || kernel[1] !== 3) return undefined;
  if (dilations.some((d) => d !== 1) || strides[0] !== strides[1]) return undefined;
  return strides[0] === 1 ? 1 : strides[0] === 2 ? 2 : undefined;
}

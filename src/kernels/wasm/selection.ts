/**
 * Kernel selection for the wasm provider: which generated variant runs which shape, in one table.
 * Each choice cites the measurement that set it (scratch sweeps of the templates and bench/run.ts;
 * machine: the shared 2-vCPU AMD EPYC Zen 3 dev box, Node 20, one thread unless said; the box was
 * loaded by other jobs, so CPU-time figures are the steadier ones).
 */

/** GEMM microkernel per ISA. */
export const GEMM_VARIANTS = {
  // 4x8 relaxed: MatMul 1024³ (packed, no copies) at 34–38 GFLOP/s of CPU time against 22 for 6x8,
  // 19.5 for 5x8 and 35–38 for 2x16 (interleaved runs, process.cpuUsage, 06:51 UTC on the loaded
  // dev box); 39–40 GFLOP/s wall-clock once the box was quieter (07:00 UTC). V8 keeps 4x8's 8
  // accumulators, 2 B vectors and the A splat in registers; 6x8 needs 15 of the 15 allocatable
  // xmm and spills. 2x16 ties on MatMul but ran Conv 3×3 64→64 56×56 at 27.2 vs 30.1 GFLOP/s.
  relaxed: 'gemm-f32-4x8-wasmrelaxed',
  // Without relaxed SIMD: 4x8 at 28 GFLOP/s (CPU time, same run) vs 6x8 at 8–9 (wall, 06:18 UTC).
  simd: 'gemm-f32-4x8-wasmsimd',
} as const;

/** The GEMM variant for this engine. */
export function chooseGemmVariant(relaxed: boolean): string {
  return relaxed ? GEMM_VARIANTS.relaxed : GEMM_VARIANTS.simd;
}

export const THRESHOLDS = {
  /**
   * Split a GEMM across threads only above this many multiply-adds per thread. A worker is woken by
   * postMessage (tens of µs there and back, more under load), and the work around the GEMMs
   * (im2col, copies, depthwise, pools) stays on one thread. bench/run.ts on the quiet box
   * (07:42–07:44 UTC), 2 threads vs 1: at 8·10⁶ resnet18 1.19×, mobilenet_v2 0.75×, squeezenet
   * 1.27×; at 32·10⁶ 1.40×, 0.94×, 1.09×; MatMul 1024³ 1.85× either way.
   */
  minMacsPerThread: 32_000_000,
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

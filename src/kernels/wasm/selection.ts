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

/** A variant table's entry for this engine: `relaxed` where it validates relaxed SIMD, else `simd`. */
export function forIsa<R, S>(table: { readonly relaxed: R; readonly simd: S }, relaxed: boolean): R | S {
  return relaxed ? table.relaxed : table.simd;
}

/**
 * When to split a kernel across the intra-op threads (threads.ts). A split call costs the caller
 * 7.5 µs when the worker is spinning (back-to-back calls) and 27 µs median when it sleeps in
 * Atomics.wait (futex wake), against 2.1 µs for the direct call (a 4×4 MaxPool over 8 planes,
 * one plane per chunk, 20 000 calls; wall clock on the loaded dev box, 09:13 UTC). A worker that
 * wakes late only loses its share: the caller claims every chunk left. So each minimum below is
 * 30–80 µs of one thread's work (4–10× the spinning cost, above the wake latency), from
 * single-thread kernel timings on the same box
 * (min of 40, 09:19 UTC): GEMM 13 GMAC/s (Conv 3×3 64→64 56×56), depthwise 3×3 1.9 ns per output
 * (144 channels 56×56), MaxPool 0.83 ns per tap (64 planes 112×112, 3×3 s2), im2col 0.4–1.2 ns
 * per float written (3×3, 64 channels 56×56 to 256 channels 14×14, 09:40 UTC).
 */
export const THRESHOLDS = {
  /**
   * GEMM: at least this many multiply-adds per thread (about 20 µs at 13 GMAC/s, 2.5× a split's
   * cost while the worker spins, which it does between the kernels of one run). At 10⁶ (77 µs)
   * tinybert's [16,128]·[128,512] GEMMs stayed on one thread and 2 threads ran it no faster than
   * one; at 2.5·10⁵, 2 threads, min of 2000 runs, three interleaved pairs (12:30 UTC): tinybert
   * 0.481–0.483 → 0.385–0.403 ms, mobilenet_v2 (min of 40) 22.3–23.7 → 17.7–20.4 ms, squeezenet
   * and lstm unchanged within noise.
   */
  minMacsPerThread: 250_000,
  /**
   * Chunks per thread in the dynamic split: 4 keeps the last chunk's imbalance under a quarter of
   * a thread's share while a chunk stays ≥ 16 panels (128 columns) for MatMul 1024³, long enough
   * to reuse each packed A block from L2.
   */
  chunksPerThread: 4,
  /** im2col, split by input channels: at least this many floats written per thread (25–80 µs). */
  minIm2colFloatsPerThread: 65_536,
  /** Depthwise 3×3, split by channels: at least this many outputs per thread (~31 µs). */
  minDwOutputsPerThread: 16_384,
  /** MaxPool, split by planes: at least this many window taps per thread (~54 µs). */
  minPoolTapsPerThread: 65_536,
  /**
   * Bilinear Resize, split by planes: at least this many outputs per thread (~65 µs). unet_tiny's
   * ×2 upsampling to [32, 64, 64]: 131 µs on 1 thread, 104 µs on 2 (the kernel alone, same process,
   * 2026-11-27): it is all loads and adds, and the two threads share this box's cores poorly.
   */
  minResizeOutputsPerThread: 65_536,
  /**
   * FusedAttention, split by heads: at least this many score and weighted-sum multiply-adds per
   * thread (heads · Sq · Skv rounded to 4 · (D + Dv)). The kernel runs 4.3 GMAC/s with its softmax
   * at tinybert's size (65,536 in 15 µs: it stays on one thread), so this is ~30 µs. BERT-base's
   * attention (12 heads, D = 64, a packed QKV, 2026-11-27): 2.96 → 1.89 ms at S = 128 and
   * 26 → 15 ms at S = 384 on 2 threads.
   */
  minAttentionMacsPerThread: 131_072,
  /**
   * LSTM/GRU, split by direction (a bidirectional layer's two recurrences are independent): at
   * least this many recurrent multiply-adds (seq · batch · gates · Hp · H) per direction, ~9 µs at
   * the recurrence modules' 14 GMAC/s. Run side by side, each direction ran ~50% slower than alone
   * on this box (lstm_bidi2's two directions, 327,680 MACs each: 46.5 µs in turn, 36 µs on two
   * threads, same process, 2026-11-27), so shorter ones would gain little over the split's cost.
   */
  minRecurrentMacsPerThread: 131_072,
  /** Winograd transforms, split by channels: at least this many transformed values per thread. */
  minWinogradValuesPerThread: 65_536,
  /**
   * Winograd F(2×2, 3×3) needs at least this many input and output channels: below it the 16
   * GEMMs have too small a K (and M) to beat im2col's one GEMM with K = 9·C. Conv pads 1, 1 thread,
   * im2col / Winograd median ms (an interleaved A/B, 7 interleaved rounds, 12:40 UTC):
   * C→M @ side 8→8 @32 0.13 / 0.13; 16→16 @56 1.02 / 0.80; 16→64 @55 2.63 / 2.24; 32→32 @56
   * 2.05 / 1.07; 32→128 @27 1.68 / 1.30; 48→192 @13 0.81 / 0.57; 64→256 @13 1.39 / 0.94; resnet18's
   * 64 @56 10.7 / 6.3, 128 @28 8.8 / 5.1, 256 @14 9.1 / 4.7, 512 @7 12.2 / 6.7 (2 threads: 1.3–1.7×).
   */
  winogradMinChannels: 16,
} as const;

/** Indices per claimed chunk when `items` are split over `threads` (chunksPerThread chunks each). */
export function splitChunk(items: number, threads: number): number {
  return Math.max(1, Math.floor(items / (threads * THRESHOLDS.chunksPerThread)));
}

/**
 * Split a GEMM by MR-row blocks of A (true) or by NR-column panels of B: split the larger operand,
 * so each thread streams its own part of it and shares the smaller one from cache (A is M×K, B is
 * K×N). The late convs of resnet18/mobilenet_v2 have N = 49 outputs (7 panels of 8: at best 4
 * against 3 on 2 threads) and M = 256–1280 channels (64–320 row blocks); MatMul 1024³ keeps the
 * panel split that measured 1.85× on 2 threads.
 *
 * One exception: a few rows (8 to 32 tokens) against a B that fits in any core's L2 (≤ 256 KiB),
 * the projections of a small transformer. Split by panels, claims hand different columns of B and C
 * to each core from one call to the next, and the caller's chunks ran 40% slower than alone
 * (tinybert's 16×128×512 in the model: 45 µs on 1 thread, 39 on 2); by rows, each core reads all
 * of B, which stays in its cache, and writes whole rows of C. tinybert at 2 threads 0.350 → 0.327 ms,
 * tinybert_dyn (batch 2: 32 rows) 0.68 → 0.655 ms, three interleaved pairs each (2026-11-27).
 */
export function gemmSplitByRows(M: number, N: number, K: number): boolean {
  return M > N || (M >= 8 && M <= 32 && K * N * 4 <= 256 * 1024);
}

/**
 * Conv routes, first match wins (see conv.ts):
 * - depthwise 3×3 (group == C == M, dilation 1, stride 1 or 2 on both axes) → dwconv-f32-3x3s{1,2}:
 *   im2col + a 1-row GEMM per channel does 9 MACs per output with a panel pack each; the direct
 *   kernel reads the input once.
 * - dense 3×3, stride and dilation 1, ≥ 16 channels in and out → Winograd F(2×2, 3×3) (winogradRoute).
 * - 1×1, stride 1, no pads → the GEMM reads X in place (no im2col).
 * - otherwise → im2col-f32-2d then the GEMM.
 */
export function depthwiseRoute(group: number, C: number, M: number, kernel: readonly number[], strides: readonly number[],
  dilations: readonly number[]): 1 | 2 | undefined {
  if (group !== C || M !== C || kernel.length !== 2 || kernel[0] !== 3 || kernel[1] !== 3) return undefined;
  if (dilations.some((d) => d !== 1) || strides[0] !== strides[1]) return undefined;
  return strides[0] === 1 ? 1 : strides[0] === 2 ? 2 : undefined;
}

/** Depthwise 3×3 modules per ISA and stride: relaxed madd halves the arithmetic of the nine taps. */
export const DWCONV_VARIANTS = {
  relaxed: { 1: 'dwconv-f32-3x3s1-wasmrelaxed', 2: 'dwconv-f32-3x3s2-wasmrelaxed' },
  simd: { 1: 'dwconv-f32-3x3s1-wasmsimd', 2: 'dwconv-f32-3x3s2-wasmsimd' },
} as const;

/**
 * Winograd F(2×2, 3×3) (winograd.ts) for a dense 3×3 conv with stride and dilation 1 and enough
 * channels: 16 multiplies per 2×2 output tile and channel pair instead of im2col's 36. Decided
 * from the filter alone, so session creation packs the filters for the route the runs will take.
 */
export function winogradRoute(group: number, C: number, M: number, kernel: readonly number[], strides: readonly number[],
  dilations: readonly number[]): boolean {
  return group === 1 && kernel.length === 2 && kernel[0] === 3 && kernel[1] === 3 && strides.every((s) => s === 1)
    && dilations.every((d) => d === 1) && C >= THRESHOLDS.winogradMinChannels && M >= THRESHOLDS.winogradMinChannels;
}

/**
 * LSTM/GRU recurrence modules (codegen/wasm/templates/recurrent.ts), per ISA. lstm_bidi2's
 * recurrence (H = 64, 20 steps, both directions), CPU µs, best of 41 interleaved rounds (09:36 UTC,
 * loaded box): panels of nv = 4 vectors 65.5; nv = 6 63.6; nv = 6 with relaxed madd 59.2, and with
 * the gate math in three single-activation passes 56.5 (nv = 5: 62.0, nv = 7: 58.9, nv = 8: 79–84).
 * V8 loads a panel's nv R vectors into registers before the multiply-adds: nv + nv + the splat
 * fit the 15 allocatable xmm up to nv = 7, while nv = 8 spills two accumulators per k step
 * (--print-wasm-code). With plain SIMD the product is bound by instruction count (load, mul, add
 * per vector), with relaxed madd by the add chains, so wider panels help only the latter.
 */
export const RECURRENT_VARIANTS = {
  relaxed: { lstm: 'lstm-f32-1x24-wasmrelaxed', gru: 'gru-f32-1x24-wasmrelaxed' },
  simd: { lstm: 'lstm-f32-1x24-wasmsimd', gru: 'gru-f32-1x24-wasmsimd' },
} as const;

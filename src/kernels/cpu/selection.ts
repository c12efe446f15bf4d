/**
 * Kernel selection for the `cpu` provider: which generated variant runs for which shapes. This is
 * the one place the choice is made; families.ts asks these functions and calls what they name.
 * Thresholds carry the benchmark that set them (test/cpu/bench.ts, Node 20, the shared 2-core box).
 */
import { stridesOf } from '../../ir/ops/common/broadcast.js';
import { sameDims } from '../../ir/tensor.js';
import { collapseTranspose } from '../transpose-plan.js';

/** The broadcast case of a binary elementwise call, with what its generated loop needs. */
export type BinaryCase =
  | { kind: 'same' }
  | { kind: 'scalar'; aIsScalar: boolean }
  | { kind: 'trailing'; outer: number; mid: number; inner: number; aIsSmall: boolean }
  | { kind: 'strided'; dims: number[]; sa: number[]; sb: number[] };

const prod = (d: readonly number[]) => d.reduce((p, q) => p * q, 1);

/**
 * Picks the loop for A (dims `a`) op B (dims `b`) producing `out`:
 * - `same`: both already have the output's shape (residual adds, activations × gates);
 * - `scalar`: one side is a single element (x * 0.5, x + 1e-5);
 * - `trailing`: one side is full and the other varies along one contiguous block of axes (bias
 *   [C] on [N,C], per-channel [C,1,1] on [N,C,H,W]);
 * - `strided`: everything else (both sides broadcast, e.g. [N,1] + [1,M]).
 * The first three have no index arithmetic in the inner loop; `strided` walks per-dim strides.
 */
export function binaryCase(a: readonly number[], b: readonly number[], out: readonly number[]): BinaryCase {
  const aFull = sameDims(a, out) || prod(a) === prod(out) && sameDims(squeeze(a), squeeze(out));
  const bFull = sameDims(b, out) || prod(b) === prod(out) && sameDims(squeeze(b), squeeze(out));
  if (aFull && bFull) return { kind: 'same' };
  if (aFull && prod(b) === 1) return { kind: 'scalar', aIsScalar: false };
  if (bFull && prod(a) === 1) return { kind: 'scalar', aIsScalar: true };
  if (aFull || bFull) {
    const small = aFull ? b : a;
    const block = varyingBlock(small, out);
    if (block) {
      const [p, q] = block;
      return { kind: 'trailing', outer: prod(out.slice(0, p)), mid: prod(out.slice(p, q)), inner: prod(out.slice(q)), aIsSmall: !aFull };
    }
  }
  return { kind: 'strided', ...collapse(out, [a, b]) as { dims: number[]; sa: number[]; sb: number[] } };
}

function squeeze(d: readonly number[]): number[] {
  return d.filter((x) => x !== 1);
}

/** [p, q) when `small`, right-aligned to `out`, equals `out` on axes p..q-1 and is 1 elsewhere. */
function varyingBlock(small: readonly number[], out: readonly number[]): [number, number] | undefined {
  const r = out.length;
  const aligned = [...new Array<number>(r - small.length).fill(1), ...small];
  let p = -1, q = -1;
  for (let i = 0; i < r; i++) {
    if (aligned[i] === 1 && out[i] !== 1) { if (p >= 0 && q < 0) q = i; continue; }
    if (aligned[i] !== out[i]) return undefined;
    if (out[i] === 1) continue;
    if (q >= 0) return undefined; // a second varying block
    if (p < 0) p = i;
  }
  if (p < 0) return undefined;
  return [p, q < 0 ? r : q];
}

/**
 * Per-dim element strides of each operand over `out` (0 where it broadcasts), with size-1 dims
 * dropped and neighbouring dims merged where every operand walks them as one.
 */
export function collapse(out: readonly number[], operands: readonly (readonly number[])[]): { dims: number[]; sa: number[]; sb: number[] } {
  const r = out.length;
  const strides = operands.map((d) => {
    const s = stridesOf(d);
    return out.map((_, i) => {
      const k = i - (r - d.length);
      return k < 0 || d[k] === 1 ? 0 : s[k];
    });
  });
  const dims: number[] = [];
  const st: number[][] = operands.map(() => []);
  for (let i = 0; i < r; i++) {
    if (out[i] === 1) continue;
    const last = dims.length - 1;
    if (last >= 0 && strides.every((s, k) => st[k][last] === s[i] * out[i])) {
      dims[last] *= out[i];
      strides.forEach((s, k) => { st[k][last] = s[i]; });
      continue;
    }
    dims.push(out[i]);
    strides.forEach((s, k) => st[k].push(s[i]));
  }
  if (dims.length === 0) { dims.push(1); st.forEach((s) => s.push(0)); }
  return { dims, sa: st[0], sb: st[1] ?? [] };
}

/**
 * GEMM K block: a block of A (M × kc) stays in cache while every B panel passes over it. Measured
 * with the generated f32 kernel in CPU time (process.cpuUsage, 3 runs, loaded 2-core box), GFLOP/s
 * for kc = 128 / 256 / 512 / unblocked: resnet18's [64,576]·[576,3136] 1.46 / 1.78 / 1.90 / 1.95,
 * [512,4608]·[4608,49] 1.99 / 2.08 / 2.72 / 2.15, [64,147]·[147,12544] 2.89 / 2.39 / 1.97 / 3.07.
 * 512 is best or near it on the deep, K-heavy layers where blocking matters; noise is about ±15%.
 */
export const GEMM_KC = 512;

/**
 * GEMM N block (columns, a multiple of 4): the B panels of one block (K·nc values) stay in cache
 * while every A panel passes over them, and C is written a row segment at a time instead of one
 * 4×4 block per row group across all of N. A plain-JS copy of the 4×4 loop (CPU time, loaded
 * 2-core box), GFLOP/s for nc = whole N / 64 / 256 columns: mobilenet's [96,16]·[16,12544] 1.67 /
 * 2.93 / 2.93, [384,64]·[64,196] 2.00 / 3.46 / 3.32, [144,24]·[24,3136] 3.13 / 3.21 / 3.12;
 * resnet18's [64,576]·[576,3136] 3.34 / 3.62 / 3.55. The generated kernel on [64,576]·[576,3136]:
 * 3.07 whole N vs 3.48 at 64 columns. Noise on that box is ±10% or more. (Those were timed
 * with the earlier 4×4 block. With the 2×4 block, nc = 32 / 64 / 128 / 256 gave whole-model cpu
 * medians within noise of each other: tinybert 2.71–2.90 ms, mobilenet_v2 126–138, squeezenet
 * 96–109, two interleaved rounds, 2026-11-27.)
 */
export const GEMM_NC = 64;

/**
 * Output columns per im2col block (whole output rows, at least one). The packed block is
 * K·columns elements, so it stays in L2 for the GEMM that follows instead of streaming a
 * K·outPlane matrix through memory (resnet18's first layer: 147 × 12544 floats, 7 MB).
 * Measured on resnet18's im2col layers (single-Conv sessions, CPU time, mean of 3 runs) for
 * 256 / 1024 / unblocked columns: 7×7 s2 on 3×224² 143 / 149 / 221 ms, 3×3 s2 64→128 on 56² 64 /
 * 76 / 99 ms, 3×3 s2 256→512 on 14² 78 / 81 / 77 ms.
 */
export const IM2COL_COLUMNS = 256;

/** The Conv path for one node. */
export type ConvCase = 'depthwise' | '1x1' | 'winograd' | 'winograd4' | 'im2col';

/**
 * Winograd F(2×2,3×3) from this many input and output channels on. Measured per 3×3 pad-1 layer
 * (test/cpu/bench.ts-style CPU time, generated f32 kernels, same process), im2col vs Winograd:
 * C=M=16 at 56×56 9.7 vs 6.7 ms, 32 at 28×28 7.8 vs 4.6, 64 at 56×56 121 vs 62, 512 at 7×7
 * 117 vs 52. At C=M=8 Winograd still won (25 vs 6.5 ms, the im2col figure likely inflated by
 * warm-up); below 8 it was not measured, and the transforms' fixed cost per tile grows relative
 * to the 9·C multiplies per output they save, so 8 is the floor.
 */
export const WINOGRAD_MIN_CHANNELS = 8;

/**
 * Winograd F(4×4,3×3) instead of F(2×2,3×3) from this output side on (both sides): 36 multiplies
 * per 4×4 outputs against 64, at the price of bigger transforms and cached weights (36 instead of
 * 16 float64 matrices). Whole convolutions (transforms + GEMMs, generated f32 kernels, CPU time,
 * same process), F(2×2) vs F(4×4) in ms: C=M=64 at 56² 40.3 vs 23.2, 128 at 28² 34.1 vs 19.9,
 * 256 at 14² 32.4 vs 23.7, 512 at 7² 38.2 vs 22.2, 16→64 at 55² 13.8 vs 8.2, 48→192 at 13² 7.2 vs
 * 6.0, 64 at 6² 0.55 vs 0.43, 5² 0.57 vs 0.46, but 4² 0.23 vs 0.55 (one 6×6 tile: 36 one-column
 * GEMMs against 16). Outputs matched a direct float64 convolution exactly after rounding to float32.
 */
export const WINOGRAD4_MIN_SIDE = 5;

/**
 * - `depthwise`: one input and one output channel per group (MobileNet's 3×3 layers): a direct
 *   loop per plane, since im2col would build a K = 9 matrix and spend its time packing;
 * - `1x1`: pointwise with unit strides and no pads: X's planes are already the GEMM's B matrix;
 * - `winograd`/`winograd4`: 3×3, stride 1, no dilation, one group, enough channels (ResNet's 3×3
 *   layers), F(4×4) when the output (`out`, the spatial output dims) is large enough, F(2×2) otherwise;
 * - `im2col`: everything else (grouped or not), packed im2col + the 4×4 GEMM.
 */
export function convCase(C: number, M: number, group: number, kernel: readonly number[], strides: readonly number[], pads: readonly number[], dilations: readonly number[],
  out: readonly number[] = []): ConvCase {
  const kSize = kernel.reduce((p, q) => p * q, 1);
  if (group > 1 && group === C && M === C && kernel.length <= 2) return 'depthwise';
  if (kSize === 1 && strides.every((s) => s === 1) && pads.every((p) => p === 0)) return '1x1';
  if (group === 1 && kernel.length === 2 && kernel[0] === 3 && kernel[1] === 3 && strides.every((s) => s === 1) && dilations.every((d) => d === 1)
    && C >= WINOGRAD_MIN_CHANNELS && M >= WINOGRAD_MIN_CHANNELS) {
    return out.length === 2 && out[0] >= WINOGRAD4_MIN_SIDE && out[1] >= WINOGRAD4_MIN_SIDE ? 'winograd4' : 'winograd';
  }
  return 'im2col';
}

/** Softmax/LogSoftmax: contiguous lines when the axis is the last one, strided lines otherwise. */
export function softmaxCase(inner: number): 'lastaxis' | 'strided' {
  return inner === 1 ? 'lastaxis' : 'strided';
}

/** Reduce: trailing axes (LayerNorm statistics, global pools), one contiguous middle block, or any set. */
export function reduceCase(dims: readonly number[], axes: readonly number[]):
  | { kind: 'lastaxis'; outer: number; len: number }
  | { kind: 'middle'; outer: number; len: number; inner: number }
  | { kind: 'general' } {
  // Size-1 axes change nothing in the layout: squeezed out (the rest renumbered), [N,C,1,1]-style
  // shapes and reductions across a size-1 axis ([57,1,384] over all axes) take the fast paths. The
  // general path builds offset tables: 2.1 ms for that sum, where one pass takes microseconds.
  const kept = dims.map((_, i) => i).filter((i) => dims[i] !== 1);
  const squeezed = kept.map((i) => dims[i]);
  const live = kept.map((i, j) => (axes.includes(i) ? j : -1)).filter((j) => j >= 0);
  if (live.length === 0) return { kind: 'lastaxis', outer: prod(dims), len: 1 };
  const p = live[0], q = live[live.length - 1] + 1;
  const contiguous = live.every((a, i) => a === p + i);
  if (!contiguous) return { kind: 'general' };
  const inner = prod(squeezed.slice(q));
  if (inner === 1) return { kind: 'lastaxis', outer: prod(squeezed.slice(0, p)), len: prod(squeezed.slice(p, q)) };
  return { kind: 'middle', outer: prod(squeezed.slice(0, p)), len: prod(squeezed.slice(p, q)), inner };
}

/**
 * Transpose: after merging axes that stay neighbours, a swap of the last two axes (with an optional
 * leading batch) takes the tiled 2-D kernel; any other permutation the strided one.
 */
export function transposeCase(dims: readonly number[], perm: readonly number[]):
  | { kind: 'copy' }
  | { kind: 'swap2d'; batch: number; R: number; C: number }
  | { kind: 'general'; dims: number[]; strides: number[] } {
  // Size-1 axes dropped and neighbouring runs merged (../transpose-plan.ts).
  const { inDims, perm: cperm, dims: outDims, strides } = collapseTranspose(dims, perm);
  if (cperm.length <= 1) return { kind: 'copy' };
  if (cperm.length === 2) return { kind: 'swap2d', batch: 1, R: inDims[0], C: inDims[1] };
  if (cperm.length === 3 && cperm[0] === 0 && cperm[1] === 2 && cperm[2] === 1) return { kind: 'swap2d', batch: inDims[0], R: inDims[1], C: inDims[2] };
  return { kind: 'general', dims: outDims, strides };
}

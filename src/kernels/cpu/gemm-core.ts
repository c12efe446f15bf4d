/**
 * The generated GEMM as the cpu kernels call it (families.ts: MatMul, Gemm, Conv, ConvTranspose,
 * attention; recurrent.ts: the LSTM/GRU input projection).
 */
import { bothArrays, PANEL_ROWS, type Panels } from './panels.js';
import { GEMM_KC, GEMM_NC } from './selection.js';

type Floats = Float32Array | Float64Array;

/** The functions of one generated GEMM file (gemm-*-2x4-ts.gen.ts). */
export interface GemmFns {
  /** The core over array panels. */
  run: (M: number, N: number, K: number, ap: number[], ao: number, bp: number[], bo: number, c: Floats, cOff: number, ldc: number,
    accumulate: boolean, kc: number, nc: number, rowBias: Float64Array, clipLo: number, clipHi: number) => void;
  /** The same core compiled for Float64Array panels (newPanels's fallback). */
  runTyped: (M: number, N: number, K: number, ap: Panels, ao: number, bp: Panels, bo: number, c: Floats, cOff: number, ldc: number,
    accumulate: boolean, kc: number, nc: number, rowBias: Float64Array, clipLo: number, clipHi: number) => void;
  packA: (a: Floats, off: number, M: number, K: number, rs: number, cs: number, out: Panels, outOff: number, height: number) => void;
  packB: (b: Floats, off: number, K: number, N: number, rs: number, cs: number, out: Panels, outOff: number) => void;
}

/**
 * C[M,N] (+)= A·B from A's panels at `ap[ao]` and B's at `bp[bo]`, with the blocks of the
 * selection table; rows start from `rowBias` unless `accumulate`, and results are clamped to
 * [lo, hi] (see the template). Takes the array core when both operands are arrays.
 */
export function multiply(g: GemmFns, M: number, N: number, K: number, ap: Panels, ao: number, bp: Panels, bo: number,
  c: Floats, cOff: number, ldc: number, accumulate: boolean, rowBias: Float64Array, lo = -Infinity, hi = Infinity): void {
  if (bothArrays(ap, bp)) g.run(M, N, K, ap as number[], ao, bp as number[], bo, c, cOff, ldc, accumulate, GEMM_KC, GEMM_NC, rowBias, lo, hi);
  else g.runTyped(M, N, K, ap, ao, bp, bo, c, cOff, ldc, accumulate, GEMM_KC, GEMM_NC, rowBias, lo, hi);
}

/** Packs A ([M, K], element [i][k] at off + i·rs + k·cs) into the GEMM's row panels at out[outOff]. */
export const packRows = (g: GemmFns, a: Floats, off: number, M: number, K: number, rs: number, cs: number, out: Panels, outOff = 0): void =>
  g.packA(a, off, M, K, rs, cs, out, outOff, PANEL_ROWS);

/**
 * The cpu provider's packed GEMM panels: their shape and the arrays that hold them.
 *
 * Layout (codegen/cpu/templates.ts, `gemm`): A in panels of PANEL_ROWS rows (panel q holds rows
 * q·R .. q·R + R-1, element k of row r at q·K·R + k·R + r), B in panels of PANEL_COLS columns (panel
 * p holds columns p·C .. p·C + C-1 the same way), both zero-padded to whole panels.
 *
 * Why plain JS arrays of doubles and a 2×4 register block. V8 compiles an element load from a
 * Float64Array to a sign extension, a bounds check and a base-plus-external-pointer sum before the
 * load itself; from a JS array of doubles it is a bounds check and one load. In the GEMM's inner
 * loop the loads are most of the instructions (the listing of a 3×4 loop also kept several sums on
 * the stack), and over arrays the 2×4 block (8 accumulators, 4 values of B in registers, A
 * streamed) ran fastest. The whole GEMM with its packing and
 * stores (a scratch copy of the template, 2026-11-27, Node 20, GFLOP/s, 4×4 Float64Array / 2×4
 * array): [16,128]·[128,512] 5.38 / 6.51, [16,512]·[512,128] 5.45 / 6.81, [96,16]·[16,12544]
 * 4.08 / 4.94, [1000,512]·[512,169] 5.12 / 6.43, [64,27]·[27,12321] 4.76 / 5.29; Node 22 and 24
 * gained the same 12–30%. Over Float64Arrays, no block was faster than 4×4 (4×3, 3×4, 2×4, 4×2,
 * 2×8, 8×2, 3×3, and 4×4 with k unrolled by 2, an earlier session's microbenchmark); 4×4 over arrays
 * gained only 5–10%, and over arrays 3×3 and 4×2 matched 2×4 (6.9–7.1 GFLOP/s in a scratch copy of
 * the loop) while 2×5, 2×6, 3×4 and 4×3 spilled (6.1–6.4).
 *
 * What is left is V8's, not the block's (Node 20, V8 11.3, `--print-opt-code` of the 2×4 loop,
 * 2026-11-27): one step of k is 56 instructions, 16 of them the multiplies and adds. The rest are
 * six bounds checks, both arrays' map checks with their element and length reloads (the loop's
 * interrupt check keeps V8 from hoisting them), a reload of B from the stack, and two of the eight
 * sums spilled (V8 orders all eight products before the adds). This box's scalar peak, in C with
 * twelve independent multiply-add chains and no loads, is 10.5–11.4 GFLOP/s; the loop reaches
 * about 7.2. No change to the JS removed any of those instructions: packed rather than holey
 * elements, A and B in one array, the operands as closure constants (`new Function`), loads
 * interleaved with the products, and V8's `--turbo-instruction-scheduling`: none ran more than 1%
 * faster, and the interleaved loads ran 5% slower.
 *
 * The array is made as `[x]` grown by its length, which V8 backs with one double store (holey in
 * Node 20 and 22, packed in 24; every array made here has the same kind, so the loop stays
 * monomorphic). Two limits keep the JS heap safe: past 2^25 elements V8 switches such an array to
 * dictionary elements (a fill of 44 M elements took 10 s), and the heap has a hard limit (4.3 GB
 * here) whose breach aborts the process. So one array and all live ones together have limits
 * (ARRAY_PANEL_LIMITS); past either, panels are a Float64Array, which the generated `*_typed` GEMM
 * (the same text) takes.
 */

/** Rows per packed A panel: the GEMM's register block is PANEL_ROWS × PANEL_COLS. */
export const PANEL_ROWS = 2;
/** Columns per packed B panel. */
export const PANEL_COLS = 4;

/** Packed panels: a JS array of doubles, or a Float64Array past the limits above. */
export type Panels = number[] | Float64Array;

/** Elements of A's panels for an [M, K] operand. */
export const aPanelsSize = (M: number, K: number): number => Math.ceil(M / PANEL_ROWS) * PANEL_ROWS * K;
/** Elements of B's panels for a [K, N] operand. */
export const bPanelsSize = (K: number, N: number): number => Math.ceil(N / PANEL_COLS) * PANEL_COLS * K;

/**
 * The JS heap's hard limit in bytes where the engine tells it (Node's v8 module, Chrome's
 * performance.memory), else undefined.
 */
function heapLimit(): number | undefined {
  const g = globalThis as { process?: { getBuiltinModule?: (id: string) => unknown }; performance?: { memory?: { jsHeapSizeLimit?: number } } };
  try {
    const v8 = g.process?.getBuiltinModule?.('node:v8') as { getHeapStatistics(): { heap_size_limit: number } } | undefined;
    if (v8) return v8.getHeapStatistics().heap_size_limit;
  } catch { /* not Node, or too old for getBuiltinModule */ }
  return g.performance?.memory?.jsHeapSizeLimit;
}

/**
 * The arrays' limits, in elements: one array at most 2^24 (128 MB, half V8's limit for fast
 * elements), all live ones together at most 2^27 (1 GiB) or a quarter of the heap's limit where it
 * is known and smaller (a phone's browser tab). Tests lower them to reach the fallback.
 */
export const ARRAY_PANEL_LIMITS = { perArray: 1 << 24, total: Math.min(1 << 27, Math.floor((heapLimit() ?? Infinity) / 32)) };

let live = 0;
const released = typeof FinalizationRegistry === 'function' ? new FinalizationRegistry<number>((n) => { live -= n; }) : undefined;

/**
 * `n` elements of panels (contents unspecified: every packing writes what the GEMM reads). An
 * array while the limits allow, else a Float64Array.
 */
export function newPanels(n: number): Panels {
  if (n > ARRAY_PANEL_LIMITS.perArray || live + n > ARRAY_PANEL_LIMITS.total || !released) return new Float64Array(n);
  const a = [0.5];
  a.length = n;
  // A double fill keeps the elements double on every V8 (a fill with 0 left Node 24's array as small integers).
  a.fill(0.5);
  live += n;
  released.register(a, n);
  return a;
}

/** Whether both operands are arrays (the fast GEMM), rather than a Float64Array on either side. */
export const bothArrays = (a: Panels, b: Panels): boolean => Array.isArray(a) && Array.isArray(b);

const scratchPanels = new Map<string, Panels>();

/**
 * At least `n` elements of panels for `use`, reused by the next call of the same use (as
 * caches.ts's `scratch`; contents are stale). Longer than `n` once it has grown.
 */
export function panelScratch(use: string, n: number): Panels {
  let p = scratchPanels.get(use);
  if (!p || p.length < n) {
    p = newPanels(n);
    scratchPanels.set(use, p);
  }
  return p;
}

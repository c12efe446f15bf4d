/**
 * What the wasm LSTM and GRU kernels share: the padded gate layout and the packing of W and R for
 * the recurrence modules (codegen/wasm/templates/recurrent.ts), the input projection as one GEMM
 * for every direction, and the state/output copies.
 *
 * Padded layout: each gate block of H rows is placed at a multiple of Hp = H rounded up to 4, so
 * that the gate math runs on whole vectors. Gate j' = q·Hp + kk (kk < H) is the ONNX row q·H + kk;
 * the rows kk ≥ H are zero.
 */
import type { Value } from '../../ir/ops/spec.js';
import type { Tensor } from '../../ir/tensor.js';
import { outputStorage, type KernelContext } from '../kernel.js';
import { isConstant } from './common.js';
import { BIAS, packedABytes, packedBBytes, packedBStrides, runGemm } from './gemm.js';
import { WASM_MODULES } from './modules.gen.js';
import type { WasmRuntime } from './runtime.js';
import { RECURRENT_VARIANTS } from './selection.js';

/** Columns per full panel of packed R: the recurrence modules' nv vectors (variants.txt). */
const PANEL = 4 * WASM_MODULES[RECURRENT_VARIANTS.simd.lstm].params.nv;
for (const name of [...Object.values(RECURRENT_VARIANTS.simd), ...Object.values(RECURRENT_VARIANTS.relaxed)]) {
  if (4 * WASM_MODULES[name].params.nv !== PANEL) throw new Error(`wasm: ${name} must use the same R panels as the others`);
}

/** H rounded up to a whole vector. */
export function paddedHidden(H: number): number {
  return (H + 3) & ~3;
}

/** ONNX row of padded gate index `j` (gates·Hp of them), or -1 for a pad row. */
function sourceRow(j: number, H: number, Hp: number): number {
  const q = Math.floor(j / Hp), kk = j - q * Hp;
  return kk < H ? q * H + kk : -1;
}

/**
 * Writes R (rows [gates·H, H] of one direction, starting at `offset` in `r`) in panels for the
 * matrix-vector product, columns = padded gate indices j0..j0+N: full panels of PANEL columns
 * (k-major inside), then one narrower panel for the rest.
 */
function packRPanels(f32: Float32Array, dst: number, r: Float32Array, offset: number, H: number, Hp: number, j0: number, N: number): void {
  let o = dst >> 2;
  const full = Math.floor(N / PANEL) * PANEL;
  const panel = (c0: number, width: number) => {
    for (let k = 0; k < H; k++) {
      for (let jj = 0; jj < width; jj++) {
        const row = sourceRow(j0 + c0 + jj, H, Hp);
        f32[o++] = row < 0 ? 0 : r[offset + row * H + k];
      }
    }
  };
  for (let c0 = 0; c0 < full; c0 += PANEL) panel(c0, PANEL);
  if (full < N) panel(full, N - full);
}

/**
 * Packed R of every direction for padded columns [j0, j0 + N), direction d at byte d·N·H·4 of the
 * block (so a split by directions reaches its R by a fixed stride): resident when R is an
 * initializer, under `key` (a constant string per use: building keys per call showed up in
 * profiles). Layout as the template's file comment says.
 */
export function packedR(rt: WasmRuntime, ctx: KernelContext, r: Tensor, dirs: number, gates: number, H: number, j0: number, N: number, key: string): number {
  const constant = isConstant(ctx, 2, r);
  const hit = constant ? rt.residentHit(r, key) : 0;
  if (hit) return hit;
  const Hp = paddedHidden(H);
  const fill = (dst: number) => {
    for (let d = 0; d < dirs; d++) packRPanels(rt.f32, dst + d * N * H * 4, r.data as Float32Array, d * gates * H * H, H, Hp, j0, N);
  };
  return rt.filled(r, key, dirs * N * H * 4, fill, constant);
}

/**
 * W of every direction as one packed GEMM B operand [I, dirs·gates·Hp] (B[k, d·gates·Hp + j'] =
 * W[d][row(j')][k]), so that one GEMM projects X for all directions. Resident (under `key`) when W
 * is constant.
 */
export function packedW(rt: WasmRuntime, ctx: KernelContext, w: Tensor, dirs: number, gates: number, H: number, I: number, key: string): number {
  const constant = isConstant(ctx, 1, w);
  const hit = constant ? rt.residentHit(w, key) : 0;
  if (hit) return hit;
  const Hp = paddedHidden(H), N = dirs * gates * Hp;
  const fill = (dst: number) => {
    // Stage W with pad rows as a row-major [N, I] matrix, then pack its transpose.
    const stage = rt.alloc(N * I * 4);
    const f32 = rt.f32, src = w.data as Float32Array, base = stage >> 2;
    for (let d = 0; d < dirs; d++) {
      for (let j = 0; j < gates * Hp; j++) {
        const row = sourceRow(j, H, Hp), at = base + (d * gates * Hp + j) * I;
        if (row < 0) f32.fill(0, at, at + I);
        else f32.set(src.subarray((d * gates * H + row) * I, (d * gates * H + row + 1) * I), at);
      }
    }
    rt.gemm.packB(stage, 1, I, I, N, dst);
  };
  return rt.filled(w, key, packedBBytes(rt, I, N), fill, constant);
}

/**
 * The projection bias per padded column, all directions: Wb, plus Rb for the gates q with
 * `withRb[q]` (those whose recurrent bias is a plain sum). Resident (under `key`) when B is constant.
 */
export function projectionBias(rt: WasmRuntime, ctx: KernelContext, b: Tensor | null | undefined, dirs: number, H: number,
  withRb: readonly boolean[], key: string): number {
  const constant = !!b && isConstant(ctx, 3, b);
  const hit = constant ? rt.residentHit(b!, key) : 0;
  if (hit) return hit;
  const gates = withRb.length, Hp = paddedHidden(H), N = dirs * gates * Hp;
  const fill = (dst: number) => {
    const f32 = rt.f32, base = dst >> 2;
    f32.fill(0, base, base + N);
    if (!b) return;
    const bv = b.data as Float32Array;
    for (let d = 0; d < dirs; d++) {
      const wb = d * 2 * gates * H, rb = wb + gates * H;
      for (let j = 0; j < gates * Hp; j++) {
        const row = sourceRow(j, H, Hp);
        if (row >= 0) f32[base + d * gates * Hp + j] = bv[wb + row] + (withRb[Math.floor(j / Hp)] ? bv[rb + row] : 0);
      }
    }
  };
  return rt.filled(b!, key, N * 4, fill, constant); // constant only with a B
}

/** X·Wᵀ + bias for every step, batch row and direction: [seq·batch, dirs·gates·Hp] in scratch. */
export function project(rt: WasmRuntime, x: Tensor, pw: number, bias: number, M: number, I: number, N: number): number {
  const xp = rt.copyIn(x.data as Float32Array);
  const pa = rt.alloc(packedABytes(rt, M, I));
  rt.gemm.packA(xp, I, 1, M, I, pa, 1);
  const xw = rt.alloc(M * N * 4);
  runGemm(rt, { a: pa, b: pw, ...packedBStrides(rt, I), c: xw, ldc: N, M, N, K: I,
    bias, biasMode: BIAS.col, accumulate: 0, act: 0, lo: 0, hi: 0 });
  return xw;
}

/** A padded state [dirs·batch, Hp] in scratch, from an initial-state tensor [dirs, batch, H] or zeros. */
export function paddedState(rt: WasmRuntime, init: Tensor | null | undefined, rows: number, H: number): number {
  const Hp = paddedHidden(H);
  const p = rt.alloc(rows * Hp * 4);
  const f32 = rt.f32, base = p >> 2;
  if (!init || Hp !== H) f32.fill(0, base, base + rows * Hp);
  if (init) {
    const src = init.data as Float32Array;
    if (Hp === H) f32.set(src.subarray(0, rows * H), base);
    else for (let i = 0; i < rows; i++) f32.set(src.subarray(i * H, (i + 1) * H), base + i * Hp);
  }
  return p;
}

/** A copy of a padded state, unpadded to [rows, H] (in the pool's storage where the context has it). */
export function stateOut(ctx: KernelContext, rt: WasmRuntime, p: number, rows: number, H: number): Float32Array {
  const Hp = paddedHidden(H);
  const out = outputStorage(ctx, 'float32', rows * H, rt) as Float32Array, f32 = rt.f32, base = p >> 2;
  if (Hp === H) out.set(f32.subarray(base, base + rows * H));
  else for (let i = 0; i < rows; i++) out.set(f32.subarray(base + i * Hp, base + i * Hp + H), i * H);
  return out;
}

/** Default activations of the op, in attribute order per direction. */
export function defaultActivationsOnly(attrs: Readonly<Record<string, unknown>>, defaults: readonly string[]): boolean {
  const acts = attrs.activations as string[] | undefined;
  return !acts || acts.every((a, i) => a.toLowerCase() === defaults[i % defaults.length].toLowerCase());
}

/** The shapes the recurrence modules cover, or undefined (the caller falls back to the reference). */
export function recurrentShape(inputs: readonly (Value | undefined)[], gates: number):
  { seq: number; batch: number; I: number; H: number; dirs: number } | undefined {
  const [x, w, r, , seqLens] = inputs as (Tensor | null | undefined)[];
  if (!x || !w || !r || x.type !== 'float32' || w.type !== 'float32' || r.type !== 'float32' || x.dims.length !== 3) return undefined;
  const [seq, batch, I] = x.dims;
  const dirs = w.dims[0], H = w.dims[1] / gates;
  if (seq === 0 || batch === 0 || I === 0 || H === 0 || r.dims[2] !== H) return undefined;
  // Per-row sequence lengths shorter than seq (zero-padded Y, early final states) stay with the reference.
  if (seqLens && Array.from(seqLens.data as Int32Array).some((v) => v !== seq)) return undefined;
  return { seq, batch, I, H, dirs };
}

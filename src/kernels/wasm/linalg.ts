/**
 * MatMul, Gemm and their fused forms (src/ir/ops/linalg/, src/ir/ops/fused/) on the generated GEMM.
 * Constant B operands are packed once into resident memory; A is packed per call (alpha folded in).
 */
import { broadcastIndex, broadcastShapes } from '../../ir/ops/common/broadcast.js';
import { exactC, gemmShapes } from '../../ir/ops/linalg/gemm.js';
import { matmulDims } from '../../ir/ops/linalg/matmul.js';
import type { Value } from '../../ir/ops/spec.js';
import type { Tensor } from '../../ir/tensor.js';
import type { KernelContext } from '../kernel.js';
import { f32Tensor, isConstant, reference, sizeOfDims } from './common.js';
import { BIAS, type Epilogue, epilogueFor, type GemmCall, packedABytes, packedBBytes, packedBStrides, runGemm } from './gemm.js';
import { wasmOutput, type WasmOutput } from './output.js';
import { currentRuntime, type WasmRuntime } from './runtime.js';

type Attrs = Readonly<Record<string, unknown>>;

/**
 * Packed B: resident for constants, scratch otherwise. `rs`/`cs`: element strides of B[k, j].
 * (No local closures or spreads in this file's per-call paths: under tsx every named local
 * function costs a defineProperty call, and object spreads build slow objects; both showed in
 * tinybert's profile, 09:45 UTC.)
 */
function packB(rt: WasmRuntime, ctx: KernelContext, index: number, b: Tensor, offset: number, rs: number, cs: number, K: number, N: number): number {
  const bytes = packedBBytes(rt, K, N);
  if (isConstant(ctx, index, b)) return residentB(rt, b, offset, rs, cs, K, N);
  const dst = rt.alloc(bytes);
  fillPackedB(rt, b, offset, rs, cs, K, N, dst);
  return dst;
}

/**
 * A constant B packed once into resident memory (at session creation through `prepareMatMul`/`prepareGemm`).
 * The key says which packing of `b` this is. A whole 2-D B read by rows or by columns (transB) gets a
 * constant key: building the general key string on every call was ~6 % of a chain of small MatMuls'
 * CPU profile (scratch profile, 16:20 UTC). The runtime's GEMM variant is fixed, so keys leave it out.
 */
function residentB(rt: WasmRuntime, b: Tensor, offset: number, rs: number, cs: number, K: number, N: number): number {
  const whole = offset === 0 && b.size === K * N;
  const key = whole && cs === 1 && rs === N ? 'B:rows' : whole && rs === 1 && cs === K ? 'B:cols' : `B:${offset}:${rs}:${cs}:${K}:${N}`;
  const hit = rt.residentHit(b, key);
  if (hit) return hit;
  return rt.residentFor(b, key, packedBBytes(rt, K, N), (dst) => fillPackedB(rt, b, offset, rs, cs, K, N, dst));
}

/** Session creation: packs a constant 2-D B of MatMul/FusedMatMul where runMatMul will look for it. */
export function prepareMatMul(ctx: KernelContext, constants: readonly (Tensor | undefined)[]): void {
  const b = constants[1];
  if (!b || b.type !== 'float32' || b.dims.length !== 2 || b.size === 0) return;
  const [K, N] = b.dims;
  const rt = currentRuntime();
  rt.kernelCall(ctx, () => residentB(rt, b, 0, N, 1, K, N));
}

/** Session creation: packs a constant B of Gemm/FusedGemm (either transB) where runGemmOp will look for it. */
export function prepareGemm(ctx: KernelContext, constants: readonly (Tensor | undefined)[], attrs: Attrs): void {
  const b = constants[1];
  if (!b || b.type !== 'float32' || b.dims.length !== 2 || b.size === 0) return;
  const transB = attrs.transB as number;
  const K = transB ? b.dims[1] : b.dims[0], N = transB ? b.dims[0] : b.dims[1];
  const rt = currentRuntime();
  rt.kernelCall(ctx, () => residentB(rt, b, 0, transB ? 1 : N, transB ? K : 1, K, N));
}

function fillPackedB(rt: WasmRuntime, b: Tensor, offset: number, rs: number, cs: number, K: number, N: number, dst: number): void {
  const raw = rt.copyIn((b.data as Float32Array).subarray(offset, offset + (rs === 1 ? K + (N - 1) * cs : (K - 1) * rs + N)));
  rt.gemm.packB(raw, rs, cs, K, N, dst);
}

function packA(rt: WasmRuntime, a: Tensor, offset: number, rs: number, cs: number, M: number, K: number, alpha: number): number {
  const raw = rt.copyIn((a.data as Float32Array).subarray(offset, offset + M * K));
  const dst = rt.alloc(packedABytes(rt, M, K));
  rt.gemm.packA(raw, rs, cs, M, K, dst, alpha);
  return dst;
}

/** MatMul and FusedMatMul (numpy.matmul, then bias with numpy broadcasting, then activation). */
export function runMatMul(ctx: KernelContext, inputs: readonly (Value | undefined)[], attrs: Attrs): Value[] | Promise<Value[]> {
  const a = inputs[0] as Tensor, b = inputs[1] as Tensor;
  if (b.dims.length === 2 && a.dims.length >= 2) return runMatMul2dB(ctx, inputs, attrs);
  const bias = inputs[2] as Tensor | null | undefined;
  const aDims = a.dims.length === 1 ? [1, a.dims[0]] : [...a.dims];
  const bDims = b.dims.length === 1 ? [b.dims[0], 1] : [...b.dims];
  const M = aDims[aDims.length - 2], K = aDims[aDims.length - 1], N = bDims[bDims.length - 1];
  if (K === 0) return reference(ctx, inputs, attrs);
  const outDims = matmulDims(a.dims, b.dims) as number[];
  const batchDims = broadcastShapes(aDims.slice(0, -2), bDims.slice(0, -2));
  const batches = sizeOfDims(batchDims);
  const total = batches * M * N;
  const ep = epilogueFor(attrs);
  const rt = currentRuntime();
  return rt.kernelCall(ctx, () => {
    const bBatched = sizeOfDims(bDims.slice(0, -2)) > 1;
    const pbShared = bBatched ? 0 : packB(rt, ctx, 1, b, 0, N, 1, K, N);
    const { biasPtr, biasCols, fullBias } = biasOf(rt, ctx, bias, N, outDims.length);
    const out = wasmOutput(ctx, rt, total), y = out.ptr;
    const strides = packedBStrides(rt, K);
    const call: GemmCall = {
      a: 0, b: pbShared, bRow: strides.bRow, bPanel: strides.bPanel, c: y, ldc: N, M: batches * M, N, K,
      bias: biasPtr, biasMode: biasCols ? BIAS.col : BIAS.none, accumulate: 0, act: fullBias ? 0 : ep.act, lo: ep.lo, hi: ep.hi,
    };
    if (!bBatched && sizeOfDims(aDims.slice(0, -2)) === batches) {
      // One B for every batch: the batches are extra rows of A.
      call.a = packA(rt, a, 0, K, 1, batches * M, K, 1);
      runGemm(rt, call);
    } else {
      // Batch by batch, each with its own rows of A (and its own B when B is batched).
      const aIdx = broadcastIndex(aDims.slice(0, -2), batchDims), bIdx = broadcastIndex(bDims.slice(0, -2), batchDims);
      call.M = M;
      for (let p = 0; p < batches; p++) {
        if (bBatched) call.b = packB(rt, ctx, 1, b, bIdx[p] * K * N, N, 1, K, N);
        call.a = packA(rt, a, aIdx[p] * M * K, K, 1, M, K, 1);
        call.c = y + p * M * N * 4;
        runGemm(rt, call);
      }
    }
    return finishMatMul(rt, attrs, ep, bias, fullBias, outDims, out, total);
  });
}

/**
 * MatMul with a 2-D B (weights, the common case): A's leading dims are all rows of one GEMM, and
 * the product keeps them. Kept apart from the general path, whose shape helpers (symbolic dims,
 * broadcasting) and dims copies cost ~2 µs per call (scratch timing, 09:55 UTC).
 */
function runMatMul2dB(ctx: KernelContext, inputs: readonly (Value | undefined)[], attrs: Attrs): Value[] | Promise<Value[]> {
  const a = inputs[0] as Tensor, b = inputs[1] as Tensor, bias = inputs[2] as Tensor | null | undefined;
  const rank = a.dims.length, K = a.dims[rank - 1], N = b.dims[1];
  // K === 0 (all zeros or bias) and mismatched inner dims (the reference reports them) go to the reference.
  if (K === 0 || b.dims[0] !== K) return reference(ctx, inputs, attrs);
  const rows = a.size / K;
  const outDims = a.dims.slice();
  outDims[rank - 1] = N;
  const total = rows * N;
  const ep = epilogueFor(attrs);
  const rt = currentRuntime();
  return rt.kernelCall(ctx, () => {
    const pb = packB(rt, ctx, 1, b, 0, N, 1, K, N);
    const { biasPtr, biasCols, fullBias } = biasOf(rt, ctx, bias, N, rank);
    const out = wasmOutput(ctx, rt, total);
    const { bRow, bPanel } = packedBStrides(rt, K);
    runGemm(rt, {
      a: packA(rt, a, 0, K, 1, rows, K, 1), b: pb, bRow, bPanel, c: out.ptr, ldc: N, M: rows, N, K,
      bias: biasPtr, biasMode: biasCols ? BIAS.col : BIAS.none, accumulate: 0, act: fullBias ? 0 : ep.act, lo: ep.lo, hi: ep.hi,
    });
    return finishMatMul(rt, attrs, ep, bias, fullBias, outDims, out, total);
  });
}

/** A FusedMatMul bias along the last axis goes through the GEMM's per-column epilogue; any other shape is added on the host. */
function biasOf(rt: WasmRuntime, ctx: KernelContext, bias: Tensor | null | undefined, N: number, outRank: number): { biasPtr: number; biasCols: boolean; fullBias: boolean } {
  if (!bias) return NO_BIAS;
  const biasCols = bias.size === N && bias.dims.length <= outRank && (bias.dims[bias.dims.length - 1] ?? 1) === N;
  return { biasPtr: biasCols ? rt.tensorPtr(bias, isConstant(ctx, 2, bias)) : 0, biasCols, fullBias: !biasCols };
}
const NO_BIAS = { biasPtr: 0, biasCols: false, fullBias: false } as const;

/** Gelu in wasm, the result taken (out to the host where it is not in a lent block), then a bias the epilogue could not take, then host activations. */
function finishMatMul(rt: WasmRuntime, attrs: Attrs, ep: Epilogue, bias: Tensor | null | undefined, fullBias: boolean,
  outDims: number[], result: WasmOutput, total: number): Value[] {
  const geluHere = !fullBias && isGelu(attrs);
  if (geluHere) rt.gelu.gelu(result.ptr, result.ptr, total);
  const out = result.take();
  if (fullBias) {
    const bv = bias!.data as Float32Array;
    const idx = broadcastIndex(bias!.dims, outDims);
    for (let i = 0; i < total; i++) out[i] += bv[idx[i]];
    applyHostAct(out, ep.act, ep.lo, ep.hi);
  }
  if (!geluHere) ep.post?.(out);
  return [f32Tensor(outDims, out)];
}

/**
 * Gelu runs in the generated SIMD module on the result before it leaves wasm memory: the host loop
 * (erf through Math.exp per element) took ~200 µs of the 280 µs of tinybert's 16×128·128×512
 * FusedMatMul (scratch timing, 09:20 UTC).
 */
function isGelu(attrs: Attrs): boolean {
  return attrs.activation === 'Gelu';
}

/** Relu/Clip on the host (for results whose bias could not go through the epilogue). */
function applyHostAct(y: Float32Array, act: number, lo: number, hi: number): void {
  if (act === 1) for (let i = 0; i < y.length; i++) { if (y[i] < 0) y[i] = 0; }
  else if (act === 2) for (let i = 0; i < y.length; i++) { if (y[i] < lo) y[i] = lo; else if (y[i] > hi) y[i] = hi; }
}

/** Gemm and FusedGemm: act(alpha·op(A)·op(B) + beta·C). */
export function runGemmOp(ctx: KernelContext, inputs: readonly (Value | undefined)[], attrs: Attrs): Value[] | Promise<Value[]> {
  const a = inputs[0] as Tensor, b = inputs[1] as Tensor, cT = inputs[2] as Tensor | null | undefined;
  const transA = attrs.transA as number, transB = attrs.transB as number;
  const alpha = attrs.alpha as number, beta = attrs.beta as number;
  const [M, K, N] = gemmShapes(a.dims, b.dims, cT?.dims, transA, transB,
    ctx.node.domain === '' && exactC(ctx.version, attrs.broadcast as number | undefined));
  if (K === 0 || (beta !== 1 && cT && beta !== 0 && !Number.isFinite(beta))) return reference(ctx, inputs, attrs);
  const ep = epilogueFor(attrs);
  const rt = currentRuntime();
  return rt.kernelCall(ctx, () => {
    const hasC = !!cT && beta !== 0 && cT.size > 0;
    const cCols = hasC && beta === 1 && cT!.size === N && (cT!.dims[cT!.dims.length - 1] ?? 1) === N && N > 1;
    const pb = packB(rt, ctx, 1, b, 0, transB ? 1 : N, transB ? K : 1, K, N);
    const biasPtr = cCols ? rt.tensorPtr(cT!, isConstant(ctx, 2, cT)) : 0;
    const pa = packA(rt, a, 0, transA ? 1 : K, transA ? M : 1, M, K, alpha);
    const result = wasmOutput(ctx, rt, M * N), y = result.ptr;
    let accumulate = 0;
    if (hasC && !cCols) {
      // beta·C broadcast into Y first, then the GEMM accumulates onto it.
      const cv = cT!.data as Float32Array, idx = broadcastIndex(cT!.dims, [M, N]);
      const f32 = rt.f32, base = y >> 2;
      for (let i = 0; i < M * N; i++) f32[base + i] = beta * cv[idx[i]];
      accumulate = 1;
    }
    const strides = packedBStrides(rt, K);
    runGemm(rt, {
      a: pa, b: pb, bRow: strides.bRow, bPanel: strides.bPanel, c: y, ldc: N, M, N, K,
      bias: biasPtr, biasMode: cCols ? BIAS.col : BIAS.none, accumulate, act: ep.act, lo: ep.lo, hi: ep.hi,
    });
    const geluHere = isGelu(attrs);
    if (geluHere) rt.gelu.gelu(y, y, M * N);
    const out = result.take();
    if (!geluHere) ep.post?.(out);
    return [f32Tensor([M, N], out)];
  });
}

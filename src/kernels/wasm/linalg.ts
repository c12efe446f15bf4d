/**
 * MatMul, Gemm and their fused forms (src/ir/ops/linalg/, src/ir/ops/fused/) on the generated GEMM.
 * Constant B operands are packed once into resident memory; A is packed per call (alpha folded in).
 */
import { broadcastIndex, broadcastShapes } from '../../ir/ops/common/broadcast.js';
import { matmulDims } from '../../ir/ops/linalg/matmul.js';
import type { Value } from '../../ir/ops/spec.js';
import type { Tensor } from '../../ir/tensor.js';
import type { KernelContext } from '../kernel.js';
import { f32Tensor, isConstant, reference, sizeOfDims } from './common.js';
import { BIAS, epilogueOf, packedABytes, packedBBytes, packedBStrides, runGemm } from './gemm.js';
import { currentRuntime, type WasmRuntime } from './runtime.js';

type Attrs = Readonly<Record<string, unknown>>;

/** Packed B: resident for constants, scratch otherwise. `rs`/`cs`: element strides of B[k, j]. */
function packB(rt: WasmRuntime, ctx: KernelContext, index: number, b: Tensor, offset: number, rs: number, cs: number, K: number, N: number): number {
  const bytes = packedBBytes(rt, K, N);
  const fill = (dst: number) => {
    const raw = rt.copyIn((b.data as Float32Array).subarray(offset, offset + (rs === 1 ? K + (N - 1) * cs : (K - 1) * rs + N)));
    rt.gemm.packB(raw, rs, cs, K, N, dst);
  };
  if (isConstant(ctx, index, b)) return rt.residentFor(b, `B:${offset}:${rs}:${cs}:${rt.gemmVariant}`, bytes, fill);
  const dst = rt.alloc(bytes);
  fill(dst);
  return dst;
}

function packA(rt: WasmRuntime, a: Tensor, offset: number, rs: number, cs: number, M: number, K: number, alpha: number): number {
  const raw = rt.copyIn((a.data as Float32Array).subarray(offset, offset + M * K));
  const dst = rt.alloc(packedABytes(rt, M, K));
  rt.gemm.packA(raw, rs, cs, M, K, dst, alpha);
  return dst;
}

/** MatMul and FusedMatMul (numpy.matmul, then bias with numpy broadcasting, then activation). */
export function runMatMul(ctx: KernelContext, inputs: readonly (Value | undefined)[], attrs: Attrs): Promise<Value[]> | Value[] {
  const a = inputs[0] as Tensor, b = inputs[1] as Tensor, bias = inputs[2] as Tensor | null | undefined;
  const aDims = a.dims.length === 1 ? [1, a.dims[0]] : [...a.dims];
  const bDims = b.dims.length === 1 ? [b.dims[0], 1] : [...b.dims];
  const M = aDims[aDims.length - 2], K = aDims[aDims.length - 1], N = bDims[bDims.length - 1];
  if (K === 0) return reference(ctx, inputs, attrs);
  const outDims = matmulDims(a.dims, b.dims) as number[];
  const batchDims = broadcastShapes(aDims.slice(0, -2), bDims.slice(0, -2));
  const batches = sizeOfDims(batchDims);
  const total = batches * M * N;
  const ep = epilogueOf((attrs.activation as string | undefined) ?? '', (attrs.activation_params as number[] | undefined) ?? []);
  const rt = currentRuntime();
  return rt.exclusive(async () => {
    try {
      const bBatched = sizeOfDims(bDims.slice(0, -2)) > 1;
      // Resident (constant) operands first: they must be placed before any scratch of this call.
      const pbShared = bBatched ? 0 : packB(rt, ctx, 1, b, 0, N, 1, K, N);
      // Bias along the last axis only: the per-column epilogue; anything else is added on the host.
      const biasCols = !!bias && bias.size === N && bias.dims.length <= outDims.length && (bias.dims[bias.dims.length - 1] ?? 1) === N;
      const fullBias = !!bias && !biasCols;
      const inEpilogue = !fullBias;
      const biasPtr = biasCols ? rt.tensorPtr(bias!, isConstant(ctx, 2, bias)) : 0;
      const y = rt.alloc(total * 4);
      const common = {
        ldc: N, N, K, bias: biasPtr, biasMode: biasCols ? BIAS.col : BIAS.none, accumulate: 0,
        act: inEpilogue ? ep.act : 0, lo: ep.lo, hi: ep.hi,
      };
      const aBatchSize = sizeOfDims(aDims.slice(0, -2));
      if (!bBatched && aBatchSize === batches) {
        // One B for every batch: the batches are extra rows of A.
        const pa = packA(rt, a, 0, K, 1, batches * M, K, 1);
        const pending = runGemm(rt, { ...common, a: pa, b: pbShared, ...packedBStrides(rt, K), c: y, M: batches * M });
        if (pending) await pending;
      } else {
        const aIdx = broadcastIndex(aDims.slice(0, -2), batchDims), bIdx = broadcastIndex(bDims.slice(0, -2), batchDims);
        for (let p = 0; p < batches; p++) {
          const pb = bBatched ? packB(rt, ctx, 1, b, bIdx[p] * K * N, N, 1, K, N) : pbShared;
          const pa = packA(rt, a, aIdx[p] * M * K, K, 1, M, K, 1);
          const pending = runGemm(rt, { ...common, a: pa, b: pb, ...packedBStrides(rt, K), c: y + p * M * N * 4, M });
          if (pending) await pending;
        }
      }
      const out = rt.copyOut(y, total);
      if (fullBias) {
        const bv = bias!.data as Float32Array;
        const idx = broadcastIndex(bias!.dims, outDims);
        for (let i = 0; i < total; i++) out[i] += bv[idx[i]];
        applyHostAct(out, ep.act, ep.lo, ep.hi);
      }
      ep.post?.(out);
      return [f32Tensor(outDims, out)];
    } finally {
      rt.resetScratch();
    }
  });
}

/** Relu/Clip on the host (for results whose bias could not go through the epilogue). */
function applyHostAct(y: Float32Array, act: number, lo: number, hi: number): void {
  if (act === 1) for (let i = 0; i < y.length; i++) { if (y[i] < 0) y[i] = 0; }
  else if (act === 2) for (let i = 0; i < y.length; i++) { if (y[i] < lo) y[i] = lo; else if (y[i] > hi) y[i] = hi; }
}

/** Gemm and FusedGemm: act(alpha·op(A)·op(B) + beta·C). */
export function runGemmOp(ctx: KernelContext, inputs: readonly (Value | undefined)[], attrs: Attrs): Promise<Value[]> | Value[] {
  const a = inputs[0] as Tensor, b = inputs[1] as Tensor, cT = inputs[2] as Tensor | null | undefined;
  const transA = attrs.transA as number, transB = attrs.transB as number;
  const alpha = attrs.alpha as number, beta = attrs.beta as number;
  const [M, K] = transA ? [a.dims[1], a.dims[0]] : [a.dims[0], a.dims[1]];
  const N = transB ? b.dims[0] : b.dims[1];
  if (K === 0 || (beta !== 1 && cT && beta !== 0 && !Number.isFinite(beta))) return reference(ctx, inputs, attrs);
  const ep = epilogueOf((attrs.activation as string | undefined) ?? '', (attrs.activation_params as number[] | undefined) ?? []);
  const rt = currentRuntime();
  return rt.exclusive(async () => {
    try {
      const hasC = !!cT && beta !== 0 && cT.size > 0;
      const cCols = hasC && beta === 1 && cT!.size === N && (cT!.dims[cT!.dims.length - 1] ?? 1) === N && N > 1;
      const pb = packB(rt, ctx, 1, b, 0, transB ? 1 : N, transB ? K : 1, K, N);
      const biasPtr = cCols ? rt.tensorPtr(cT!, isConstant(ctx, 2, cT)) : 0;
      const pa = packA(rt, a, 0, transA ? 1 : K, transA ? M : 1, M, K, alpha);
      const y = rt.alloc(M * N * 4);
      let accumulate = 0;
      if (hasC && !cCols) {
        // beta·C broadcast into Y first, then the GEMM accumulates onto it.
        const cv = cT!.data as Float32Array, idx = broadcastIndex(cT!.dims, [M, N]);
        const f32 = rt.f32, base = y >> 2;
        for (let i = 0; i < M * N; i++) f32[base + i] = beta * cv[idx[i]];
        accumulate = 1;
      }
      const pending = runGemm(rt, {
        a: pa, b: pb, ...packedBStrides(rt, K), c: y, ldc: N, M, N, K,
        bias: biasPtr, biasMode: cCols ? BIAS.col : BIAS.none, accumulate, act: ep.act, lo: ep.lo, hi: ep.hi,
      });
      if (pending) await pending;
      const out = rt.copyOut(y, M * N);
      ep.post?.(out);
      return [f32Tensor([M, N], out)];
    } finally {
      rt.resetScratch();
    }
  });
}

/**
 * Conv and FusedConv (src/ir/ops/nn/conv.ts, src/ir/ops/fused/fused-conv.ts), 1-D and 2-D, on the
 * generated kernels. Routes (selection.ts): depthwise 3×3 → the direct dwconv kernel; dense 3×3
 * stride 1 with enough channels → Winograd F(2×2, 3×3) (winograd.ts); otherwise per image and
 * group, W (packed once, resident) × the input: read in place for a 1×1 stride-1 conv, else
 * unrolled by im2col. The bias and Relu/Clip run in the GEMM's (or the transform's) epilogue.
 */
import { windowGeometry } from '../../ir/ops/common/conv-shapes.js';
import { checkConvOperands } from '../../ir/ops/nn/conv.js';
import type { Value } from '../../ir/ops/spec.js';
import type { Tensor } from '../../ir/tensor.js';
import { finiteOperand } from '../finite.js';
import type { KernelContext } from '../kernel.js';
import { f32Tensor, isConstant, reference } from './common.js';
import { BIAS, epilogueFor, packedABytes, packedGroupsA, plainBStrides, runGemm } from './gemm.js';
import { wasmOutput } from './output.js';
import { currentRuntime, type WasmRuntime } from './runtime.js';
import { depthwiseRoute, splitChunk, THRESHOLDS, winogradRoute } from './selection.js';
import { count, offset, perThread, splitCall, threadsFor } from './threads.js';
import { runWinograd, winogradFilters } from './winograd.js';

type Attrs = Readonly<Record<string, unknown>>;

/**
 * Conv geometry viewed as 2-D: a 1-D conv becomes H = 1. The 1-D geometry (auto_pad included) is
 * resolved on its real axis and then lifted; resolving a lifted geometry first with the pads left
 * at 0 refused inputs that only fit once SAME_* padding is added (kernel 2 on a length-1 axis).
 */
function as2d(x: Tensor, w: Tensor, attrs: Attrs) {
  const kernel = (attrs.kernel_shape as number[] | undefined) ?? w.dims.slice(2);
  const window = {
    auto_pad: attrs.auto_pad as string, strides: attrs.strides as number[] | undefined,
    dilations: attrs.dilations as number[] | undefined, pads: attrs.pads as number[] | undefined,
  };
  if (x.dims.length !== 3) return { spatial: [x.dims[2], x.dims[3]], geo: windowGeometry([x.dims[2], x.dims[3]], kernel, window) };
  const g1 = windowGeometry([x.dims[2]], kernel, window);
  const geo = {
    kernel: [1, g1.kernel[0]], strides: [1, g1.strides[0]], dilations: [1, g1.dilations[0]],
    pads: [0, g1.pads[0], 0, g1.pads[1]], out: [1, g1.out[0]],
  };
  return { spatial: [1, x.dims[2]], geo };
}

/** im2col split by input channels: each channel fills its own KH·KW rows of `cols`. */
function im2colSplit(rt: WasmRuntime, x: number, C: number, H: number, W: number, KH: number, KW: number, sh: number, sw: number,
  dh: number, dw: number, pt: number, pl: number, OH: number, OW: number, cols: number): void {
  const rows = KH * KW, P = OH * OW;
  const threads = Math.min(C, threadsFor(C * rows * P, THRESHOLDS.minIm2colFloatsPerThread));
  const chunk = splitChunk(C, threads);
  splitCall('im2col-f32-2d-wasmsimd:im2col', C, chunk, threads, [offset(x, H * W * 4), count(1, C), H, W, KH, KW, sh, sw, dh, dw,
    pt, pl, OH, OW, offset(cols, rows * P * 4)], rt.im2col.im2col as unknown as (...args: number[]) => void);
}

/**
 * The filters as the GEMM's packed A, one [M/group, Cg·KH·KW] block per group: resident (packed
 * once per session, at creation through `prepareConv`) for an initializer, scratch otherwise.
 */
function packedFilters(rt: WasmRuntime, w: Tensor, group: number, constant: boolean): number {
  const Mg = w.dims[0] / group, Kg = w.size / w.dims[0];
  return packedGroupsA(rt, w, group, Mg, Kg, Kg, 1, `convA:${rt.gemmVariant}`, constant);
}

/** Session creation: packs a constant filter (or stages a depthwise one) where runConv will look for it. */
export function prepareConv(ctx: KernelContext, constants: readonly (Tensor | undefined)[], attrs: Attrs): void {
  const w = constants[1];
  if (!w || w.type !== 'float32' || (w.dims.length !== 3 && w.dims.length !== 4) || w.size === 0) return;
  const group = attrs.group as number;
  const M = w.dims[0], C = w.dims[1] * group;
  if (M % group !== 0) return;
  const kernel = (attrs.kernel_shape as number[] | undefined) ?? w.dims.slice(2);
  const spatial = w.dims.length - 2;
  const strides = (attrs.strides as number[] | undefined)?.length ? attrs.strides as number[] : new Array(spatial).fill(1);
  const dilations = (attrs.dilations as number[] | undefined)?.length ? attrs.dilations as number[] : new Array(spatial).fill(1);
  const rt = currentRuntime();
  const depthwise = spatial === 2 && depthwiseRoute(group, C, M, kernel, strides, dilations);
  const winograd = spatial === 2 && winogradRoute(group, C, M, kernel, strides, dilations);
  rt.kernelCall(ctx, () => {
    if (depthwise) rt.tensorPtr(w, true);
    else if (winograd) winogradFilters(rt, w, true);
    else packedFilters(rt, w, group, true);
    const b = constants[2];
    if (b && b.type === 'float32') rt.tensorPtr(b, true);
  });
}

/** Conv/FusedConv on the wasm kernels (routes in the header). */
export function runConv(ctx: KernelContext, inputs: readonly (Value | undefined)[], attrs: Attrs): Promise<Value[]> | Value[] {
  const x = inputs[0] as Tensor, w = inputs[1] as Tensor, b = inputs[2] as Tensor | null | undefined;
  checkConvOperands(x.dims, w.dims, b?.dims, attrs.group as number, attrs.kernel_shape as number[] | undefined);
  if ((x.dims.length !== 4 && x.dims.length !== 3) || w.dims.length !== x.dims.length) return reference(ctx, inputs, attrs);
  const { spatial: [H, W], geo } = as2d(x, w, attrs);
  const [N, C] = x.dims, M = w.dims[0], Cg = w.dims[1];
  const group = attrs.group as number;
  const [KH, KW] = geo.kernel, [OH, OW] = geo.out, [sh, sw] = geo.strides, [dh, dw] = geo.dilations;
  const [pt, pl, pb, pr] = geo.pads;
  const P = OH * OW, Mg = M / group, Kg = Cg * KH * KW;
  const outDims = x.dims.length === 3 ? [N, M, OW] : [N, M, OH, OW];
  if (N * M * P === 0 || Kg === 0) return reference(ctx, inputs, attrs);
  const ep = epilogueFor(attrs);
  const rt = currentRuntime();
  const dwStride = depthwiseRoute(group, C, M, [KH, KW], [sh, sw], [dh, dw]);
  const winograd = x.dims.length === 4 && winogradRoute(group, C, M, [KH, KW], [sh, sw], [dh, dw]);
  return rt.kernelCall(ctx, () => {
    const wConst = isConstant(ctx, 1, w);
    const xData = x.data as Float32Array;
    // (The depthwise kernel writes up to 4 floats past the end: within every output's slack.)
    const out = wasmOutput(ctx, rt, N * M * P);
    const y = out.ptr;
    if (dwStride) {
      const wPtr = rt.tensorPtr(w, wConst);
      const biasPtr = b ? rt.tensorPtr(b, isConstant(ctx, 2, b)) : 0;
      const ow4 = Math.ceil(OW / 4) * 4;
      const Wp = Math.max(pl + W + pr, ow4 * dwStride + 4);
      const Hp = Math.max(pt + H + pb, (OH - 1) * dwStride + 3) + 1;
      // One zero-bordered buffer per thread (the kernel only rewrites its interior).
      const threads = Math.min(C, threadsFor(C * P, THRESHOLDS.minDwOutputsPerThread));
      const padBytes = (Hp * Wp * 4 + 64 + 63) & ~63;
      const pad = rt.alloc(padBytes * threads);
      rt.f32.fill(0, pad >> 2, (pad + padBytes * threads) >> 2);
      const xp = rt.copyIn(xData);
      const k = rt.dw[dwStride];
      const fn = `${rt.dwVariants[dwStride]}:dwconv3x3`;
      const chunk = splitChunk(C, threads);
      for (let n = 0; n < N; n++) {
        // By channels: the input plane, the 9 weights, the bias and the output plane move together.
        splitCall(fn, C, chunk, threads, [offset(xp + n * C * H * W * 4, H * W * 4), offset(wPtr, 36), offset(biasPtr, 4),
          offset(y + n * M * P * 4, P * 4), count(1, C), H, W, OH, OW, dwStride, pt, pl, Hp, Wp, perThread(pad, padBytes),
          ep.act, ep.lo, ep.hi], k.dwconv3x3 as unknown as (...args: number[]) => void);
      }
    } else if (winograd && finiteOperand(xData, false) && finiteOperand(w.data as Float32Array, wConst)) {
      // (A non-finite value would spread through the transforms: src/kernels/finite.ts.)
      const uPtr = winogradFilters(rt, w, wConst);
      const biasPtr = b ? rt.tensorPtr(b, isConstant(ctx, 2, b)) : 0;
      const xp = rt.copyIn(xData);
      runWinograd(rt, xp, N, C, H, W, M, pt, pl, OH, OW, uPtr, biasPtr, ep, y);
    } else {
      const groupBytes = packedABytes(rt, Mg, Kg);
      const aPtr = packedFilters(rt, w, group, wConst);
      const biasPtr = b ? rt.tensorPtr(b, isConstant(ctx, 2, b)) : 0;
      const xp = rt.copyIn(xData);
      const pointwise = KH === 1 && KW === 1 && sh === 1 && sw === 1 && pt === 0 && pl === 0 && pb === 0 && pr === 0;
      const cols = pointwise ? 0 : rt.alloc(Kg * P * 4);
      for (let n = 0; n < N; n++) {
        for (let g = 0; g < group; g++) {
          const xg = xp + (n * C + g * Cg) * H * W * 4;
          if (!pointwise) im2colSplit(rt, xg, Cg, H, W, KH, KW, sh, sw, dh, dw, pt, pl, OH, OW, cols);
          runGemm(rt, {
            a: aPtr + g * groupBytes, b: pointwise ? xg : cols, ...plainBStrides(rt, P),
            c: y + (n * M + g * Mg) * P * 4, ldc: P, M: Mg, N: P, K: Kg,
            bias: biasPtr ? biasPtr + g * Mg * 4 : 0, biasMode: biasPtr ? BIAS.row : BIAS.none, accumulate: 0,
            act: ep.act, lo: ep.lo, hi: ep.hi,
          });
        }
      }
    }
    const data = out.take();
    ep.post?.(data);
    return [f32Tensor(outDims, data)];
  });
}

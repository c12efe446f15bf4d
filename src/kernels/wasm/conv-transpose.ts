/**
 * ConvTranspose (src/ir/ops/nn/conv-transpose.ts), 1-D and 2-D, float32: per image and group,
 * cols = Wᵀ·X on the generated GEMM (rows: output channel × kernel tap, columns: input pixels;
 * Wᵀ packed once and resident, as Conv's filters are), then col2im adds each row into the output
 * plane where its tap lands (`col2im` of the im2col module, codegen/wasm/templates/conv.ts), split
 * by output channels across threads. On the reference kernel unet_tiny's 64→32 2×2 stride-2 layer
 * took 5.8 ms.
 */
import { transposeGeometry } from '../../ir/ops/common/conv-shapes.js';
import { convTransposeOperandsFit } from '../../ir/ops/nn/conv-transpose.js';
import type { Value } from '../../ir/ops/spec.js';
import type { Tensor } from '../../ir/tensor.js';
import type { KernelContext } from '../kernel.js';
import { f32Tensor, isConstant, reference } from './common.js';
import { BIAS, packedABytes, packedGroupsA, plainBStrides, runGemm } from './gemm.js';
import { wasmOutput } from './output.js';
import { currentRuntime, type WasmRuntime } from './runtime.js';
import { splitChunk, THRESHOLDS } from './selection.js';
import { count, offset, splitCall, threadsFor } from './threads.js';

type Attrs = Readonly<Record<string, unknown>>;

/** Whether the operands fit this kernel: 1-D or 2-D, float32, non-empty (the rest, and whatever the spec rejects, go to the reference). */
function fits(x: Tensor, w: Tensor, b: Tensor | null | undefined, group: number, kernel: readonly number[]): boolean {
  return x.dims.length <= 4 && convTransposeOperandsFit(x.dims, w.dims, b?.size, group, kernel)
    && x.type === 'float32' && w.type === 'float32' && (!b || b.type === 'float32') && x.size > 0 && w.size > 0;
}

/** Wᵀ of every group as the GEMM's packed A: group g is [Mg·taps, Cg], element (r, c) = W[g·Cg + c, r]. */
function packedTransposedFilters(rt: WasmRuntime, w: Tensor, group: number, constant: boolean): number {
  const Cg = w.dims[0] / group, rows = w.size / w.dims[0];
  return packedGroupsA(rt, w, group, rows, Cg, 1, rows, `convTransposeA:${rt.gemmVariant}`, constant);
}

/** Session creation: packs a constant W where runConvTranspose will look for it. */
export function prepareConvTranspose(ctx: KernelContext, constants: readonly (Tensor | undefined)[], attrs: Attrs): void {
  const w = constants[1];
  const group = (attrs.group as number | undefined) ?? 1;
  if (!w || w.type !== 'float32' || (w.dims.length !== 3 && w.dims.length !== 4) || w.size === 0 || w.dims[0] % group !== 0) return;
  const rt = currentRuntime();
  rt.kernelCall(ctx, () => { packedTransposedFilters(rt, w, group, true); });
}

/** ConvTranspose on the wasm GEMM and a col2im scatter (see the header). */
export function runConvTranspose(ctx: KernelContext, inputs: readonly (Value | undefined)[], attrs: Attrs): Value[] | Promise<Value[]> {
  const x = inputs[0] as Tensor, w = inputs[1] as Tensor, b = inputs[2] as Tensor | null | undefined;
  const group = (attrs.group as number | undefined) ?? 1;
  const kernel = (attrs.kernel_shape as number[] | undefined) ?? w.dims.slice(2);
  if (!fits(x, w, b, group, kernel)) return reference(ctx, inputs, attrs);
  const oneD = x.dims.length === 3;
  const spatial = x.dims.slice(2);
  const geo = transposeGeometry(spatial, kernel, attrs);
  // 1-D viewed as 2-D with one row.
  const lift = (v: readonly number[], one: number) => (oneD ? [one, v[0]] : [v[0], v[1]]);
  const [H, W] = lift(spatial, 1), [KH, KW] = lift(geo.kernel, 1), [OH, OW] = lift(geo.out, 1);
  const [sh, sw] = lift(geo.strides, 1), [dh, dw] = lift(geo.dilations, 1);
  const [ph, pw] = oneD ? [0, geo.pads[0]] : [geo.pads[0], geo.pads[1]];
  const [N, C, Mg] = [x.dims[0], x.dims[1], w.dims[1]];
  const M = Mg * group, Cg = C / group, taps = KH * KW, rows = Mg * taps, P = H * W, OP = OH * OW;
  const rt = currentRuntime();
  return rt.kernelCall(ctx, () => {
    const groupBytes = packedABytes(rt, rows, Cg);
    const aPtr = packedTransposedFilters(rt, w, group, isConstant(ctx, 1, w));
    const xp = rt.copyIn(x.data as Float32Array);
    const biasPtr = b ? rt.tensorPtr(b, isConstant(ctx, 2, b)) : 0;
    const cols = rt.alloc(rows * P * 4);
    const out = wasmOutput(ctx, rt, N * M * OP);
    // col2im by output channels: each reads its own KH·KW rows of cols and writes its own plane.
    const threads = Math.min(Mg, threadsFor(Mg * taps * P, THRESHOLDS.minIm2colFloatsPerThread));
    for (let n = 0; n < N; n++) {
      for (let g = 0; g < group; g++) {
        runGemm(rt, {
          a: aPtr + g * groupBytes, b: xp + (n * C + g * Cg) * P * 4, ...plainBStrides(rt, P), c: cols, ldc: P, M: rows, N: P, K: Cg,
          bias: 0, biasMode: BIAS.none, accumulate: 0, act: 0, lo: 0, hi: 0,
        });
        splitCall('im2col-f32-2d-wasmsimd:col2im', Mg, splitChunk(Mg, threads), threads, [offset(cols, taps * P * 4), count(1, Mg), H, W, KH, KW,
          sh, sw, dh, dw, ph, pw, OH, OW, offset(out.ptr + (n * M + g * Mg) * OP * 4, OP * 4), offset(biasPtr ? biasPtr + g * Mg * 4 : 0, 4)],
        rt.im2col.col2im as unknown as (...args: number[]) => void);
      }
    }
    return [f32Tensor([N, M, ...geo.out], out.take())];
  });
}

/**
 * ConvTranspose (src/ir/ops/nn/conv-transpose.ts), 1-D and 2-D, float32: per image and group,
 * cols = Wᵀ·X on the generated GEMM (rows: output channel × kernel tap, columns: input pixels;
 * Wᵀ packed once and resident, as Conv's filters are), then col2im adds each row into the output
 * plane where its tap lands. col2im is a scatter with the stride in its inner loop, which SIMD lanes
 * do not help, so it is plain TypeScript over the runtime's memory, like concat.ts. On the reference
 * kernel unet_tiny's 64→32 2×2 stride-2 layer took 5.8 ms.
 */
import { transposeGeometry } from '../../ir/ops/common/conv-shapes.js';
import type { Value } from '../../ir/ops/spec.js';
import type { Tensor } from '../../ir/tensor.js';
import type { KernelContext } from '../kernel.js';
import { f32Tensor, isConstant, reference } from './common.js';
import { BIAS, packedABytes, plainBStrides, runGemm } from './gemm.js';
import { wasmOutput } from './output.js';
import { currentRuntime, type WasmRuntime } from './runtime.js';

type Attrs = Readonly<Record<string, unknown>>;

/** Whether the operands fit this kernel (the rest, and whatever the spec rejects, go to the reference). */
function fits(x: Tensor, w: Tensor, b: Tensor | null | undefined, group: number): boolean {
  const rank = x.dims.length;
  return (rank === 3 || rank === 4) && w.dims.length === rank && x.type === 'float32' && w.type === 'float32' && (!b || b.type === 'float32')
    && group >= 1 && w.dims[0] === x.dims[1] && x.dims[1] % group === 0 && (!b || b.size === w.dims[1] * group) && x.size > 0 && w.size > 0;
}

/** Wᵀ of every group as the GEMM's packed A: group g is [Mg·taps, Cg], element (r, c) = W[g·Cg + c, r]. */
function packedTransposedFilters(rt: WasmRuntime, w: Tensor, group: number, constant: boolean): number {
  const Cg = w.dims[0] / group, rows = w.size / w.dims[0];
  const groupBytes = packedABytes(rt, rows, Cg);
  const fill = (dst: number) => {
    const raw = rt.copyIn(w.data as Float32Array);
    for (let g = 0; g < group; g++) rt.gemm.packA(raw + g * Cg * rows * 4, 1, rows, rows, Cg, dst + g * groupBytes, 1);
  };
  if (constant) return rt.residentFor(w, `convTransposeA:${rt.gemmVariant}`, groupBytes * group, fill);
  const dst = rt.alloc(groupBytes * group);
  fill(dst);
  return dst;
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
  if (!fits(x, w, b, group)) return reference(ctx, inputs, attrs);
  const oneD = x.dims.length === 3;
  const spatial = x.dims.slice(2), kernel = (attrs.kernel_shape as number[] | undefined) ?? w.dims.slice(2);
  if (kernel.length !== spatial.length || kernel.reduce((p, q) => p * q, 1) !== w.size / (w.dims[0] * w.dims[1])) return reference(ctx, inputs, attrs);
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
    const cols = rt.alloc(rows * P * 4);
    const out = wasmOutput(ctx, rt, N * M * OP);
    const bias = b ? (b.data as Float32Array) : undefined;
    for (let n = 0; n < N; n++) {
      for (let g = 0; g < group; g++) {
        runGemm(rt, {
          a: aPtr + g * groupBytes, b: xp + (n * C + g * Cg) * P * 4, ...plainBStrides(rt, P), c: cols, ldc: P, M: rows, N: P, K: Cg,
          bias: 0, biasMode: BIAS.none, accumulate: 0, act: 0, lo: 0, hi: 0,
        });
        // (rt.f32 after the calls above: a memory that grew has a new buffer.)
        col2im(rt.f32, cols >> 2, (out.ptr >> 2) + (n * M + g * Mg) * OP, Mg, H, W, KH, KW, OH, OW, sh, sw, dh, dw, ph, pw, bias, g * Mg);
      }
    }
    return [f32Tensor([N, M, ...geo.out], out.take())];
  });
}

/**
 * Adds cols (from float index `c`: [Mg·KH·KW, H·W]) into Mg output planes from float index `y`: input
 * pixel (ih, iw) of tap (kh, kw) lands on (ih·sh − ph + kh·dh, iw·sw − pw + kw·dw); taps that land
 * outside are dropped. Plane m starts from bias[bOff + m] (0 without a bias).
 */
function col2im(f: Float32Array, c: number, y: number, Mg: number, H: number, W: number, KH: number, KW: number, OH: number, OW: number,
  sh: number, sw: number, dh: number, dw: number, ph: number, pw: number, bias: Float32Array | undefined, bOff: number): void {
  const P = H * W, OP = OH * OW;
  for (let m = 0; m < Mg; m++) {
    const plane = y + m * OP;
    f.fill(bias ? bias[bOff + m] : 0, plane, plane + OP);
    for (let kh = 0; kh < KH; kh++) {
      for (let kw = 0; kw < KW; kw++) {
        const row = c + (m * KH * KW + kh * KW + kw) * P;
        // The input columns whose output column 0 <= iw·sw + off < OW: no test in the inner loop.
        const off = kw * dw - pw;
        const i0 = Math.max(0, Math.ceil(-off / sw)), i1 = Math.min(W, Math.floor((OW - 1 - off) / sw) + 1);
        if (i0 >= i1) continue;
        for (let ih = 0; ih < H; ih++) {
          const oh = ih * sh - ph + kh * dh;
          if (oh < 0 || oh >= OH) continue;
          let src = row + ih * W + i0, o = plane + oh * OW + i0 * sw + off;
          for (let iw = i0; iw < i1; iw++, src++, o += sw) f[o] += f[src];
        }
      }
    }
  }
}

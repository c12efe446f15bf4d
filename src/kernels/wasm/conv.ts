/**
 * Conv and FusedConv (src/ir/ops/nn/conv.ts, src/ir/ops/fused/fused-conv.ts), 1-D and 2-D, on the
 * generated kernels. Routes (selection.ts): depthwise 3×3 → the direct dwconv kernel; otherwise per
 * image and group, W (packed once, resident) × the input: read in place for a 1×1 stride-1 conv,
 * else unrolled by im2col. The bias and Relu/Clip run in the GEMM's epilogue.
 */
import { windowGeometry } from '../../ir/ops/common/conv-shapes.js';
import type { Value } from '../../ir/ops/spec.js';
import type { Tensor } from '../../ir/tensor.js';
import type { KernelContext } from '../kernel.js';
import { f32Tensor, isConstant, reference } from './common.js';
import { BIAS, epilogueOf, packedABytes, plainBStrides, runGemm } from './gemm.js';
import { currentRuntime } from './runtime.js';
import { depthwiseRoute } from './selection.js';

type Attrs = Readonly<Record<string, unknown>>;

/** Conv attributes viewed as 2-D (a 1-D conv becomes H = 1). */
function as2d(x: Tensor, w: Tensor, attrs: Attrs) {
  const one = x.dims.length === 3;
  const spatial = one ? [1, x.dims[2]] : [x.dims[2], x.dims[3]];
  const kernel = (attrs.kernel_shape as number[] | undefined) ?? w.dims.slice(2);
  const k2 = one ? [1, kernel[0]] : kernel;
  const lift = (v: number[] | undefined, fill: number) => (v && v.length ? (one ? [fill, v[0]] : v) : undefined);
  const pads = attrs.pads as number[] | undefined;
  const geo = windowGeometry(spatial, k2, {
    auto_pad: one && attrs.auto_pad !== 'NOTSET' ? 'NOTSET' : (attrs.auto_pad as string),
    strides: lift(attrs.strides as number[], 1),
    dilations: lift(attrs.dilations as number[], 1),
    pads: one ? (pads && pads.length ? [0, pads[0], 0, pads[1]] : undefined) : pads,
  });
  if (one && attrs.auto_pad !== undefined && attrs.auto_pad !== 'NOTSET') {
    // Resolve SAME_*/VALID on the real axis, then lift.
    const g1 = windowGeometry([x.dims[2]], [kernel[0]], {
      auto_pad: attrs.auto_pad as string, strides: attrs.strides as number[], dilations: attrs.dilations as number[], pads,
    });
    return { spatial, geo: { ...geo, pads: [0, g1.pads[0], 0, g1.pads[1]], out: [1, g1.out[0]] } };
  }
  return { spatial, geo };
}

export function runConv(ctx: KernelContext, inputs: readonly (Value | undefined)[], attrs: Attrs): Promise<Value[]> | Value[] {
  const x = inputs[0] as Tensor, w = inputs[1] as Tensor, b = inputs[2] as Tensor | null | undefined;
  if ((x.dims.length !== 4 && x.dims.length !== 3) || w.dims.length !== x.dims.length) return reference(ctx, inputs, attrs);
  const { spatial: [H, W], geo } = as2d(x, w, attrs);
  const [N, C] = x.dims, M = w.dims[0], Cg = w.dims[1];
  const group = attrs.group as number;
  const [KH, KW] = geo.kernel, [OH, OW] = geo.out, [sh, sw] = geo.strides, [dh, dw] = geo.dilations;
  const [pt, pl, pb, pr] = geo.pads;
  const P = OH * OW, Mg = M / group, Kg = Cg * KH * KW;
  const outDims = x.dims.length === 3 ? [N, M, OW] : [N, M, OH, OW];
  if (N * M * P === 0 || Kg === 0) return reference(ctx, inputs, attrs);
  const ep = epilogueOf((attrs.activation as string | undefined) ?? '', (attrs.activation_params as number[] | undefined) ?? []);
  const rt = currentRuntime();
  const dwStride = depthwiseRoute(group, C, M, [KH, KW], [sh, sw], [dh, dw]);
  return rt.exclusive(async () => {
    try {
      const wConst = isConstant(ctx, 1, w);
      const xData = x.data as Float32Array;
      let y: number;
      if (dwStride) {
        const wPtr = rt.tensorPtr(w, wConst);
        const biasPtr = b ? rt.tensorPtr(b, isConstant(ctx, 2, b)) : 0;
        const ow4 = Math.ceil(OW / 4) * 4;
        const Wp = Math.max(pl + W + pr, ow4 * dwStride + 4);
        const Hp = Math.max(pt + H + pb, (OH - 1) * dwStride + 3) + 1;
        const pad = rt.alloc(Hp * Wp * 4 + 64);
        rt.f32.fill(0, pad >> 2, (pad >> 2) + Hp * Wp + 16);
        const xp = rt.copyIn(xData);
        y = rt.alloc((N * M * P + 4) * 4);
        const k = dwStride === 1 ? rt.dw1 : rt.dw2;
        for (let n = 0; n < N; n++) {
          k.dwconv3x3(xp + n * C * H * W * 4, wPtr, biasPtr, y + n * M * P * 4, C, H, W, OH, OW, dwStride, pt, pl, Hp, Wp, pad, ep.act, ep.lo, ep.hi);
        }
      } else {
        const groupBytes = packedABytes(rt, Mg, Kg);
        const fillA = (dst: number) => {
          const raw = rt.copyIn(w.data as Float32Array);
          for (let g = 0; g < group; g++) rt.gemm.packA(raw + g * Mg * Kg * 4, Kg, 1, Mg, Kg, dst + g * groupBytes, 1);
        };
        const aPtr = wConst ? rt.residentFor(w, `convA:${rt.gemmVariant}`, groupBytes * group, fillA) : (() => {
          const d = rt.alloc(groupBytes * group);
          fillA(d);
          return d;
        })();
        const biasPtr = b ? rt.tensorPtr(b, isConstant(ctx, 2, b)) : 0;
        const xp = rt.copyIn(xData);
        y = rt.alloc(N * M * P * 4);
        const pointwise = KH === 1 && KW === 1 && sh === 1 && sw === 1 && pt === 0 && pl === 0 && pb === 0 && pr === 0;
        const cols = pointwise ? 0 : rt.alloc(Kg * P * 4);
        for (let n = 0; n < N; n++) {
          for (let g = 0; g < group; g++) {
            const xg = xp + (n * C + g * Cg) * H * W * 4;
            if (!pointwise) rt.im2col.im2col(xg, Cg, H, W, KH, KW, sh, sw, dh, dw, pt, pl, OH, OW, cols);
            const pending = runGemm(rt, {
              a: aPtr + g * groupBytes, b: pointwise ? xg : cols, ...plainBStrides(rt, P),
              c: y + (n * M + g * Mg) * P * 4, ldc: P, M: Mg, N: P, K: Kg,
              bias: biasPtr ? biasPtr + g * Mg * 4 : 0, biasMode: biasPtr ? BIAS.row : BIAS.none, accumulate: 0,
              act: ep.act, lo: ep.lo, hi: ep.hi,
            });
            if (pending) await pending;
          }
        }
      }
      const out = rt.copyOut(y, N * M * P);
      ep.post?.(out);
      return [f32Tensor(outDims, out)];
    } finally {
      rt.resetScratch();
    }
  });
}

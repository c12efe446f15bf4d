/**
 * Conv: N-D convolution (cross-correlation) with strides, dilations, pads/auto_pad and groups.
 * https://onnx.ai/onnx/operators/onnx__Conv.html
 */
import { ShapeError } from '../../errors.js';
import type { Dim } from '../../model.js';
import { readValues, Tensor } from '../../tensor.js';
import { formatDims } from '../common/indexing.js';
import { as3d, CONV_ATTRIBUTES, windowGeometry, windowOutputDims, type WindowGeometry } from '../common/conv-shapes.js';
import { FLOATS } from '../common/types.js';
import { defineOp } from '../spec.js';
import { matmulBlock } from '../linalg/matmul.js';

/** Conv: Y = X ⋆ W (+ B), per group of channels. */
export const Conv = defineOp({
  name: 'Conv',
  versions: [1, 11, 22],
  doc: 'N-D convolution of X [N,C,…] with W [M,C/group,…k], plus optional bias B [M].',
  inputs: [{ name: 'X', type: 'T' }, { name: 'W', type: 'T' }, { name: 'B', type: 'T', optional: true }],
  outputs: [{ name: 'Y', type: 'T' }],
  types: { T: FLOATS },
  attributes: CONV_ATTRIBUTES,
  inferShape: ({ inputs: [x, w, b], attrs }) => {
    if (!x?.dims || !w?.dims) return [{ kind: 'tensor', dtype: x?.dtype }];
    checkConvOperands(x.dims, w.dims, b?.dims, attrs.group, attrs.kernel_shape);
    const kernel = attrs.kernel_shape ?? w.dims.slice(2).map((d) => (typeof d === 'number' ? d : undefined));
    return [{ kind: 'tensor', dtype: x.dtype, dims: windowOutputDims(x.dims, w.dims[0] as Dim, kernel, attrs) }];
  },
  reference: ({ inputs, attrs }) => {
    const x = inputs[0] as Tensor, w = inputs[1] as Tensor, b = inputs[2] as Tensor | undefined | null;
    checkConvOperands(x.dims, w.dims, b?.dims, attrs.group, attrs.kernel_shape);
    const geo = windowGeometry(x.dims.slice(2), attrs.kernel_shape ?? w.dims.slice(2), attrs);
    const out = convForward(readValues(x), x.dims, readValues(w), w.dims, b ? readValues(b) : undefined, geo, attrs.group);
    return [Tensor.fromValues(x.type, [x.dims[0], w.dims[0], ...geo.out], out)];
  },
});

/**
 * W's kernel (its spatial dims, symbolic allowed): `kernel_shape`, when given, must be it (as ONNX
 * Runtime requires; the spec infers kernel_shape from W), and no kernel dim may be 0. An empty
 * kernel sums over no taps, and its dilated extent (k-1)·d+1 ≤ 0 makes output sizes larger than
 * the input: the providers disagreed on what that means (the wasm GEMM returned NaN, the
 * reference the bias), so it is refused everywhere.
 */
export function checkConvKernel(w: readonly Dim[], kernelShape: readonly number[] | undefined): void {
  const spatial = w.slice(2);
  if (kernelShape) {
    const fits = kernelShape.length === spatial.length && spatial.every((d, i) => typeof d !== 'number' || d === kernelShape[i]);
    if (!fits) throw new ShapeError(`Conv: kernel_shape [${kernelShape.join(',')}] does not match the spatial dims of W ${formatDims(w)}`);
  }
  if (spatial.some((d) => d === 0)) throw new ShapeError(`Conv: W ${formatDims(w)} has an empty kernel`);
}

/**
 * Conv's operand rules: X and W of one rank ≥ 3, X's channels = W's per-group channels × group,
 * W's filters a multiple of group, B (if any) one value per filter, and W's kernel per
 * checkConvKernel. Shape inference calls it on the declared dims (symbolic ones are skipped) and
 * every provider's Conv kernel on the actual dims before reading its operands, since load-time
 * inference cannot see dims that were not declared (a B of the wrong length was read past its end).
 */
export function checkConvOperands(x: readonly Dim[], w: readonly Dim[], b: readonly Dim[] | undefined, group: number,
  kernelShape: readonly number[] | undefined): void {
  if (x.length < 3 || w.length !== x.length) {
    throw new ShapeError(`Conv needs X of rank >= 3 and W of the same rank, got X ${formatDims(x)} and W ${formatDims(w)}`);
  }
  checkConvKernel(w, kernelShape);
  const [c, m, wc] = [x[1], w[0], w[1]];
  if ((typeof c === 'number' && typeof wc === 'number' && c !== wc * group) || (typeof m === 'number' && m % group !== 0)) {
    throw new ShapeError(`Conv: X ${formatDims(x)} and W ${formatDims(w)} do not fit group ${group} (X's channels must be W's dim 1 × group, W's filters a multiple of group)`);
  }
  if (b && (b.length !== 1 || (typeof b[0] === 'number' && typeof m === 'number' && b[0] !== m))) {
    throw new ShapeError(`Conv: B ${formatDims(b)} must be [${m ?? '?'}], one value per filter of W ${formatDims(w)}`);
  }
}

/**
 * Convolution as im2col + GEMM, in float64. For each image and group, the input patches are
 * unrolled into a [Cg·k, outPlane] matrix (zeros where a tap falls in the padding), and the group's
 * weights [Mg, Cg·k] multiply it. The GEMM's innermost loop then runs over whole output planes,
 * which keeps it long even for the small 7x7 maps deep in a network; the earlier direct loop
 * (one pass per kernel tap over each output row) spent most of resnet18's time on loop overhead.
 * The operands have passed checkConvOperands.
 */
export function convForward(x: ArrayLike<number>, xDims: readonly number[], w: ArrayLike<number>, wDims: readonly number[],
  bias: ArrayLike<number> | undefined, geo: WindowGeometry, group: number): Float64Array {
  const nSp = xDims.length - 2;
  const [N, C, M, Cg] = [xDims[0], xDims[1], wDims[0], wDims[1]];
  const [D, H, W] = as3d(xDims.slice(2), 1);
  const Mg = M / group, inPlane = D * H * W;
  const outPlane = geo.out.reduce((p, q) => p * q, 1);
  const kSize = geo.kernel.reduce((p, q) => p * q, 1);
  const out = new Float64Array(N * M * outPlane);
  // A 1x1 kernel with unit strides and no padding reads the input as it is.
  const pointwise = kSize === 1 && geo.strides.every((v) => v === 1) && geo.pads.every((v) => v === 0);
  const cols = pointwise ? undefined : new Float64Array(Cg * kSize * outPlane);
  for (let n = 0; n < N; n++) {
    for (let g = 0; g < group; g++) {
      const xOff = (n * C + g * Cg) * inPlane;
      const oOff = (n * M + g * Mg) * outPlane;
      if (bias) for (let m = 0; m < Mg; m++) out.fill(bias[g * Mg + m], oOff + m * outPlane, oOff + (m + 1) * outPlane);
      if (cols) {
        im2col(x, xOff, Cg, [D, H, W], geo, nSp, cols);
        matmulBlock(w, g * Mg * Cg * kSize, cols, 0, out, oOff, Mg, Cg * kSize, outPlane);
      } else {
        matmulBlock(w, g * Mg * Cg, x, xOff, out, oOff, Mg, Cg, outPlane);
      }
    }
  }
  return out;
}

/**
 * Unrolls the windows of `channels` input planes (starting at xOff) into cols[c·k + tap][outPos].
 * Each row is filled per output row, with the in-bounds column range of the tap computed once.
 */
function im2col(x: ArrayLike<number>, xOff: number, channels: number, [D, H, W]: readonly number[], geo: WindowGeometry, nSp: number, cols: Float64Array): void {
  const [KD, KH, KW] = as3d(geo.kernel, 1);
  const [OD, OH, OW] = as3d(geo.out, 1);
  const [sd, sh, sw] = as3d(geo.strides, 1);
  const [dd, dh, dw] = as3d(geo.dilations, 1);
  const [pd, ph, pw] = as3d(geo.pads.slice(0, nSp), 0);
  const outPlane = OD * OH * OW;
  cols.fill(0);
  let row = 0;
  for (let c = 0; c < channels; c++) {
    const xBase = xOff + c * D * H * W;
    for (let kd = 0; kd < KD; kd++) {
      for (let kh = 0; kh < KH; kh++) {
        for (let kw = 0; kw < KW; kw++, row++) {
          // Output columns whose input column 0 <= ow*sw - pw + kw*dw < W.
          const colOff = kw * dw - pw;
          const o0 = Math.max(0, Math.ceil(-colOff / sw));
          const o1 = Math.max(o0, Math.min(OW, Math.floor((W - 1 - colOff) / sw) + 1));
          const rBase = row * outPlane;
          for (let od = 0; od < OD; od++) {
            const id = od * sd - pd + kd * dd;
            if (id < 0 || id >= D) continue;
            for (let oh = 0; oh < OH; oh++) {
              const ih = oh * sh - ph + kh * dh;
              if (ih < 0 || ih >= H) continue;
              const dst = rBase + (od * OH + oh) * OW;
              let xi = xBase + (id * H + ih) * W + o0 * sw + colOff;
              for (let ow = o0; ow < o1; ow++, xi += sw) cols[dst + ow] = x[xi];
            }
          }
        }
      }
    }
  }
}

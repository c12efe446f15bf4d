/**
 * ConvTranspose: the gradient of Conv with respect to its input ("deconvolution").
 * https://onnx.ai/onnx/operators/onnx__ConvTranspose.html
 */
import { ShapeError } from '../../errors.js';
import type { Dim } from '../../model.js';
import { readValues, sizeOf, Tensor } from '../../tensor.js';
import { as3d, CONV_ATTRIBUTES, transposeGeometry, type WindowGeometry } from '../common/conv-shapes.js';
import { FLOATS } from '../common/types.js';
import { defineOp } from '../spec.js';

/** ConvTranspose: scatters each input pixel times the kernel into a strided, dilated output. */
export const ConvTranspose = defineOp({
  name: 'ConvTranspose',
  versions: [1, 11, 22],
  doc: 'Transposed convolution of X [N,C,…] with W [C,M/group,…k], plus optional bias B [M].',
  inputs: [{ name: 'X', type: 'T' }, { name: 'W', type: 'T' }, { name: 'B', type: 'T', optional: true }],
  outputs: [{ name: 'Y', type: 'T' }],
  types: { T: FLOATS },
  attributes: {
    ...CONV_ATTRIBUTES,
    output_padding: { type: 'ints' },
    output_shape: { type: 'ints' },
  },
  inferShape: ({ inputs: [x, w], attrs }) => {
    if (!x?.dims || !w?.dims) return [{ kind: 'tensor', dtype: x?.dtype }];
    if (x.dims.length < 3 || w.dims.length !== x.dims.length) {
      throw new ShapeError(`ConvTranspose needs X of rank >= 3 and W of the same rank, got X [${x.dims.join(',')}] and W [${w.dims.join(',')}]`);
    }
    const m: Dim = typeof w.dims[1] === 'number' ? w.dims[1] * attrs.group : undefined;
    const spatial = x.dims.slice(2);
    const kernel = attrs.kernel_shape ?? w.dims.slice(2);
    if (!spatial.every((d) => typeof d === 'number') || !kernel.every((d) => typeof d === 'number')) {
      return [{ kind: 'tensor', dtype: x.dtype, dims: [x.dims[0], m, ...spatial.map(() => undefined)] }];
    }
    const geo = transposeGeometry(spatial as number[], kernel as number[], attrs);
    return [{ kind: 'tensor', dtype: x.dtype, dims: [x.dims[0], m, ...geo.out] }];
  },
  reference: ({ inputs, attrs }) => {
    const x = inputs[0] as Tensor, w = inputs[1] as Tensor, b = inputs[2] as Tensor | undefined | null;
    const geo = transposeGeometry(x.dims.slice(2), attrs.kernel_shape ?? w.dims.slice(2), attrs);
    const M = w.dims[1] * attrs.group;
    const out = convTransposeForward(readValues(x), x.dims, readValues(w), w.dims, b ? readValues(b) : undefined, geo, attrs.group);
    return [Tensor.fromValues(x.type, [x.dims[0], M, ...geo.out], out)];
  },
});

/**
 * Whether X, W (and B's size) follow ConvTranspose's rules: W is [C, M/group, k…] of X's rank with
 * C divisible by `group`, B has M values, and `kernel` (kernel_shape, or W's spatial dims) has W's
 * spatial size. Providers' kernels hand operands that do not to this reference, which reports them.
 */
export function convTransposeOperandsFit(xDims: readonly number[], wDims: readonly number[], biasSize: number | undefined, group: number,
  kernel: readonly number[]): boolean {
  const rank = xDims.length;
  return rank >= 3 && wDims.length === rank && group >= 1 && wDims[0] === xDims[1] && xDims[1] % group === 0
    && (biasSize === undefined || biasSize === wDims[1] * group) && kernel.length === rank - 2 && sizeOf(kernel) === sizeOf(wDims.slice(2));
}

/**
 * Transposed convolution in float64: every input row, times one kernel tap's weight, is added to a
 * strided output row. The valid input-column range per kernel column is computed up front, which
 * keeps bounds checks out of the innermost loop.
 */
export function convTransposeForward(x: ArrayLike<number>, xDims: readonly number[], w: ArrayLike<number>, wDims: readonly number[],
  bias: ArrayLike<number> | undefined, geo: WindowGeometry, group: number): Float64Array {
  const nSp = xDims.length - 2;
  const [N, C, Mg] = [xDims[0], xDims[1], wDims[1]];
  if (wDims[0] !== C || C % group !== 0) {
    throw new ShapeError(`ConvTranspose: X [${xDims.join(',')}] and W [${wDims.join(',')}] do not fit group ${group}`);
  }
  const M = Mg * group, Cg = C / group;
  const [D, H, W] = as3d(xDims.slice(2), 1);
  const [KD, KH, KW] = as3d(geo.kernel, 1);
  const [OD, OH, OW] = as3d(geo.out, 1);
  const [sd, sh, sw] = as3d(geo.strides, 1);
  const [dd, dh, dw] = as3d(geo.dilations, 1);
  const [pd, ph, pw] = as3d(geo.pads.slice(0, nSp), 0);
  const inPlane = D * H * W, outPlane = OD * OH * OW, kSize = KD * KH * KW;
  const out = new Float64Array(N * M * outPlane);
  // Valid input columns for each kernel column: 0 <= iw*sw - pw + kw*dw < OW.
  const iwStart = new Int32Array(KW), iwEnd = new Int32Array(KW);
  for (let kw = 0; kw < KW; kw++) {
    const off = kw * dw - pw;
    iwStart[kw] = Math.max(0, Math.ceil(-off / sw));
    iwEnd[kw] = Math.max(iwStart[kw], Math.min(W, Math.floor((OW - 1 - off) / sw) + 1));
  }
  for (let n = 0; n < N; n++) {
    for (let m = 0; m < M; m++) {
      const g = Math.floor(m / Mg), mm = m - g * Mg;
      const oBase = (n * M + m) * outPlane;
      if (bias) out.fill(bias[m], oBase, oBase + outPlane);
      for (let cc = 0; cc < Cg; cc++) {
        const c = g * Cg + cc;
        const xBase = (n * C + c) * inPlane;
        const wBase = (c * Mg + mm) * kSize;
        for (let kd = 0; kd < KD; kd++) {
          for (let kh = 0; kh < KH; kh++) {
            for (let kw = 0; kw < KW; kw++) {
              const wv = w[wBase + (kd * KH + kh) * KW + kw];
              const i0 = iwStart[kw], i1 = iwEnd[kw], colOff = kw * dw - pw;
              for (let id = 0; id < D; id++) {
                const od = id * sd - pd + kd * dd;
                if (od < 0 || od >= OD) continue;
                for (let ih = 0; ih < H; ih++) {
                  const oh = ih * sh - ph + kh * dh;
                  if (oh < 0 || oh >= OH) continue;
                  const xRow = xBase + (id * H + ih) * W;
                  let oi = oBase + (od * OH + oh) * OW + i0 * sw + colOff;
                  for (let iw = i0; iw < i1; iw++, oi += sw) out[oi] += wv * x[xRow + iw];
                }
              }
            }
          }
        }
      }
    }
  }
  return out;
}

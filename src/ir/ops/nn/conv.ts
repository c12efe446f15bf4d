/**
 * Conv: N-D convolution (cross-correlation) with strides, dilations, pads/auto_pad and groups.
 * https://onnx.ai/onnx/operators/onnx__Conv.html
 */
import { ShapeError } from '../../errors.js';
import type { Dim } from '../../model.js';
import { readValues, Tensor } from '../../tensor.js';
import { as3d, windowGeometry, windowOutputDims, type WindowGeometry } from '../common/conv-shapes.js';
import { FLOATS } from '../common/types.js';
import { defineOp } from '../spec.js';

/** Conv: Y = X ⋆ W (+ B), per group of channels. */
export const Conv = defineOp({
  name: 'Conv',
  versions: [1, 11, 22],
  doc: 'N-D convolution of X [N,C,…] with W [M,C/group,…k], plus optional bias B [M].',
  inputs: [{ name: 'X', type: 'T' }, { name: 'W', type: 'T' }, { name: 'B', type: 'T', optional: true }],
  outputs: [{ name: 'Y', type: 'T' }],
  types: { T: FLOATS },
  attributes: {
    auto_pad: { type: 'string', default: 'NOTSET' },
    dilations: { type: 'ints' },
    group: { type: 'int', default: 1 },
    kernel_shape: { type: 'ints' },
    pads: { type: 'ints' },
    strides: { type: 'ints' },
  },
  inferShape: ({ inputs: [x, w], attrs }) => {
    if (!x?.dims || !w?.dims) return [{ kind: 'tensor', dtype: x?.dtype }];
    if (x.dims.length < 3 || w.dims.length !== x.dims.length) {
      throw new ShapeError(`Conv needs X of rank >= 3 and W of the same rank, got X [${x.dims.join(',')}] and W [${w.dims.join(',')}]`);
    }
    const c = x.dims[1], wc = w.dims[1];
    if (typeof c === 'number' && typeof wc === 'number' && c !== wc * attrs.group) {
      throw new ShapeError(`Conv: X has ${c} channels but W [${w.dims.join(',')}] with group ${attrs.group} expects ${wc * attrs.group}`);
    }
    const kernel = attrs.kernel_shape ?? w.dims.slice(2).map((d) => (typeof d === 'number' ? d : undefined));
    return [{ kind: 'tensor', dtype: x.dtype, dims: windowOutputDims(x.dims, w.dims[0] as Dim, kernel, attrs) }];
  },
  reference: ({ inputs, attrs }) => {
    const x = inputs[0] as Tensor, w = inputs[1] as Tensor, b = inputs[2] as Tensor | undefined | null;
    const geo = windowGeometry(x.dims.slice(2), attrs.kernel_shape ?? w.dims.slice(2), attrs);
    const out = convForward(readValues(x), x.dims, readValues(w), w.dims, b ? readValues(b) : undefined, geo, attrs.group);
    return [Tensor.fromValues(x.type, [x.dims[0], w.dims[0], ...geo.out], out)];
  },
});

/**
 * Direct convolution in float64. For each (output channel, input channel, kernel tap) it adds the
 * tap's weight times a strided input row to a contiguous output row, so the innermost loop has no
 * branches: the valid output-width range for each tap is computed once up front.
 */
export function convForward(x: ArrayLike<number>, xDims: readonly number[], w: ArrayLike<number>, wDims: readonly number[],
  bias: ArrayLike<number> | undefined, geo: WindowGeometry, group: number): Float64Array {
  const nSp = xDims.length - 2;
  const [N, C, M, Cg] = [xDims[0], xDims[1], wDims[0], wDims[1]];
  if (C !== Cg * group || M % group !== 0) {
    throw new ShapeError(`Conv: X [${xDims.join(',')}] and W [${wDims.join(',')}] do not fit group ${group}`);
  }
  const [D, H, W] = as3d(xDims.slice(2), 1);
  const [KD, KH, KW] = as3d(geo.kernel, 1);
  const [OD, OH, OW] = as3d(geo.out, 1);
  const [sd, sh, sw] = as3d(geo.strides, 1);
  const [dd, dh, dw] = as3d(geo.dilations, 1);
  const [pd, ph, pw] = as3d(geo.pads.slice(0, nSp), 0);
  const Mg = M / group, inPlane = D * H * W, outPlane = OD * OH * OW, kSize = KD * KH * KW;
  const out = new Float64Array(N * M * outPlane);
  // Valid output columns for each kernel column: 0 <= ow*sw - pw + kw*dw < W.
  const owStart = new Int32Array(KW), owEnd = new Int32Array(KW);
  for (let kw = 0; kw < KW; kw++) {
    const off = kw * dw - pw;
    owStart[kw] = Math.max(0, Math.ceil(-off / sw));
    owEnd[kw] = Math.max(owStart[kw], Math.min(OW, Math.floor((W - 1 - off) / sw) + 1));
  }
  for (let n = 0; n < N; n++) {
    for (let m = 0; m < M; m++) {
      const g = Math.floor(m / Mg);
      const oBase = (n * M + m) * outPlane;
      if (bias) out.fill(bias[m], oBase, oBase + outPlane);
      for (let cc = 0; cc < Cg; cc++) {
        const xBase = (n * C + g * Cg + cc) * inPlane;
        const wBase = (m * Cg + cc) * kSize;
        for (let kd = 0; kd < KD; kd++) {
          for (let kh = 0; kh < KH; kh++) {
            for (let kw = 0; kw < KW; kw++) {
              const wv = w[wBase + (kd * KH + kh) * KW + kw];
              const o0 = owStart[kw], o1 = owEnd[kw], colOff = kw * dw - pw;
              for (let od = 0; od < OD; od++) {
                const id = od * sd - pd + kd * dd;
                if (id < 0 || id >= D) continue;
                for (let oh = 0; oh < OH; oh++) {
                  const ih = oh * sh - ph + kh * dh;
                  if (ih < 0 || ih >= H) continue;
                  const oRow = oBase + (od * OH + oh) * OW;
                  let xi = xBase + (id * H + ih) * W + o0 * sw + colOff;
                  for (let ow = o0; ow < o1; ow++, xi += sw) out[oRow + ow] += wv * x[xi];
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

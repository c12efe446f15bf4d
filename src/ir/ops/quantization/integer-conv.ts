/**
 * Shared core of ConvInteger and QLinearConv: attributes, output shape, and a direct convolution
 * over zero-point-adjusted values (so padding, which holds the zero point, contributes nothing).
 * Window geometry comes from common/conv-shapes.ts, as for Conv.
 */
import { ShapeError } from '../../errors.js';
import type { Dim } from '../../model.js';
import { readValues, type Tensor } from '../../tensor.js';
import { as3d, type WindowGeometry, windowGeometry, windowOutputDims } from '../common/conv-shapes.js';


interface ConvAttrs {
  auto_pad: string;
  dilations?: number[];
  group: number;
  kernel_shape?: number[];
  pads?: number[];
  strides?: number[];
}

/** Output dims [N, M, …spatial] of an integer conv, for shape inference. */
export function intConvDims(x: readonly Dim[] | undefined, w: readonly Dim[] | undefined, attrs: ConvAttrs): Dim[] | undefined {
  if (!x) return undefined;
  if (x.length < 3) throw new ShapeError(`conv input [${x.join(',')}] needs rank >= 3 (N, C, spatial…)`);
  const kernel = attrs.kernel_shape ?? w?.slice(2).map((d) => (typeof d === 'number' ? d : undefined));
  const c = x[1], wc = w?.[1];
  if (typeof c === 'number' && typeof wc === 'number' && wc * attrs.group !== c) {
    throw new ShapeError(`input channels ${c} != weight channels ${wc} x group ${attrs.group} (x [${x.join(',')}], w [${w!.join(',')}])`);
  }
  return windowOutputDims(x, w?.[0], kernel, attrs);
}

/** `t - zero_point`: the zero point is a scalar, or with `perChannel` (weights) one per dim-0 slice. */
export function minusZeroPoint(t: Tensor, zp: Tensor | undefined, perChannel: boolean): Float64Array {
  const out = Float64Array.from(readValues(t));
  if (!zp) return out;
  const zs = readValues(zp);
  if (zs.length === 1) {
    for (let i = 0; i < out.length; i++) out[i] -= zs[0];
    return out;
  }
  const per = out.length / t.dims[0];
  if (!perChannel || zs.length !== t.dims[0]) throw new ShapeError(`zero point [${zp.dims.join(',')}] should have ${perChannel ? `1 or ${t.dims[0]} entries` : 'one entry'}`);
  for (let i = 0; i < out.length; i++) out[i] -= zs[Math.floor(i / per)];
  return out;
}

/** Result of a direct convolution: the raw sums and the output dims. */
export interface ConvSums {
  sums: Float64Array;
  dims: number[];
  /** Elements per output channel plane (product of output spatial dims). */
  plane: number;
}

/**
 * y[n, m, o…] = Σ_c Σ_k x[n, g·Cg + c, o·stride - pad + k·dilation] · w[m, c, k] over 1-3 spatial
 * dims, with out-of-range taps skipped. Sums of integers stay below 2^53, so float64 is exact.
 */
export function convolveSums(x: Float64Array, xDims: readonly number[], w: Float64Array, wDims: readonly number[], attrs: ConvAttrs): ConvSums {
  const [N, C] = xDims;
  const M = wDims[0], Cg = wDims[1];
  const group = attrs.group;
  if (Cg * group !== C || M % group !== 0) throw new ShapeError(`conv channels do not fit: x [${xDims.join(',')}], w [${wDims.join(',')}], group ${group}`);
  const kernel = attrs.kernel_shape ?? wDims.slice(2);
  const geo: WindowGeometry = windowGeometry(xDims.slice(2), kernel, attrs);
  const n = kernel.length;
  const [ID, IH, IW] = as3d(xDims.slice(2), 1);
  const [KD, KH, KW] = as3d(wDims.slice(2), 1);
  const [OD, OH, OW] = as3d(geo.out, 1);
  const [SD, SH, SW] = as3d(geo.strides, 1);
  const [DD, DH, DW] = as3d(geo.dilations, 1);
  const [PD, PH, PW] = as3d(geo.pads.slice(0, n), 0);
  const Mg = M / group;
  const plane = OD * OH * OW, inPlane = ID * IH * IW, kPlane = KD * KH * KW;
  const sums = new Float64Array(N * M * plane);
  for (let b = 0; b < N; b++) {
    for (let m = 0; m < M; m++) {
      const g = Math.floor(m / Mg);
      const outBase = (b * M + m) * plane;
      for (let od = 0; od < OD; od++) {
        for (let oh = 0; oh < OH; oh++) {
          for (let ow = 0; ow < OW; ow++) {
            let acc = 0;
            for (let c = 0; c < Cg; c++) {
              const xBase = (b * C + g * Cg + c) * inPlane;
              const wBase = (m * Cg + c) * kPlane;
              for (let kd = 0; kd < KD; kd++) {
                const id = od * SD - PD + kd * DD;
                if (id < 0 || id >= ID) continue;
                for (let kh = 0; kh < KH; kh++) {
                  const ih = oh * SH - PH + kh * DH;
                  if (ih < 0 || ih >= IH) continue;
                  const xRow = xBase + (id * IH + ih) * IW;
                  const wRow = wBase + (kd * KH + kh) * KW;
                  for (let kw = 0; kw < KW; kw++) {
                    const iw = ow * SW - PW + kw * DW;
                    if (iw >= 0 && iw < IW) acc += x[xRow + iw] * w[wRow + kw];
                  }
                }
              }
            }
            sums[outBase + (od * OH + oh) * OW + ow] = acc;
          }
        }
      }
    }
  }
  return { sums, dims: [N, M, ...geo.out], plane };
}

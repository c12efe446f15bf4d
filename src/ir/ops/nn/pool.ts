/**
 * The sliding-window pools: MaxPool, AveragePool, LpPool. One window walker serves all three; the
 * ops differ only in how a window's values are combined.
 * https://onnx.ai/onnx/operators/onnx__MaxPool.html (and AveragePool, LpPool)
 */
import type { DType } from '../../dtype.js';
import { ShapeError } from '../../errors.js';
import type { InferInput } from '../spec.js';
import { readValues, Tensor } from '../../tensor.js';
import { as3d, windowGeometry, windowOutputDims, type WindowAttrs, type WindowGeometry } from '../common/conv-shapes.js';
import { FLOATS } from '../common/types.js';
import { defineOp, type InferResult } from '../spec.js';

const WINDOW_ATTRS = {
  auto_pad: { type: 'string', default: 'NOTSET' },
  kernel_shape: { type: 'ints', required: true },
  pads: { type: 'ints' },
  strides: { type: 'ints' },
} as const;

/** MaxPool: the largest value of each window, and optionally its flat index into X. */
export const MaxPool = defineOp({
  name: 'MaxPool',
  versions: [1, 8, 10, 11, 12, 22],
  doc: 'Max over sliding windows of X [N,C,…]; the optional Indices output gives each max\'s flat position in X.',
  inputs: [{ name: 'X', type: 'T' }],
  outputs: [{ name: 'Y', type: 'T' }, { name: 'Indices', type: 'int64', optional: true }],
  types: { T: [...FLOATS, 'int8', 'uint8'] },
  attributes: {
    ...WINDOW_ATTRS,
    ceil_mode: { type: 'int', default: 0, since: 10 },
    dilations: { type: 'ints', since: 10 },
    storage_order: { type: 'int', default: 0, since: 8 },
  },
  inferShape: ({ inputs: [x], attrs, outputCount }) => {
    const [y] = poolShape(x, attrs.kernel_shape, attrs);
    return outputCount > 1 ? [y, y && { ...y, dtype: 'int64' }] : [y];
  },
  reference: ({ inputs, attrs, outputCount }) => {
    const x = inputs[0] as Tensor;
    const geo = windowGeometry(x.dims.slice(2), attrs.kernel_shape, attrs);
    const dims = [x.dims[0], x.dims[1], ...geo.out];
    const indices = outputCount > 1 ? new Float64Array(dims.reduce((p, q) => p * q, 1)) : undefined;
    const y = poolForward(readValues(x), x.dims, geo, { kind: 'max', indices, storageOrder: attrs.storage_order });
    const outs = [Tensor.fromValues(x.type, dims, y)];
    if (indices) outs.push(Tensor.fromValues('int64', dims, indices));
    return outs;
  },
});

/** AveragePool: the mean of each window, counting padded positions only with count_include_pad. */
export const AveragePool = defineOp({
  name: 'AveragePool',
  versions: [1, 7, 10, 11, 19, 22],
  doc: 'Mean over sliding windows of X [N,C,…]; padding counts in the divisor only when count_include_pad=1.',
  inputs: [{ name: 'X', type: 'T' }],
  outputs: [{ name: 'Y', type: 'T' }],
  types: { T: FLOATS },
  attributes: {
    ...WINDOW_ATTRS,
    ceil_mode: { type: 'int', default: 0, since: 10 },
    count_include_pad: { type: 'int', default: 0, since: 7 },
    dilations: { type: 'ints', since: 19 },
  },
  inferShape: ({ inputs: [x], attrs }) => poolShape(x, attrs.kernel_shape, attrs),
  reference: ({ inputs, attrs }) => {
    const x = inputs[0] as Tensor;
    const geo = windowGeometry(x.dims.slice(2), attrs.kernel_shape, attrs);
    const y = poolForward(readValues(x), x.dims, geo, { kind: 'avg', countIncludePad: !!attrs.count_include_pad });
    return [Tensor.fromValues(x.type, [x.dims[0], x.dims[1], ...geo.out], y)];
  },
});

/** LpPool: the p-norm of each window (padding contributes zeros). */
export const LpPool = defineOp({
  name: 'LpPool',
  versions: [1, 2, 11, 18, 22],
  doc: 'p-norm over sliding windows of X [N,C,…].',
  inputs: [{ name: 'X', type: 'T' }],
  outputs: [{ name: 'Y', type: 'T' }],
  types: { T: FLOATS },
  attributes: {
    ...WINDOW_ATTRS,
    p: { type: 'int', default: 2, legacyType: { type: 'float', until: 2 } },
    ceil_mode: { type: 'int', default: 0, since: 18 },
    dilations: { type: 'ints', since: 18 },
  },
  inferShape: ({ inputs: [x], attrs }) => poolShape(x, attrs.kernel_shape, attrs),
  reference: ({ inputs, attrs }) => {
    const x = inputs[0] as Tensor;
    const geo = windowGeometry(x.dims.slice(2), attrs.kernel_shape, attrs);
    const y = poolForward(readValues(x), x.dims, geo, { kind: 'lp', p: attrs.p });
    return [Tensor.fromValues(x.type, [x.dims[0], x.dims[1], ...geo.out], y)];
  },
});

function poolShape(x: InferInput | undefined, kernel: number[], attrs: WindowAttrs): InferResult {
  if (!x?.dims) return [{ kind: 'tensor', dtype: x?.dtype }];
  if (x.dims.length !== kernel.length + 2) {
    throw new ShapeError(`kernel_shape [${kernel.join(',')}] needs X of rank ${kernel.length + 2}, got [${x.dims.join(',')}]`);
  }
  return [{ kind: 'tensor', dtype: x.dtype as DType, dims: windowOutputDims(x.dims, x.dims[1], kernel, attrs) }];
}

interface PoolOptions {
  kind: 'max' | 'avg' | 'lp';
  countIncludePad?: boolean;
  /** LpPool's p (only read for 'lp'). */
  p?: number;
  /** When given, receives the flat input index of each max. */
  indices?: Float64Array;
  /** 1: indices count in column-major order within each [N,C] plane. */
  storageOrder?: number;
}

/**
 * Walks every window of every [n, c] plane. Spatial dims are viewed as 3-D (leading 1s), and
 * window taps that fall in the padding are skipped; `avg` with count_include_pad still counts taps
 * inside the declared pads (but not beyond them, where ceil_mode windows may reach).
 */
export function poolForward(x: ArrayLike<number>, xDims: readonly number[], geo: WindowGeometry, o: PoolOptions): Float64Array {
  const nSp = xDims.length - 2;
  const planes = xDims[0] * xDims[1];
  const [D, H, W] = as3d(xDims.slice(2), 1);
  const [KD, KH, KW] = as3d(geo.kernel, 1);
  const [OD, OH, OW] = as3d(geo.out, 1);
  const [sd, sh, sw] = as3d(geo.strides, 1);
  const [dd, dh, dw] = as3d(geo.dilations, 1);
  const [pd, ph, pw] = as3d(geo.pads.slice(0, nSp), 0);
  const [ed, eh, ew] = as3d(geo.pads.slice(nSp), 0);
  const inPlane = D * H * W, outPlane = OD * OH * OW;
  const out = new Float64Array(planes * outPlane);
  const kind = o.kind, p = o.p as number, includePad = !!o.countIncludePad, colMajor = o.storageOrder === 1;
  let oi = 0;
  for (let plane = 0; plane < planes; plane++) {
    const base = plane * inPlane;
    for (let od = 0; od < OD; od++) {
      for (let oh = 0; oh < OH; oh++) {
        for (let ow = 0; ow < OW; ow++, oi++) {
          let acc = kind === 'max' ? -Infinity : 0;
          let best = -1, count = 0;
          for (let kd = 0; kd < KD; kd++) {
            const id = od * sd - pd + kd * dd;
            if (id < -pd || id >= D + ed) continue;
            for (let kh = 0; kh < KH; kh++) {
              const ih = oh * sh - ph + kh * dh;
              if (ih < -ph || ih >= H + eh) continue;
              for (let kw = 0; kw < KW; kw++) {
                const iw = ow * sw - pw + kw * dw;
                if (iw < -pw || iw >= W + ew) continue;
                const inside = id >= 0 && id < D && ih >= 0 && ih < H && iw >= 0 && iw < W;
                if (!inside) { if (includePad) count++; continue; }
                const flat = (id * H + ih) * W + iw;
                const v = x[base + flat];
                count++;
                if (kind === 'max') {
                  if (v > acc || best < 0) { acc = v; best = colMajor ? (iw * H + ih) * D + id : flat; }
                } else if (kind === 'avg') acc += v;
                else acc += Math.abs(v) ** p;
              }
            }
          }
          if (kind === 'avg') out[oi] = acc / count;
          else if (kind === 'lp') out[oi] = acc ** (1 / p);
          else {
            out[oi] = acc;
            if (o.indices) o.indices[oi] = base + best;
          }
        }
      }
    }
  }
  return out;
}

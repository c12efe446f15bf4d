/**
 * MaxRoiPool: max pooling of regions of interest to a fixed grid (Fast R-CNN's RoI pooling).
 * https://onnx.ai/onnx/operators/onnx__MaxRoiPool.html
 */
import { ShapeError } from '../../errors.js';
import { readValues, Tensor } from '../../tensor.js';
import { FLOATS } from '../common/types.js';
import { defineOp } from '../spec.js';

/** MaxRoiPool: each RoI [batch, x1, y1, x2, y2] is cut into pooled_shape bins, each reduced by max. */
export const MaxRoiPool = defineOp({
  name: 'MaxRoiPool',
  versions: [1, 22],
  doc: 'Max-pools each region of interest of X [N,C,H,W] into a pooled_shape grid; rois are [batch_id, x1, y1, x2, y2] rows.',
  inputs: [{ name: 'X', type: 'T' }, { name: 'rois', type: 'T' }],
  outputs: [{ name: 'Y', type: 'T' }],
  types: { T: FLOATS },
  attributes: {
    pooled_shape: { type: 'ints', required: true },
    spatial_scale: { type: 'float', default: 1.0 },
  },
  inferShape: ({ inputs: [x, rois], attrs }) => {
    if (attrs.pooled_shape.length !== 2) throw new ShapeError(`MaxRoiPool: pooled_shape [${attrs.pooled_shape.join(',')}] must have 2 entries`);
    return [{ kind: 'tensor', dtype: x?.dtype, dims: [rois?.dims?.[0], x?.dims?.[1], ...attrs.pooled_shape] }];
  },
  reference: ({ inputs, attrs }) => {
    const x = inputs[0] as Tensor, rois = inputs[1] as Tensor;
    const [, C, H, W] = x.dims;
    const [PH, PW] = attrs.pooled_shape;
    const xv = readValues(x), rv = readValues(rois);
    const R = rois.dims[0];
    const out = new Float64Array(R * C * PH * PW);
    for (let r = 0; r < R; r++) {
      const [b, x1, y1, x2, y2] = Array.from({ length: 5 }, (_, k) => rv[r * 5 + k]);
      // RoI corners are rounded to the feature map's grid; a RoI is at least one pixel.
      const w0 = Math.round(x1 * attrs.spatial_scale), h0 = Math.round(y1 * attrs.spatial_scale);
      const roiW = Math.max(Math.round(x2 * attrs.spatial_scale) - w0 + 1, 1);
      const roiH = Math.max(Math.round(y2 * attrs.spatial_scale) - h0 + 1, 1);
      const binH = roiH / PH, binW = roiW / PW;
      for (let c = 0; c < C; c++) {
        const plane = (b * C + c) * H * W;
        for (let ph = 0; ph < PH; ph++) {
          const hs = Math.min(Math.max(Math.floor(ph * binH) + h0, 0), H);
          const he = Math.min(Math.max(Math.ceil((ph + 1) * binH) + h0, 0), H);
          for (let pw = 0; pw < PW; pw++) {
            const ws = Math.min(Math.max(Math.floor(pw * binW) + w0, 0), W);
            const we = Math.min(Math.max(Math.ceil((pw + 1) * binW) + w0, 0), W);
            let m = -Infinity;
            for (let h = hs; h < he; h++) for (let w = ws; w < we; w++) m = Math.max(m, xv[plane + h * W + w]);
            // An empty bin (RoI outside the map) pools to 0.
            out[((r * C + c) * PH + ph) * PW + pw] = m === -Infinity ? 0 : m;
          }
        }
      }
    }
    return [Tensor.fromValues(x.type, [R, C, PH, PW], out)];
  },
});

/**
 * RoiAlign: pools regions of interest to a fixed grid by bilinear sampling (Mask R-CNN).
 * https://onnx.ai/onnx/operators/onnx__RoiAlign.html
 */
import { readNumbers, readValues, Tensor } from '../../tensor.js';
import { FLOATS } from '../common/types.js';
import { defineOp } from '../spec.js';

/** RoiAlign: each output bin averages (or maxes) a regular grid of bilinear samples of its RoI. */
export const RoiAlign = defineOp({
  name: 'RoiAlign',
  versions: [10, 16, 22],
  doc: 'Pools each RoI [x1,y1,x2,y2] of X[batch_indices] to output_height x output_width bins of bilinear samples.',
  inputs: [{ name: 'X', type: 'T1' }, { name: 'rois', type: 'T1' }, { name: 'batch_indices', type: 'int64' }],
  outputs: [{ name: 'Y', type: 'T1' }],
  types: { T1: FLOATS },
  attributes: {
    // Absent before opset 16, where the behaviour was that of 'output_half_pixel'.
    coordinate_transformation_mode: { type: 'string', default: 'half_pixel', since: 16 },
    mode: { type: 'string', default: 'avg' },
    output_height: { type: 'int', default: 1 },
    output_width: { type: 'int', default: 1 },
    sampling_ratio: { type: 'int', default: 0 },
    spatial_scale: { type: 'float', default: 1.0 },
  },
  inferShape: ({ inputs: [x, rois], attrs }) =>
    [{ kind: 'tensor', dtype: x?.dtype, dims: [rois?.dims?.[0], x?.dims?.[1], attrs.output_height, attrs.output_width] }],
  reference: ({ inputs, attrs }) => {
    const x = inputs[0] as Tensor, rois = inputs[1] as Tensor;
    const batch = readNumbers(inputs[2] as Tensor);
    const [, C, H, W] = x.dims;
    const PH = attrs.output_height, PW = attrs.output_width, scale = attrs.spatial_scale;
    const halfPixel = (attrs.coordinate_transformation_mode ?? 'output_half_pixel') === 'half_pixel';
    const max = attrs.mode === 'max';
    const xv = readValues(x), rv = readValues(rois);
    const R = rois.dims[0];
    const out = new Float64Array(R * C * PH * PW);
    const offset = halfPixel ? 0.5 : 0;
    for (let r = 0; r < R; r++) {
      const x0 = rv[r * 4] * scale - offset, y0 = rv[r * 4 + 1] * scale - offset;
      let roiW = rv[r * 4 + 2] * scale - offset - x0, roiH = rv[r * 4 + 3] * scale - offset - y0;
      // The legacy mode forces RoIs to be at least 1x1.
      if (!halfPixel) { roiW = Math.max(roiW, 1); roiH = Math.max(roiH, 1); }
      const binH = roiH / PH, binW = roiW / PW;
      const gridH = attrs.sampling_ratio > 0 ? attrs.sampling_ratio : Math.ceil(roiH / PH);
      const gridW = attrs.sampling_ratio > 0 ? attrs.sampling_ratio : Math.ceil(roiW / PW);
      const count = Math.max(gridH * gridW, 1);
      for (let c = 0; c < C; c++) {
        const plane = (batch[r] * C + c) * H * W;
        for (let ph = 0; ph < PH; ph++) {
          for (let pw = 0; pw < PW; pw++) {
            let acc = max ? -Infinity : 0;
            for (let iy = 0; iy < gridH; iy++) {
              const y = y0 + ph * binH + ((iy + 0.5) * binH) / gridH;
              for (let ix = 0; ix < gridW; ix++) {
                const xx = x0 + pw * binW + ((ix + 0.5) * binW) / gridW;
                const s = bilinearTerms(xv, plane, H, W, y, xx);
                // Max mode takes the largest weighted corner term, as onnxruntime does (and the
                // suite's expected values follow it), not the max of interpolated values.
                if (max) acc = Math.max(acc, s.maxTerm);
                else acc += s.sum;
              }
            }
            out[((r * C + c) * PH + ph) * PW + pw] = max ? (acc === -Infinity ? 0 : acc) : acc / count;
          }
        }
      }
    }
    return [Tensor.fromValues(x.type, [R, C, PH, PW], out)];
  },
});

/**
 * Bilinear sample at (y, x) of one plane; samples more than one pixel outside the map are 0, and
 * coordinates just outside are clamped to the border.
 */
function bilinearTerms(v: ArrayLike<number>, plane: number, H: number, W: number, y: number, x: number): { sum: number; maxTerm: number } {
  if (y < -1 || y > H || x < -1 || x > W) return { sum: 0, maxTerm: 0 };
  y = Math.max(y, 0);
  x = Math.max(x, 0);
  let yl = Math.floor(y), xl = Math.floor(x), yh: number, xh: number;
  if (yl >= H - 1) { yl = yh = H - 1; y = yl; } else yh = yl + 1;
  if (xl >= W - 1) { xl = xh = W - 1; x = xl; } else xh = xl + 1;
  const ly = y - yl, lx = x - xl, hy = 1 - ly, hx = 1 - lx;
  const t1 = hy * hx * v[plane + yl * W + xl], t2 = hy * lx * v[plane + yl * W + xh];
  const t3 = ly * hx * v[plane + yh * W + xl], t4 = ly * lx * v[plane + yh * W + xh];
  return { sum: t1 + t2 + t3 + t4, maxTerm: Math.max(t1, t2, t3, t4) };
}

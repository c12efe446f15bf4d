/**
 * AffineGrid: the sampling grid of an affine transform, for GridSample.
 * https://onnx.ai/onnx/operators/onnx__AffineGrid.html
 */
import { ShapeError } from '../../errors.js';
import { readNumbers, readValues, Tensor } from '../../tensor.js';
import { FLOATS } from '../common/types.js';
import { defineOp } from '../spec.js';

/** AffineGrid: grid[n, …, :] = theta[n] · [x, y, (z,) 1] over a normalized base grid. */
export const AffineGrid = defineOp({
  name: 'AffineGrid',
  versions: [20],
  doc: 'Generates a 2-D or 3-D sampling grid of normalized coordinates by applying theta [N,2,3] or [N,3,4] to a base grid of `size`.',
  inputs: [{ name: 'theta', type: 'T1' }, { name: 'size', type: 'int64' }],
  outputs: [{ name: 'grid', type: 'T1' }],
  types: { T1: FLOATS },
  attributes: { align_corners: { type: 'int', default: 0 } },
  inferShape: ({ inputs: [theta, size] }) => {
    if (size?.value) {
      const s = readNumbers(size.value);
      return [{ kind: 'tensor', dtype: theta?.dtype, dims: [s[0], ...s.slice(2), s.length - 2] }];
    }
    const r = typeof size?.dims?.[0] === 'number' ? size.dims[0] - 2 : undefined;
    return [{ kind: 'tensor', dtype: theta?.dtype, dims: r === undefined ? undefined : [theta?.dims?.[0], ...new Array(r).fill(undefined), r] }];
  },
  reference: ({ inputs, attrs }) => {
    const theta = inputs[0] as Tensor, size = readNumbers(inputs[1] as Tensor);
    const r = size.length - 2;
    if (r !== 2 && r !== 3) throw new ShapeError(`AffineGrid: size [${size.join(',')}] must have 4 or 5 entries`);
    if (theta.dims[1] !== r || theta.dims[2] !== r + 1) throw new ShapeError(`AffineGrid: theta [${theta.dims.join(',')}] should be [N,${r},${r + 1}] for size [${size.join(',')}]`);
    const N = size[0], spatial = size.slice(2);
    const tv = readValues(theta);
    // Base coordinates per axis: pixel centres (or corner centres with align_corners) in [-1, 1].
    const base = spatial.map((s) => Array.from({ length: s }, (_, i) => (attrs.align_corners ? (s > 1 ? -1 + (2 * i) / (s - 1) : 0) : (2 * i + 1) / s - 1)));
    const points = spatial.reduce((p, q) => p * q, 1);
    const out = new Float64Array(N * points * r);
    const point = new Array<number>(r + 1).fill(1);
    for (let n = 0; n < N; n++) {
      for (let p = 0; p < points; p++) {
        // Homogeneous point [x, y, (z,) 1]: x runs along the last (innermost) spatial axis.
        let rest = p;
        for (let a = r - 1; a >= 0; a--) {
          point[r - 1 - a] = base[a][rest % spatial[a]];
          rest = Math.floor(rest / spatial[a]);
        }
        for (let i = 0; i < r; i++) {
          let acc = 0;
          for (let j = 0; j <= r; j++) acc += tv[(n * r + i) * (r + 1) + j] * point[j];
          out[(n * points + p) * r + i] = acc;
        }
      }
    }
    return [Tensor.fromValues(theta.type, [N, ...spatial, r], out)];
  },
});

/**
 * Tile: repeat a tensor along each axis.
 * https://onnx.ai/onnx/operators/onnx__Tile.html
 */
import { ShapeError } from '../../errors.js';
import type { Dim } from '../../model.js';
import { readNumbers, type Tensor } from '../../tensor.js';
import { normalizeAxis } from '../common/axes.js';
import { mulDims } from '../common/dim-values.js';
import { ALL_TENSOR_TYPES } from '../common/types.js';
import { defineOp } from '../spec.js';
import { elementStrides, fmtDims, gatherAxes } from './layout.js';

/**
 * Repeat counts per axis. From opset 6 `repeats` lists one per axis; Tile-1 took a scalar count
 * `repeats` (named `tiles` there) for the single axis given by the `axis` input.
 */
function repeatsPerAxis(dims: readonly Dim[], repeats: number[], axis: number[] | undefined, version: number): number[] {
  if (version < 6) {
    if (!axis) throw new ShapeError('Tile-1 needs the `axis` input');
    const per = dims.map(() => 1);
    per[normalizeAxis(axis[0], dims.length, 'Tile axis')] = repeats[0];
    return per;
  }
  if (repeats.length !== dims.length) throw new ShapeError(`Tile repeats [${repeats.join(',')}] need one entry per axis of ${fmtDims(dims)}`);
  if (repeats.some((r) => !Number.isInteger(r) || r < 0)) throw new ShapeError(`Tile repeats [${repeats.join(',')}] must be non-negative integers`);
  return repeats;
}

/** Tile: `input` repeated `repeats[i]` times along axis i. */
export const Tile = defineOp({
  name: 'Tile',
  versions: [1, 6, 13],
  doc: 'The input repeated `repeats[i]` times along each axis i.',
  inputs: [{ name: 'input', type: 'T' }, { name: 'repeats', type: 'int64' }, { name: 'axis', type: 'int64', optional: true }],
  outputs: [{ name: 'output', type: 'T' }],
  types: { T: ALL_TENSOR_TYPES },
  tolerance: 'exact',
  inferShape: ({ inputs: [x, repeatsIn, axisIn], version }) => {
    if (!x?.dims) return [{ kind: 'tensor', dtype: x?.dtype }];
    const dims = x.dims;
    const axis = axisIn?.value && readNumbers(axisIn.value);
    // Repeats known only element by element (from a Shape upstream) still give each axis's size:
    // the symbolic product of dim and count (mulDims).
    if (!repeatsIn?.value && repeatsIn?.dimsValue?.length === dims.length && version >= 6) {
      const repeats = repeatsIn.dimsValue;
      repeatsPerAxis(dims, repeats.map((r) => (typeof r === 'number' ? r : 1)), undefined, version); // checks the numeric counts
      return [{ kind: 'tensor', dtype: x.dtype, dims: dims.map((d, i) => mulDims(d, repeats[i])) }];
    }
    if (!repeatsIn?.value || (version < 6 && axisIn && !axis)) return [{ kind: 'tensor', dtype: x.dtype, dims: dims.map(() => undefined) }];
    const per = repeatsPerAxis(dims, readNumbers(repeatsIn.value), axis, version);
    return [{ kind: 'tensor', dtype: x.dtype, dims: dims.map((d, i) => mulDims(d, per[i])) }];
  },
  reference: ({ inputs, version }) => {
    const x = inputs[0] as Tensor;
    const axis = inputs[2] ? readNumbers(inputs[2] as Tensor) : undefined;
    const per = repeatsPerAxis(x.dims, readNumbers(inputs[1] as Tensor), axis, version);
    const strides = elementStrides(x.dims);
    const outDims = x.dims.map((d, i) => d * per[i]);
    // Output coordinate o on an axis of size d reads source coordinate o mod d.
    const offsets = outDims.map((n, a) => {
      const t = new Int32Array(n);
      for (let o = 0; o < n; o++) t[o] = (o % x.dims[a]) * strides[a];
      return t;
    });
    return [gatherAxes(x, outDims, offsets)];
  },
});

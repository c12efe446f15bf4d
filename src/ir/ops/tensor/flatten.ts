/**
 * Flatten: collapse the dims before and after an axis into a matrix.
 * https://onnx.ai/onnx/operators/onnx__Flatten.html
 */
import { ShapeError } from '../../errors.js';
import type { Dim } from '../../model.js';
import type { Tensor } from '../../tensor.js';
import { ALL_TENSOR_TYPES } from '../common/types.js';
import { defineOp } from '../spec.js';
import { dimProduct, fmtDims } from './layout.js';

/** [d0·…·d(axis-1), d(axis)·…·d(r-1)]; axis may be in [-r, r] (negative from opset 11). */
export function flattenDims(dims: readonly Dim[], axis: number): Dim[] {
  const r = dims.length;
  if (axis < -r || axis > r) throw new ShapeError(`Flatten axis ${axis} is out of range for ${fmtDims(dims)} (allowed [${-r}, ${r}])`);
  const a = axis < 0 ? axis + r : axis;
  return [dimProduct(dims.slice(0, a)), dimProduct(dims.slice(a))];
}

/** Flatten: `input` viewed as a 2-D matrix split at `axis` (no copy). */
export const Flatten = defineOp({
  name: 'Flatten',
  versions: [1, 9, 11, 13, 21, 23, 24, 25],
  doc: 'The input viewed as a matrix: dims before `axis` make the rows, the rest the columns.',
  inputs: [{ name: 'input', type: 'T' }],
  outputs: [{ name: 'output', type: 'T' }],
  types: { T: ALL_TENSOR_TYPES },
  attributes: { axis: { type: 'int', default: 1 } },
  tolerance: 'exact',
  inferShape: ({ inputs: [x], attrs }) => [{ kind: 'tensor', dtype: x?.dtype, dims: x?.dims ? flattenDims(x.dims, attrs.axis) : [undefined, undefined] }],
  reference: ({ inputs, attrs }) => {
    const x = inputs[0] as Tensor;
    return [x.reshape(flattenDims(x.dims, attrs.axis) as number[])];
  },
});

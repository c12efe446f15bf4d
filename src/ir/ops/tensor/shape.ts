/**
 * Shape: the dims of the input as an int64 vector.
 * https://onnx.ai/onnx/operators/onnx__Shape.html
 */
import type { Dim } from '../../model.js';
import { Tensor } from '../../tensor.js';
import { ALL_TENSOR_TYPES } from '../common/types.js';
import { defineOp } from '../spec.js';
import { staticDims } from './layout.js';

/** Shape: `data`'s dims as int64, optionally only those in [start, end) (from opset 15). */
export const Shape = defineOp({
  name: 'Shape',
  versions: [1, 13, 15, 19, 21, 23, 24, 25],
  doc: "The input's dims as a 1-D int64 tensor; `start`/`end` (opset 15) pick a range of axes.",
  inputs: [{ name: 'data', type: 'T' }],
  outputs: [{ name: 'shape', type: 'int64' }],
  types: { T: ALL_TENSOR_TYPES },
  attributes: {
    start: { type: 'int', default: 0, since: 15 },
    end: { type: 'int', since: 15 },
  },
  tolerance: 'exact',
  inferShape: ({ inputs: [data], attrs, version }) => {
    if (!data?.dims) return [{ kind: 'tensor', dtype: 'int64', dims: [undefined] }];
    const dims = version < 15 ? data.dims : pickAxes(data.dims, attrs.start, attrs.end);
    // Known dims become a known value, so that Reshape/Expand/ConstantOfShape downstream get static
    // shapes; partly symbolic dims still travel element by element (dimsValue).
    const known = staticDims(dims);
    return [{ kind: 'tensor', dtype: 'int64', dims: [dims.length], value: known && shapeTensor(known), dimsValue: [...dims] }];
  },
  reference: ({ inputs, attrs, version }) => {
    const dims = (inputs[0] as Tensor).dims;
    return [shapeTensor(version < 15 ? dims : pickAxes(dims, attrs.start, attrs.end))];
  },
});

/** dims[start:end] with negative axes counted from the back and both ends clamped to [0, rank]. */
export function pickAxes<D extends Dim>(dims: readonly D[], start: number, end: number | undefined): D[] {
  const r = dims.length;
  const clamp = (a: number) => Math.min(r, Math.max(0, a < 0 ? a + r : a));
  return dims.slice(clamp(start), end === undefined ? r : clamp(end));
}

function shapeTensor(dims: readonly number[]): Tensor {
  return new Tensor('int64', BigInt64Array.from(dims, BigInt), [dims.length]);
}

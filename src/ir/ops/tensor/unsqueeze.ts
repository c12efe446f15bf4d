/**
 * Unsqueeze: insert axes of size 1.
 * https://onnx.ai/onnx/operators/onnx__Unsqueeze.html
 */
import { ShapeError } from '../../errors.js';
import type { Dim } from '../../model.js';
import { readNumbers, type Tensor } from '../../tensor.js';
import { normalizeAxes } from '../common/axes.js';
import { ALL_TENSOR_TYPES } from '../common/types.js';
import { defineOp } from '../spec.js';
import { rankOnly } from './squeeze.js';

/** `dims` with a 1 inserted at each of `axes`, which count in the output's rank. */
export function unsqueezeDims(dims: readonly Dim[], axes: readonly number[]): Dim[] {
  const rank = dims.length + axes.length;
  const ones = new Set(normalizeAxes(axes, rank, 'Unsqueeze axes'));
  const out: Dim[] = [];
  let next = 0;
  for (let i = 0; i < rank; i++) out.push(ones.has(i) ? 1 : dims[next++]);
  return out;
}

/** Unsqueeze: `data` with size-1 axes inserted at `axes` (attribute before opset 13, input from 13); a view. */
export const Unsqueeze = defineOp({
  name: 'Unsqueeze',
  versions: [1, 11, 13, 21, 23, 24, 25],
  doc: 'The input with size-1 axes inserted at `axes` (positions in the output).',
  inputs: [{ name: 'data', type: 'T' }, { name: 'axes', type: 'int64', optional: true }],
  outputs: [{ name: 'expanded', type: 'T' }],
  types: { T: ALL_TENSOR_TYPES },
  attributes: { axes: { type: 'ints', until: 13 } },
  tolerance: 'exact',
  inferShape: ({ inputs: [data, axesIn], attrs, version }) => {
    const axes = version < 13 ? attrs.axes : axesIn?.value && readNumbers(axesIn.value);
    if (!data?.dims) return [{ kind: 'tensor', dtype: data?.dtype }];
    if (!axes) return [{ kind: 'tensor', dtype: data.dtype, dims: axesIn ? rankOnly(data.dims.length, axesIn, 1) : undefined }];
    const dims = unsqueezeDims(data.dims, axes);
    // A scalar made [1] (Gather → Unsqueeze → Concat) keeps its element; the order never changes.
    return [{ kind: 'tensor', dtype: data.dtype, dims, dimsValue: dims.length <= 1 ? data.dimsValue : undefined }];
  },
  reference: ({ inputs, attrs, version }) => {
    const data = inputs[0] as Tensor;
    const axes = version < 13 ? attrs.axes : inputs[1] && readNumbers(inputs[1] as Tensor);
    if (!axes) throw new ShapeError('Unsqueeze needs `axes`');
    return [data.reshape(unsqueezeDims(data.dims, axes) as number[])];
  },
});

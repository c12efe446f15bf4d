/**
 * Squeeze: drop axes of size 1.
 * https://onnx.ai/onnx/operators/onnx__Squeeze.html
 */
import { ShapeError } from '../../errors.js';
import type { Dim } from '../../model.js';
import { readNumbers, type Tensor } from '../../tensor.js';
import { normalizeAxes } from '../common/axes.js';
import { ALL_TENSOR_TYPES } from '../common/types.js';
import { defineOp, type InferInput } from '../spec.js';
import { fmtDims } from './layout.js';

/** `dims` without the listed axes (each must be 1 where static), or without every 1 when `axes` is undefined. */
export function squeezeDims(dims: readonly Dim[], axes: readonly number[] | undefined): Dim[] | undefined {
  if (axes === undefined) {
    // Whether a symbolic dim is 1 is only known at run time, and with it the output rank.
    if (dims.some((d) => typeof d !== 'number')) return undefined;
    return dims.filter((d) => d !== 1);
  }
  const drop = normalizeAxes(axes, dims.length);
  for (const a of drop) {
    const d = dims[a];
    if (typeof d === 'number' && d !== 1) throw new ShapeError(`cannot squeeze axis ${a} of ${fmtDims(dims)}: its size is ${d}, not 1`);
  }
  return dims.filter((_, i) => !drop.includes(i));
}

/** Squeeze: `data` without its size-1 axes (those in `axes`, or all); a view, no copy. */
export const Squeeze = defineOp({
  name: 'Squeeze',
  versions: [1, 11, 13, 21, 23, 24, 25],
  doc: 'The input without size-1 axes: those listed in `axes` (an attribute before opset 13, an input from 13), or all of them.',
  inputs: [{ name: 'data', type: 'T' }, { name: 'axes', type: 'int64', optional: true }],
  outputs: [{ name: 'squeezed', type: 'T' }],
  types: { T: ALL_TENSOR_TYPES },
  attributes: { axes: { type: 'ints', until: 13 } },
  tolerance: 'exact',
  inferShape: ({ inputs: [data, axesIn], attrs, version }) => {
    const axes = version < 13 ? attrs.axes : axesIn?.value && readNumbers(axesIn.value);
    const unknownAxes = version >= 13 && axesIn !== undefined && !axesIn.value;
    if (!data?.dims) return [{ kind: 'tensor', dtype: data?.dtype }];
    if (unknownAxes) return [{ kind: 'tensor', dtype: data.dtype, dims: rankOnly(data.dims.length, axesIn, -1) }];
    const dims = squeezeDims(data.dims, axes);
    // [1] made a scalar keeps its element: squeezing never reorders.
    return [{ kind: 'tensor', dtype: data.dtype, dims, dimsValue: data.dimsValue }];
  },
  reference: ({ inputs, attrs, version }) => {
    const data = inputs[0] as Tensor;
    const axes = version < 13 ? attrs.axes : inputs[1] ? readNumbers(inputs[1] as Tensor) : undefined;
    return [data.reshape(squeezeDims(data.dims, axes) as number[])];
  },
});

/**
 * When the axes are an input of unknown value but known length, the output rank is still known
 * (`sign` -1 removes that many axes, +1 adds them).
 */
export function rankOnly(rank: number, axesIn: InferInput, sign: 1 | -1): Dim[] | undefined {
  const n = axesIn.dims?.[0];
  return typeof n === 'number' ? new Array<Dim>(rank + sign * n).fill(undefined) : undefined;
}

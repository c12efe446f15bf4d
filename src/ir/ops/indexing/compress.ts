/**
 * Compress: the slices of `input` along `axis` (or the elements of the flattened input) where a
 * boolean `condition` is true.
 * https://onnx.ai/onnx/operators/onnx__Compress.html
 */
import { ShapeError } from '../../errors.js';
import { Tensor } from '../../tensor.js';
import { normalizeAxis } from '../common/axes.js';
import { allocateFor, copyElements, formatDims, sizeBetween } from '../common/indexing.js';
import { ALL_TENSOR_TYPES } from '../common/types.js';
import { defineOp } from '../spec.js';

/**
 * Compress: like numpy.compress. Positions past the end of `condition` are dropped; a condition
 * longer than the selected dim is an error. Negative axes from version 11.
 */
export const Compress = defineOp({
  name: 'Compress',
  versions: [9, 11],
  doc: 'Slices along axis (or flattened elements) where condition is true.',
  inputs: [{ name: 'input', type: 'T' }, { name: 'condition', type: 'T1' }],
  outputs: [{ name: 'output', type: 'T' }],
  types: { T: ALL_TENSOR_TYPES, T1: ['bool'] },
  attributes: { axis: { type: 'int' } },
  tolerance: 'exact',
  inferShape: ({ inputs: [input, condition], attrs }) => {
    if (condition?.dims && condition.dims.length !== 1) throw new ShapeError(`Compress condition must be 1-D, got ${formatDims(condition.dims)}`);
    if (attrs.axis === undefined) return [{ kind: 'tensor', dtype: input?.dtype, dims: [undefined] }];
    if (!input?.dims) return [{ kind: 'tensor', dtype: input?.dtype }];
    const axis = normalizeAxis(attrs.axis, input.dims.length);
    return [{ kind: 'tensor', dtype: input.dtype, dims: input.dims.map((d, i) => (i === axis ? undefined : d)) }];
  },
  reference: ({ inputs, attrs }) => {
    const input = inputs[0] as Tensor, condition = inputs[1] as Tensor;
    const flat = attrs.axis === undefined;
    const dims = flat ? [input.size] : input.dims;
    const axis = flat ? 0 : normalizeAxis(attrs.axis!, dims.length);
    const cond = condition.data as Uint8Array;
    if (cond.length > dims[axis]) throw new ShapeError(`Compress condition of length ${cond.length} is longer than dim ${axis} of ${formatDims(dims)}`);
    const kept: number[] = [];
    for (let i = 0; i < cond.length; i++) if (cond[i]) kept.push(i);
    const outer = sizeBetween(dims, 0, axis), inner = sizeBetween(dims, axis + 1);
    const { data: out, entries } = allocateFor(input.type, outer * kept.length * inner);
    for (let o = 0; o < outer; o++) {
      for (let j = 0; j < kept.length; j++) {
        copyElements(input.data, (o * dims[axis] + kept[j]) * inner, out, (o * kept.length + j) * inner, inner, entries);
      }
    }
    return [new Tensor(input.type, out, dims.map((d, i) => (i === axis ? kept.length : d)))];
  },
});

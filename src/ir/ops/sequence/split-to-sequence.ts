/**
 * SplitToSequence: cuts a tensor along an axis into a sequence of tensors.
 * https://onnx.ai/onnx/operators/onnx__SplitToSequence.html
 */
import type { Dim } from '../../model.js';
import { ShapeError } from '../../errors.js';
import { readNumbers, type Tensor } from '../../tensor.js';
import { normalizeAxis } from '../common/axes.js';
import { sliceAlong, takeAlong } from '../common/sequence-slices.js';
import { ALL_TENSOR_TYPES } from '../common/types.js';
import { defineOp } from '../spec.js';

/**
 * Lengths of the pieces along an axis of size `dim`: from a scalar `split` (equal chunks, the last
 * one possibly shorter) or a 1-D `split` (explicit lengths summing to `dim`).
 */
function pieceLengths(split: Tensor, dim: number): number[] {
  const values = readNumbers(split);
  if (split.dims.length === 0) {
    const chunk = values[0];
    if (!(chunk > 0)) throw new ShapeError(`SplitToSequence: a scalar split must be positive, got ${chunk}`);
    const lengths: number[] = [];
    for (let at = 0; at < dim; at += chunk) lengths.push(Math.min(chunk, dim - at));
    return lengths;
  }
  if (split.dims.length !== 1) throw new ShapeError(`SplitToSequence: split must be a scalar or 1-D, got shape [${split.dims.join(',')}]`);
  const sum = values.reduce((a, b) => a + b, 0);
  if (values.some((v) => v < 0) || sum !== dim) {
    throw new ShapeError(`SplitToSequence: split [${values.join(',')}] must be non-negative and sum to the axis size ${dim}`);
  }
  return values;
}

/** SplitToSequence: pieces of `input` along `axis`, of the lengths `split` gives (default: 1 each). */
export const SplitToSequence = defineOp({
  name: 'SplitToSequence',
  // 24 only widened the type lists.
  versions: [11, 24],
  doc: 'Splits `input` along `axis` into a sequence of tensors (lengths from `split`, default 1 each).',
  inputs: [{ name: 'input', type: 'T' }, { name: 'split', type: 'I', optional: true }],
  outputs: [{ name: 'output_sequence', type: 'S', kind: 'sequence' }],
  types: { T: ALL_TENSOR_TYPES, I: ['int32', 'int64'] },
  attributes: {
    axis: { type: 'int', default: 0 },
    keepdims: { type: 'int', default: 1 },
  },
  tolerance: 'exact',
  inferShape: ({ inputs: [input, split], attrs }) => {
    if (!input?.dims) return [{ kind: 'sequence', elem: { kind: 'tensor', dtype: input?.dtype } }];
    const axis = normalizeAxis(attrs.axis, input.dims.length);
    const dims: Dim[] = [...input.dims];
    if (!split) {
      // keepdims only applies without `split`: pieces of length 1, optionally squeezed.
      if (attrs.keepdims) dims[axis] = 1;
      else dims.splice(axis, 1);
    } else {
      // Pieces share a length only when the split says so: equal explicit lengths, or a chunk that divides the axis.
      const v = split.value && readNumbers(split.value);
      const d = input.dims[axis];
      const equal = v && v.length > 0 && v.every((x) => x === v[0]);
      dims[axis] = equal && (split.value!.dims.length === 1 || (typeof d === 'number' && d % v[0] === 0)) ? v[0] : undefined;
    }
    return [{ kind: 'sequence', elem: { kind: 'tensor', dtype: input.dtype, dims } }];
  },
  reference: ({ inputs, attrs }) => {
    const input = inputs[0] as Tensor;
    const split = inputs[1] as Tensor | undefined;
    const axis = normalizeAxis(attrs.axis, input.dims.length);
    const dim = input.dims[axis];
    if (!split) {
      const pieces: Tensor[] = [];
      for (let i = 0; i < dim; i++) pieces.push(attrs.keepdims ? sliceAlong(input, axis, i, 1) : takeAlong(input, axis, i));
      return [pieces];
    }
    const pieces: Tensor[] = [];
    let start = 0;
    for (const length of pieceLengths(split, dim)) {
      pieces.push(sliceAlong(input, axis, start, length));
      start += length;
    }
    return [pieces];
  },
});

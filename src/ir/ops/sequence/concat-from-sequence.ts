/**
 * ConcatFromSequence: joins a sequence of tensors along an existing axis, or stacks them along a new one.
 * https://onnx.ai/onnx/operators/onnx__ConcatFromSequence.html
 */
import type { Dim } from '../../model.js';
import { ShapeError } from '../../errors.js';
import type { Tensor } from '../../tensor.js';
import { normalizeAxis } from '../common/axes.js';
import { concatAlong, stackAlong } from '../common/sequence-slices.js';
import { ALL_TENSOR_TYPES } from '../common/types.js';
import { elemTensor, sequenceElem } from '../common/sequence-types.js';
import { defineOp } from '../spec.js';
import { asSequence } from './position.js';

/** ConcatFromSequence: numpy.concatenate of the sequence (new_axis=0) or numpy.stack (new_axis=1). */
export const ConcatFromSequence = defineOp({
  name: 'ConcatFromSequence',
  versions: [11],
  doc: 'Concatenates the tensors of a sequence along `axis` (or stacks them on a new axis when new_axis=1).',
  inputs: [{ name: 'input_sequence', type: 'S', kind: 'sequence' }],
  outputs: [{ name: 'concat_result', type: 'T' }],
  types: { T: ALL_TENSOR_TYPES },
  attributes: {
    axis: { type: 'int', required: true },
    new_axis: { type: 'int', default: 0 },
  },
  tolerance: 'exact',
  inferShape: ({ inputs: [seq], attrs }) => {
    const elem = elemTensor(sequenceElem(seq));
    if (!elem.dims) return [{ kind: 'tensor', dtype: elem.dtype }];
    const rank = elem.dims.length;
    const dims: Dim[] = [...elem.dims];
    // The sequence length is not known statically, so the joined axis is not either.
    if (attrs.new_axis) dims.splice(normalizeAxis(attrs.axis, rank + 1), 0, undefined);
    else dims[normalizeAxis(attrs.axis, rank)] = undefined;
    return [{ kind: 'tensor', dtype: elem.dtype, dims }];
  },
  reference: ({ inputs, attrs }) => {
    const seq = asSequence(inputs[0], 'ConcatFromSequence') as Tensor[];
    if (seq.length === 0) throw new ShapeError('ConcatFromSequence: the input sequence is empty');
    const rank = seq[0].dims.length;
    if (attrs.new_axis) return [stackAlong(seq, normalizeAxis(attrs.axis, rank + 1))];
    return [concatAlong(seq, normalizeAxis(attrs.axis, rank))];
  },
});

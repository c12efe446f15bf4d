/**
 * SequenceAt: the tensor at a position of a sequence.
 * https://onnx.ai/onnx/operators/onnx__SequenceAt.html
 */
import { ALL_TENSOR_TYPES } from '../common/types.js';
import { elemTensor, sequenceElem } from '../common/sequence-types.js';
import { defineOp } from '../spec.js';
import type { Tensor } from '../../tensor.js';
import { asSequence, sequencePosition } from './position.js';

/** SequenceAt: `input_sequence[position]`, where a negative position counts from the back. */
export const SequenceAt = defineOp({
  name: 'SequenceAt',
  versions: [11],
  doc: 'The tensor at `position` in the sequence (negative positions count from the back).',
  inputs: [
    { name: 'input_sequence', type: 'S', kind: 'sequence' },
    { name: 'position', type: 'I' },
  ],
  outputs: [{ name: 'tensor', type: 'T' }],
  types: { T: ALL_TENSOR_TYPES, I: ['int32', 'int64'] },
  tolerance: 'exact',
  inferShape: ({ inputs: [seq] }) => [elemTensor(sequenceElem(seq))],
  reference: ({ inputs }) => {
    const seq = asSequence(inputs[0], 'SequenceAt');
    // Tensors are immutable, so handing out the element itself is as good as a copy.
    return [seq[sequencePosition(inputs[1] as Tensor, seq.length, false, 'SequenceAt')]];
  },
});

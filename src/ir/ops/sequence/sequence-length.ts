/**
 * SequenceLength: the number of tensors in a sequence, as an int64 scalar.
 * https://onnx.ai/onnx/operators/onnx__SequenceLength.html
 */
import { Tensor } from '../../tensor.js';
import { defineOp } from '../spec.js';
import { asSequence } from './position.js';

/** SequenceLength: how many elements the sequence holds (int64 scalar). */
export const SequenceLength = defineOp({
  name: 'SequenceLength',
  versions: [11],
  doc: 'The number of tensors in the sequence, as an int64 scalar.',
  inputs: [{ name: 'input_sequence', type: 'S', kind: 'sequence' }],
  outputs: [{ name: 'length', type: 'I' }],
  types: { I: ['int64'] },
  tolerance: 'exact',
  inferShape: () => [{ kind: 'tensor', dtype: 'int64', dims: [] }],
  reference: ({ inputs }) => [Tensor.scalar('int64', BigInt(asSequence(inputs[0], 'SequenceLength').length))],
});

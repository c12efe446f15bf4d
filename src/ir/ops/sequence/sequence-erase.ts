/**
 * SequenceErase: a new sequence without the tensor at a position (default: the last one).
 * https://onnx.ai/onnx/operators/onnx__SequenceErase.html
 */
import { ShapeError } from '../../errors.js';
import type { Tensor } from '../../tensor.js';
import { defineOp } from '../spec.js';
import { asSequence, sequencePosition } from './position.js';

/** SequenceErase: `input_sequence` without the element at `position` (the last one when absent). */
export const SequenceErase = defineOp({
  name: 'SequenceErase',
  versions: [11],
  doc: 'The sequence without the element at `position` (negative counts from the back; default: the last).',
  inputs: [
    { name: 'input_sequence', type: 'S', kind: 'sequence' },
    { name: 'position', type: 'I', optional: true },
  ],
  outputs: [{ name: 'output_sequence', type: 'S', kind: 'sequence' }],
  types: { I: ['int32', 'int64'] },
  tolerance: 'exact',
  inferShape: ({ inputs: [seq] }) => [seq?.type.kind === 'sequence' ? seq.type : { kind: 'sequence' }],
  reference: ({ inputs }) => {
    const seq = asSequence(inputs[0], 'SequenceErase');
    if (!inputs[1] && seq.length === 0) throw new ShapeError('SequenceErase: cannot erase the last element of an empty sequence');
    const at = inputs[1] ? sequencePosition(inputs[1] as Tensor, seq.length, false, 'SequenceErase') : seq.length - 1;
    return [seq.filter((_, i) => i !== at)];
  },
});

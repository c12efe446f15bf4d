/**
 * SequenceInsert: a new sequence with a tensor inserted at a position (default: at the back).
 * https://onnx.ai/onnx/operators/onnx__SequenceInsert.html
 */
import { TypeConstraintError } from '../../errors.js';
import type { Tensor } from '../../tensor.js';
import { ALL_TENSOR_TYPES } from '../common/types.js';
import { sequenceElem, unionType } from '../common/sequence-types.js';
import { defineOp } from '../spec.js';
import { asSequence, sequencePosition } from './position.js';

/** SequenceInsert: `input_sequence` with `tensor` inserted before `position` (appended when absent). */
export const SequenceInsert = defineOp({
  name: 'SequenceInsert',
  versions: [11],
  doc: 'The sequence with `tensor` inserted at `position` (negative counts from the back; default: append).',
  inputs: [
    { name: 'input_sequence', type: 'S', kind: 'sequence' },
    { name: 'tensor', type: 'T' },
    { name: 'position', type: 'I', optional: true },
  ],
  outputs: [{ name: 'output_sequence', type: 'S', kind: 'sequence' }],
  types: { T: ALL_TENSOR_TYPES, I: ['int32', 'int64'] },
  tolerance: 'exact',
  inferShape: ({ inputs: [seq, tensor] }) => {
    const elem = sequenceElem(seq);
    const elemDtype = elem?.kind === 'tensor' ? elem.dtype : undefined;
    if (elemDtype && tensor?.dtype && elemDtype !== tensor.dtype) {
      throw new TypeConstraintError(`SequenceInsert: cannot insert a ${tensor.dtype} tensor into a sequence of ${elemDtype}`);
    }
    // An element type the sequence does not know yet (say, from an untyped graph input) comes from the tensor.
    return [{ kind: 'sequence', elem: elem ? unionType(elem, tensor?.type) : tensor?.type }];
  },
  reference: ({ inputs }) => {
    const seq = asSequence(inputs[0], 'SequenceInsert');
    const tensor = inputs[1] as Tensor;
    const at = inputs[2] ? sequencePosition(inputs[2] as Tensor, seq.length, true, 'SequenceInsert') : seq.length;
    return [[...seq.slice(0, at), tensor, ...seq.slice(at)]];
  },
});

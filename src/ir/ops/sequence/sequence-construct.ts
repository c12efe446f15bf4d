/**
 * SequenceConstruct: a sequence holding the input tensors, in order.
 * https://onnx.ai/onnx/operators/onnx__SequenceConstruct.html
 */
import type { ValueType } from '../../model.js';
import { ALL_TENSOR_TYPES } from '../common/types.js';
import { unionType } from '../common/sequence-types.js';
import { defineOp } from '../spec.js';

/** SequenceConstruct: builds a sequence from one or more tensors of the same element type. */
export const SequenceConstruct = defineOp({
  name: 'SequenceConstruct',
  versions: [11],
  doc: 'A sequence holding the input tensors, in order.',
  inputs: [{ name: 'inputs', type: 'T', variadic: true }],
  outputs: [{ name: 'output_sequence', type: 'S', kind: 'sequence' }],
  types: { T: ALL_TENSOR_TYPES },
  tolerance: 'exact',
  inferShape: ({ inputs }) => {
    // Elements may differ in shape; the sequence's element type is what they all share.
    let elem: ValueType | undefined = inputs[0]?.type;
    for (const input of inputs.slice(1)) elem = unionType(elem, input?.type);
    return [{ kind: 'sequence', elem }];
  },
  reference: ({ inputs }) => [inputs.map((v) => v!)],
});

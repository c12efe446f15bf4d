/**
 * SequenceEmpty: an empty sequence of tensors of a given element type.
 * https://onnx.ai/onnx/operators/onnx__SequenceEmpty.html
 */
import { dtypeFromOnnx } from '../../dtype.js';
import { AttributeError } from '../../errors.js';
import { defineOp } from '../spec.js';

/** The element dtype named by the `dtype` attribute (an ONNX TensorProto.DataType number). */
function elementType(code: number) {
  const dtype = dtypeFromOnnx(code);
  if (!dtype) throw new AttributeError(`SequenceEmpty: dtype ${code} is not a known tensor element type`);
  return dtype;
}

/** SequenceEmpty: a sequence with no elements; `dtype` fixes the element type for type checking. */
export const SequenceEmpty = defineOp({
  name: 'SequenceEmpty',
  versions: [11],
  doc: 'An empty sequence whose elements would have the element type `dtype`.',
  inputs: [],
  outputs: [{ name: 'output', type: 'S', kind: 'sequence' }],
  types: {},
  // 1 is TensorProto.FLOAT: the spec's default element type.
  attributes: { dtype: { type: 'int', default: 1 } },
  tolerance: 'exact',
  inferShape: ({ attrs }) => [{ kind: 'sequence', elem: { kind: 'tensor', dtype: elementType(attrs.dtype) } }],
  reference: ({ attrs }) => {
    elementType(attrs.dtype);
    return [[]];
  },
});

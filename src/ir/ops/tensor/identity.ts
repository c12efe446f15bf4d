/**
 * Identity: the input, unchanged.
 * https://onnx.ai/onnx/operators/onnx__Identity.html
 */
import { ALL_TENSOR_TYPES } from '../common/types.js';
import { defineOp } from '../spec.js';

/** Identity: passes its input through; from opset 14 also sequences, from 16 optionals. */
export const Identity = defineOp({
  name: 'Identity',
  versions: [1, 13, 14, 16, 19, 21, 23, 24, 25],
  doc: 'The input, unchanged (a tensor, a sequence or an optional).',
  // 'any': sequences and optionals pass through as they are, so the tensor type check does not apply.
  inputs: [{ name: 'input', type: 'V', kind: 'any' }],
  outputs: [{ name: 'output', type: 'V', kind: 'any' }],
  types: { V: ALL_TENSOR_TYPES },
  tolerance: 'exact',
  inferShape: ({ inputs: [x] }) => [x && { ...x.type, value: x.value, dimsValue: x.dimsValue }],
  reference: ({ inputs }) => [inputs[0]!],
});

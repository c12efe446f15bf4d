/**
 * Size: the number of elements of the input.
 * https://onnx.ai/onnx/operators/onnx__Size.html
 */
import { Tensor } from '../../tensor.js';
import { ALL_TENSOR_TYPES } from '../common/types.js';
import { defineOp } from '../spec.js';
import { dimProduct } from './layout.js';

/** Size: the element count of `data` as an int64 scalar. */
export const Size = defineOp({
  name: 'Size',
  versions: [1, 13, 19, 21, 23, 24, 25],
  doc: 'The number of elements of the input, as an int64 scalar.',
  inputs: [{ name: 'data', type: 'T' }],
  outputs: [{ name: 'size', type: 'int64' }],
  types: { T: ALL_TENSOR_TYPES },
  tolerance: 'exact',
  inferShape: ({ inputs: [data] }) => {
    const n = data?.dims && dimProduct(data.dims);
    return [{ kind: 'tensor', dtype: 'int64', dims: [], value: typeof n === 'number' ? Tensor.scalar('int64', BigInt(n)) : undefined }];
  },
  reference: ({ inputs }) => [Tensor.scalar('int64', BigInt((inputs[0] as Tensor).size))],
});

/**
 * MatMulInteger: numpy.matmul of 8-bit integers minus their zero points, accumulated in int32.
 * https://onnx.ai/onnx/operators/onnx__MatMulInteger.html
 */
import { Tensor } from '../../tensor.js';
import { matmulDims } from '../linalg/matmul.js';
import { defineOp } from '../spec.js';
import { batchedMatMul, subtractZeroPoint } from './integer-matmul.js';

/** MatMulInteger: `(A - a_zero_point) · (B - b_zero_point)` as int32. */
export const MatMulInteger = defineOp({
  name: 'MatMulInteger',
  versions: [10],
  doc: 'Integer matrix product (numpy.matmul) of zero-point-adjusted 8-bit operands, with an int32 result.',
  inputs: [
    { name: 'A', type: 'T1' },
    { name: 'B', type: 'T2' },
    { name: 'a_zero_point', type: 'T1', optional: true },
    { name: 'b_zero_point', type: 'T2', optional: true },
  ],
  outputs: [{ name: 'Y', type: 'T3' }],
  types: { T1: ['int8', 'uint8'], T2: ['int8', 'uint8'], T3: ['int32'] },
  tolerance: 'exact',
  inferShape: ({ inputs: [a, b] }) => [{ kind: 'tensor', dtype: 'int32', dims: a?.dims && b?.dims ? matmulDims(a.dims, b.dims) : undefined }],
  reference: ({ inputs }) => {
    const a = inputs[0] as Tensor, b = inputs[1] as Tensor;
    const p = batchedMatMul(
      subtractZeroPoint(a, inputs[2] as Tensor | undefined, 'a'), a.dims,
      subtractZeroPoint(b, inputs[3] as Tensor | undefined, 'b'), b.dims,
    );
    // Sums stay below 2^53, so float64 accumulation is exact; the int32 store wraps like int32 adds.
    return [new Tensor('int32', Int32Array.from(p.out, (v) => v | 0), p.dims)];
  },
});

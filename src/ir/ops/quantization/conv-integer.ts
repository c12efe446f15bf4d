/**
 * ConvInteger: convolution of 8-bit integers minus their zero points, accumulated in int32.
 * https://onnx.ai/onnx/operators/onnx__ConvInteger.html
 */
import { Tensor } from '../../tensor.js';
import { defineOp } from '../spec.js';
import { CONV_ATTRIBUTES } from '../common/conv-shapes.js';
import { convolveSums, intConvDims, minusZeroPoint } from './integer-conv.js';

/** ConvInteger: `conv(x - x_zero_point, w - w_zero_point)` as int32 (w's zero point may be per output channel). */
export const ConvInteger = defineOp({
  name: 'ConvInteger',
  versions: [10],
  doc: 'Integer convolution of zero-point-adjusted 8-bit inputs and weights, with an int32 result.',
  inputs: [
    { name: 'x', type: 'T1' },
    { name: 'w', type: 'T2' },
    { name: 'x_zero_point', type: 'T1', optional: true },
    { name: 'w_zero_point', type: 'T2', optional: true },
  ],
  outputs: [{ name: 'y', type: 'T3' }],
  types: { T1: ['int8', 'uint8'], T2: ['int8', 'uint8'], T3: ['int32'] },
  attributes: CONV_ATTRIBUTES,
  tolerance: 'exact',
  inferShape: ({ inputs: [x, w], attrs }) => [{ kind: 'tensor', dtype: 'int32', dims: intConvDims(x?.dims, w?.dims, attrs) }],
  reference: ({ inputs, attrs }) => {
    const x = inputs[0] as Tensor, w = inputs[1] as Tensor;
    const r = convolveSums(minusZeroPoint(x, inputs[2] as Tensor | undefined, false), x.dims,
      minusZeroPoint(w, inputs[3] as Tensor | undefined, true), w.dims, attrs);
    return [new Tensor('int32', Int32Array.from(r.sums, (v) => v | 0), r.dims)];
  },
});

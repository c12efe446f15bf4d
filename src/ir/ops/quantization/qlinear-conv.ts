/**
 * QLinearConv: a quantized convolution, requantized to the output's scale and zero point.
 * https://onnx.ai/onnx/operators/onnx__QLinearConv.html
 */
import { readValues, type Tensor } from '../../tensor.js';
import { defineOp } from '../spec.js';
import { CONV_ATTRIBUTES } from '../common/conv-shapes.js';
import { convolveSums, intConvDims, minusZeroPoint } from './integer-conv.js';
import { roundHalfEven, storeQuantized } from './params.js';

/**
 * QLinearConv: `y = saturate(round((conv(x - x_zp, w - w_zp) + B) · x_scale·w_scale / y_scale) + y_zp)`,
 * with w's scale and zero point per tensor or per output channel.
 */
export const QLinearConv = defineOp({
  name: 'QLinearConv',
  versions: [10],
  doc: 'Quantized convolution: integer conv of zero-point-adjusted inputs plus int32 bias, rescaled and requantized.',
  inputs: [
    { name: 'x', type: 'T1' }, { name: 'x_scale', type: 'float32' }, { name: 'x_zero_point', type: 'T1' },
    { name: 'w', type: 'T2' }, { name: 'w_scale', type: 'float32' }, { name: 'w_zero_point', type: 'T2' },
    { name: 'y_scale', type: 'float32' }, { name: 'y_zero_point', type: 'T3' },
    { name: 'B', type: 'T4', optional: true },
  ],
  outputs: [{ name: 'y', type: 'T3' }],
  types: { T1: ['int8', 'uint8'], T2: ['int8', 'uint8'], T3: ['int8', 'uint8'], T4: ['int32'] },
  attributes: CONV_ATTRIBUTES,
  tolerance: 'exact',
  inferShape: ({ inputs, attrs }) => [{ kind: 'tensor', dtype: inputs[7]?.dtype, dims: intConvDims(inputs[0]?.dims, inputs[3]?.dims, attrs) }],
  reference: ({ inputs, attrs }) => {
    const [x, xScale, xZp, w, wScale, wZp, yScale, yZp, bias] = inputs as (Tensor | undefined)[];
    const r = convolveSums(minusZeroPoint(x!, xZp, false), x!.dims, minusZeroPoint(w!, wZp, true), w!.dims, attrs);
    const xs = readValues(xScale!)[0], ys = readValues(yScale!)[0], yz = readValues(yZp!)[0];
    const ws = readValues(wScale!);
    const bs = bias ? readValues(bias) : undefined;
    const M = r.dims[1];
    const q = new Float64Array(r.sums.length);
    for (let i = 0; i < q.length; i++) {
      const m = Math.floor(i / r.plane) % M;
      // The multiplier is formed in float32, the scales' type, then applied to the exact sum.
      const mult = Math.fround(Math.fround(xs * ws[ws.length === 1 ? 0 : m]) / ys);
      q[i] = roundHalfEven((r.sums[i] + (bs ? bs[m] : 0)) * mult) + yz;
    }
    return [storeQuantized(q, yZp!.type, r.dims)];
  },
});

/**
 * DequantizeLinear: `y = (x - x_zero_point) * x_scale`, per tensor, per axis or blocked.
 * https://onnx.ai/onnx/operators/onnx__DequantizeLinear.html
 */
import { type DType, dtypeFromOnnx } from '../../dtype.js';
import { AttributeError } from '../../errors.js';
import { readValues, Tensor } from '../../tensor.js';
import { FLOAT8S } from '../common/types.js';
import { defineOp } from '../spec.js';
import { paramIndex, quantLayout } from './params.js';

const OUTPUT_TYPES: readonly DType[] = ['float32', 'float16', 'bfloat16'];

/** Output dtype: `output_dtype` when set, else the scale's type (always float32 before opset 19). */
function outputType(outputDtype: number | undefined, scale: DType | undefined): DType | undefined {
  if (!outputDtype) return scale === 'float8e8m0' ? 'float32' : scale;
  const t = dtypeFromOnnx(outputDtype);
  if (!t || !OUTPUT_TYPES.includes(t)) throw new AttributeError(`output_dtype ${outputDtype} is not float32, float16 or bfloat16`);
  return t;
}

/** DequantizeLinear: quantized `x` back to floats with `x_scale` and `x_zero_point`. */
export const DequantizeLinear = defineOp({
  name: 'DequantizeLinear',
  versions: [10, 13, 19, 21, 23, 24, 25],
  doc: 'Dequantizes x: (x - x_zero_point) * x_scale, per tensor, per axis or in blocks.',
  inputs: [
    { name: 'x', type: 'T1' },
    { name: 'x_scale', type: 'T2' },
    { name: 'x_zero_point', type: 'T1', optional: true },
  ],
  outputs: [{ name: 'y', type: 'T3' }],
  types: {
    T1: ['int8', 'uint8', 'int16', 'uint16', 'int32', ...FLOAT8S, 'uint4', 'int4', 'float4e2m1', 'uint2', 'int2'],
    T2: ['float32', 'float16', 'bfloat16', 'float8e8m0'],
    T3: OUTPUT_TYPES,
  },
  attributes: {
    axis: { type: 'int', default: 1, since: 13 },
    block_size: { type: 'int', default: 0, since: 21 },
    output_dtype: { type: 'int', default: 0, since: 23 },
  },
  tolerance: 'exact',
  inferShape: ({ inputs: [x, scale], attrs }) => {
    if (x?.dims && scale?.dims) quantLayout(x.dims, scale.dims, attrs.axis, attrs.block_size, 'x_scale');
    return [{ kind: 'tensor', dtype: outputType(attrs.output_dtype, scale?.dtype), dims: x?.dims }];
  },
  reference: ({ inputs, attrs }) => {
    const x = inputs[0] as Tensor, scale = inputs[1] as Tensor, zp = inputs[2] as Tensor | undefined;
    const outType = outputType(attrs.output_dtype, scale.type)!;
    const layout = quantLayout(x.dims, scale.dims, attrs.axis, attrs.block_size, 'x_scale');
    const idx = paramIndex(x.dims, scale.dims, layout);
    const xs = readValues(x), ss = readValues(scale);
    const zs = zp ? readValues(zp) : undefined;
    // (x - zp) is exact and the product is rounded once, to the output type, when it is stored.
    const y = new Float64Array(xs.length);
    for (let i = 0; i < xs.length; i++) {
      const p = idx ? idx[i] : 0;
      y[i] = (xs[i] - (zs ? zs[p] : 0)) * ss[p];
    }
    return [Tensor.fromValues(outType, x.dims, y)];
  },
});

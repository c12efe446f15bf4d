/**
 * QuantizeLinear: `y = saturate(round(x / y_scale) + y_zero_point)`, per tensor, per axis or blocked.
 * https://onnx.ai/onnx/operators/onnx__QuantizeLinear.html
 */
import { type DType, dtypeFromOnnx } from '../../dtype.js';
import { AttributeError, TypeConstraintError } from '../../errors.js';
import { readValues, type Tensor } from '../../tensor.js';
import { FLOAT8S } from '../common/types.js';
import { defineOp } from '../spec.js';
import { paramIndex, precisionOf, quantLayout, roundHalfEven, storeQuantized } from './params.js';

/** Types a quantizer can produce (the `y_zero_point`/`y` type list of the newest version). */
export const QUANTIZED_TYPES: readonly DType[] = [
  'int8', 'uint8', 'int16', 'uint16', ...FLOAT8S, 'uint4', 'int4', 'float4e2m1', 'uint2', 'int2',
];

/** Output dtype: `output_dtype` when set, else the zero point's type, else uint8. */
function outputType(outputDtype: number | undefined, zp: DType | undefined): DType {
  if (!outputDtype) return zp ?? 'uint8';
  const t = dtypeFromOnnx(outputDtype);
  if (!t || !QUANTIZED_TYPES.includes(t)) throw new AttributeError(`output_dtype ${outputDtype} is not a quantized type`);
  if (zp && zp !== t) throw new TypeConstraintError(`output_dtype ${t} differs from y_zero_point's type ${zp}`);
  return t;
}

/** QuantizeLinear: `x` quantized with `y_scale` and `y_zero_point` to an 8/16/4/2-bit integer or float8/float4 type. */
export const QuantizeLinear = defineOp({
  name: 'QuantizeLinear',
  versions: [10, 13, 19, 21, 23, 24, 25],
  doc: 'Quantizes x: saturate(round_half_even(x / y_scale) + y_zero_point), per tensor, per axis or in blocks.',
  inputs: [
    { name: 'x', type: 'T1' },
    { name: 'y_scale', type: 'T2' },
    { name: 'y_zero_point', type: 'T3', optional: true },
  ],
  outputs: [{ name: 'y', type: 'T3' }],
  types: {
    T1: ['float32', 'float16', 'bfloat16', 'int32'],
    T2: ['float32', 'float16', 'bfloat16', 'int32', 'float8e8m0'],
    T3: QUANTIZED_TYPES,
  },
  attributes: {
    axis: { type: 'int', default: 1, since: 13 },
    saturate: { type: 'int', default: 1, since: 19 },
    block_size: { type: 'int', default: 0, since: 21 },
    output_dtype: { type: 'int', default: 0, since: 21 },
    precision: { type: 'int', default: 0, since: 23 },
  },
  tolerance: 'exact',
  inferShape: ({ inputs: [x, scale, zp], attrs }) => {
    if (x?.dims && scale?.dims) quantLayout(x.dims, scale.dims, attrs.axis, attrs.block_size, 'y_scale');
    return [{ kind: 'tensor', dtype: outputType(attrs.output_dtype, zp?.dtype), dims: x?.dims }];
  },
  reference: ({ inputs, attrs }) => {
    const x = inputs[0] as Tensor, scale = inputs[1] as Tensor, zp = inputs[2] as Tensor | undefined;
    const outType = outputType(attrs.output_dtype, zp?.type);
    const layout = quantLayout(x.dims, scale.dims, attrs.axis, attrs.block_size, 'y_scale');
    const idx = paramIndex(x.dims, scale.dims, layout);
    // The division happens in `precision`, else in the scale's type (x is converted to it first).
    const precisionType = attrs.precision ? dtypeFromOnnx(attrs.precision) : undefined;
    const round = precisionOf(precisionType ?? scale.type);
    const xs = readValues(x), ss = readValues(scale);
    const zs = zp ? readValues(zp) : undefined;
    const q = new Float64Array(xs.length);
    for (let i = 0; i < xs.length; i++) {
      const p = idx ? idx[i] : 0;
      const level = round(round(xs[i]) / round(ss[p]));
      // Integer targets round before adding the (integer) zero point; float targets round once, on store.
      q[i] = outType.startsWith('float') ? level + (zs ? zs[p] : 0) : roundHalfEven(level) + (zs ? zs[p] : 0);
    }
    return [storeQuantized(q, outType, x.dims, attrs.saturate !== 0)];
  },
});

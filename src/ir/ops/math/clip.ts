/**
 * Clip: limits every element to [min, max].
 * https://onnx.ai/onnx/operators/onnx__Clip.html
 *
 * Opsets 1 and 6 take the bounds as float attributes; from opset 11 they are optional scalar
 * inputs of the data's type (and opset 12 added the integer types).
 */
import { isBigInt } from '../../dtype.js';
import { ShapeError } from '../../errors.js';
import { readNumbers, Tensor } from '../../tensor.js';
import { numberValues, outputBuffer } from '../common/elementwise.js';
import { NUMERIC } from '../common/types.js';
import { defineOp, type InferInput } from '../spec.js';

/** min(max(X, min), max): when min > max every element becomes max, as the spec says. */
export const Clip = defineOp({
  name: 'Clip',
  versions: [1, 6, 11, 12, 13],
  doc: 'Each element of the input limited to [min, max]; absent bounds do not limit.',
  inputs: [
    { name: 'input', type: 'T' },
    { name: 'min', type: 'T', optional: true },
    { name: 'max', type: 'T', optional: true },
  ],
  outputs: [{ name: 'output', type: 'T' }],
  types: { T: NUMERIC },
  attributes: {
    // Opset 1 had no defaults (an absent bound did not limit); opset 6 made them ±3.402823e+38,
    // which limits nothing a float32 can hold but the largest values, so one default serves both.
    min: { type: 'float', default: -3.402823e+38, until: 11 },
    max: { type: 'float', default: 3.402823e+38, until: 11 },
    consumed_inputs: { type: 'ints', until: 6 },
  },
  inferShape: ({ inputs: [x, lo, hi] }) => {
    checkScalarBound('min', lo);
    checkScalarBound('max', hi);
    return [{ kind: 'tensor', dtype: x?.dtype, dims: x?.dims }];
  },
  reference: ({ inputs, attrs, version }) => {
    const x = inputs[0] as Tensor;
    const loT = inputs[1] as Tensor | null | undefined, hiT = inputs[2] as Tensor | null | undefined;
    const n = x.size;
    if (isBigInt(x.type)) {
      const lo = loT ? (loT.data as BigInt64Array)[0] : undefined;
      const hi = hiT ? (hiT.data as BigInt64Array)[0] : undefined;
      const src = x.data as BigInt64Array;
      const out = new (src.constructor as BigInt64ArrayConstructor)(n);
      for (let i = 0; i < n; i++) {
        let v = src[i];
        if (lo !== undefined && v < lo) v = lo;
        if (hi !== undefined && v > hi) v = hi;
        out[i] = v;
      }
      return [new Tensor(x.type, out, x.dims)];
    }
    // Absent bounds are the type's numeric_limits lowest()/max(), per the spec text: they clamp
    // ±Inf to the largest finite value (integer types never reach them).
    const limit = LARGEST_FINITE[x.type] ?? Infinity;
    const lo = version < 11 ? attrs.min! : loT ? readNumbers(loT)[0] : -limit;
    const hi = version < 11 ? attrs.max! : hiT ? readNumbers(hiT)[0] : limit;
    const src = numberValues(x);
    const out = outputBuffer(x.type, n);
    const values = out.values;
    // Comparisons are false for NaN, so NaN passes through unclipped.
    for (let i = 0; i < n; i++) {
      let v = src[i];
      if (v < lo) v = lo;
      if (v > hi) v = hi;
      values[i] = v;
    }
    return [out.finish(x.dims)];
  },
});

/** numeric_limits<T>::max() of the float types. */
const LARGEST_FINITE: Partial<Record<string, number>> = {
  float32: 3.4028234663852886e38, float64: Number.MAX_VALUE, float16: 65504, bfloat16: 3.3895313892515355e38,
};

/** The spec asks for scalar bounds; a one-element tensor of any rank is accepted, as runtimes do. */
function checkScalarBound(name: string, b: InferInput | undefined): void {
  const dims = b?.dims;
  if (dims && dims.every((d) => typeof d === 'number') && (dims as number[]).reduce((p, q) => p * q, 1) !== 1) {
    throw new ShapeError(`Clip '${name}' must be a scalar, got shape [${dims.join(',')}]`);
  }
}

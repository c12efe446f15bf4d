/**
 * DynamicQuantizeLinear: uint8 quantization with a scale and zero point computed from the data.
 * https://onnx.ai/onnx/operators/onnx__DynamicQuantizeLinear.html
 */
import { readValues, Tensor } from '../../tensor.js';
import { defineOp } from '../spec.js';
import { roundHalfEven } from './params.js';

const QMIN = 0, QMAX = 255;

const clamp = (v: number) => (v < QMIN ? QMIN : v > QMAX ? QMAX : v);

/** DynamicQuantizeLinear: `x` → (uint8 y, float32 scale, uint8 zero point), the range widened to include 0. */
export const DynamicQuantizeLinear = defineOp({
  name: 'DynamicQuantizeLinear',
  versions: [11],
  doc: 'Quantizes x to uint8 with scale (max(0,max x) - min(0,min x)) / 255 and the matching zero point.',
  inputs: [{ name: 'x', type: 'T1' }],
  outputs: [{ name: 'y', type: 'T2' }, { name: 'y_scale', type: 'float32' }, { name: 'y_zero_point', type: 'T2' }],
  types: { T1: ['float32'], T2: ['uint8'] },
  tolerance: 'exact',
  inferShape: ({ inputs: [x] }) => [
    { kind: 'tensor', dtype: 'uint8', dims: x?.dims },
    { kind: 'tensor', dtype: 'float32', dims: [] },
    { kind: 'tensor', dtype: 'uint8', dims: [] },
  ],
  reference: ({ inputs }) => {
    const x = inputs[0] as Tensor;
    const xs = readValues(x);
    let lo = 0, hi = 0;
    for (let i = 0; i < xs.length; i++) {
      if (xs[i] < lo) lo = xs[i];
      if (xs[i] > hi) hi = xs[i];
    }
    // All arithmetic is float32, as the spec's formulas are written for float32 tensors.
    const scale = Math.fround((hi - lo) / (QMAX - QMIN));
    // An all-zero input has scale 0; every value then maps to the zero point 0 instead of NaN.
    const zp = scale === 0 ? 0 : clamp(roundHalfEven(Math.fround(QMIN - Math.fround(lo / scale))));
    const y = new Uint8Array(xs.length);
    for (let i = 0; i < xs.length; i++) {
      y[i] = scale === 0 ? zp : clamp(roundHalfEven(Math.fround(xs[i] / scale)) + zp);
    }
    return [new Tensor('uint8', y, x.dims), Tensor.scalar('float32', scale), Tensor.scalar('uint8', zp)];
  },
});

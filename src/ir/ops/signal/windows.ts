/**
 * The generalized cosine windows: HannWindow, HammingWindow, BlackmanWindow, declared one line each.
 * https://onnx.ai/onnx/operators/onnx__HannWindow.html (and HammingWindow, BlackmanWindow)
 *
 * w[n] = a0 - a1·cos(2πn/N) + a2·cos(4πn/N) for n in [0, size), with N = size when `periodic`
 * (the first `size` points of a size+1 symmetric window) and N = size - 1 otherwise.
 */
import { dtypeFromOnnx, type DType } from '../../dtype.js';
import { AttributeError, ShapeError } from '../../errors.js';
import { readNumbers, Tensor } from '../../tensor.js';
import { NUMERIC } from '../common/types.js';
import { defineOp, type OpSpec } from '../spec.js';

const ATTRS = {
  output_datatype: { type: 'int', default: 1 },
  periodic: { type: 'int', default: 1 },
} as const;

function outputType(code: number): DType {
  const t = dtypeFromOnnx(code);
  if (!t || !NUMERIC.includes(t)) throw new AttributeError(`output_datatype ${code} is not a numeric type`);
  return t;
}

function windowSize(size: Tensor): number {
  const n = readNumbers(size)[0];
  if (size.size !== 1 || !Number.isInteger(n) || n < 0) throw new ShapeError(`window size must be a non-negative scalar, got [${readNumbers(size).join(',')}]`);
  return n;
}

/** Declares a cosine-sum window op with coefficients a0, a1, a2. */
function defineWindow(name: string, doc: string, a0: number, a1: number, a2: number): OpSpec<typeof ATTRS> {
  return defineOp({
    name,
    versions: [17],
    doc,
    inputs: [{ name: 'size', type: 'T1' }],
    outputs: [{ name: 'output', type: 'T2' }],
    types: { T1: ['int32', 'int64'], T2: NUMERIC },
    attributes: ATTRS,
    inferShape: ({ inputs: [size], attrs }) => [{
      kind: 'tensor', dtype: outputType(attrs.output_datatype), dims: [size?.value ? windowSize(size.value) : undefined],
    }],
    reference: ({ inputs: [size], attrs }) => {
      const n = windowSize(size as Tensor);
      const period = attrs.periodic ? n : n - 1;
      const w = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        // A one-point symmetric window has period 0; its single value is the peak, 1.
        if (period === 0) { w[i] = 1; continue; }
        const t = (2 * Math.PI * i) / period;
        w[i] = a0 - a1 * Math.cos(t) + a2 * Math.cos(2 * t);
      }
      return [Tensor.fromValues(outputType(attrs.output_datatype), [n], w)];
    },
  });
}

/** HannWindow: 0.5 - 0.5·cos(2πn/N). */
export const HannWindow = defineWindow('HannWindow', 'Hann window of length `size`: 0.5 - 0.5cos(2πn/N).', 0.5, 0.5, 0);
/** HammingWindow: 25/46 - 21/46·cos(2πn/N). */
export const HammingWindow = defineWindow('HammingWindow', 'Hamming window of length `size`: 25/46 - 21/46·cos(2πn/N).', 25 / 46, 21 / 46, 0);
/** BlackmanWindow: 0.42 - 0.5·cos(2πn/N) + 0.08·cos(4πn/N). */
export const BlackmanWindow = defineWindow('BlackmanWindow', 'Blackman window of length `size`: 0.42 - 0.5cos(2πn/N) + 0.08cos(4πn/N).', 0.42, 0.5, 0.08);

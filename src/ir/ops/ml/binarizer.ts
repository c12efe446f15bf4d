/**
 * Binarizer (ai.onnx.ml): 1 where the input exceeds a threshold, else 0.
 * https://onnx.ai/onnx/operators/onnx_aionnxml_Binarizer.html
 */
import { defineUnaryOp } from '../common/elementwise.js';

/** Binarizer: `Y = X > threshold ? 1 : 0`, in X's type. */
export const Binarizer = defineUnaryOp({
  name: 'Binarizer',
  domain: 'ai.onnx.ml',
  versions: [1],
  doc: 'Maps each element to 1 if it is greater than threshold, else 0.',
  types: ['float32', 'float64', 'int64', 'int32'],
  attributes: { threshold: { type: 'float', default: 0.0 } },
  scalar: (x, { threshold }) => (x > threshold ? 1 : 0),
  bigScalar: (x, { threshold }) => (Number(x) > threshold ? 1n : 0n),
  tolerance: 'exact',
});

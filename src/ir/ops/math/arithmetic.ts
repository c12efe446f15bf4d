/**
 * The binary arithmetic family: Add, Sub, Mul, Div.
 * https://onnx.ai/onnx/operators/onnx__Add.html (and Sub, Mul, Div)
 *
 * Integer division truncates toward zero, and integer results wrap: both come from storing into
 * the output's typed array, which is exactly the two's-complement behaviour ONNX specifies.
 */
import { defineBinaryOp } from '../common/elementwise.js';
import { NUMERIC } from '../common/types.js';

const VERSIONS = [1, 6, 7, 13, 14] as const;
const common = { versions: VERSIONS, types: NUMERIC, numpyBroadcastSince: 7 };

export const Add = defineBinaryOp({ ...common, name: 'Add', doc: 'A + B, elementwise with broadcasting.', scalar: (a, b) => a + b, bigScalar: (a, b) => a + b });
export const Sub = defineBinaryOp({ ...common, name: 'Sub', doc: 'A - B, elementwise with broadcasting.', scalar: (a, b) => a - b, bigScalar: (a, b) => a - b });
export const Mul = defineBinaryOp({ ...common, name: 'Mul', doc: 'A * B, elementwise with broadcasting.', scalar: (a, b) => a * b, bigScalar: (a, b) => a * b });
export const Div = defineBinaryOp({
  ...common, name: 'Div', doc: 'A / B, elementwise with broadcasting; integer division truncates.',
  scalar: (a, b) => a / b,
  // BigInt division truncates toward zero too; division by zero is undefined in ONNX, we give 0.
  bigScalar: (a, b) => (b === 0n ? 0n : a / b),
});

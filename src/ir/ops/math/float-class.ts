/**
 * Float classification: IsNaN and IsInf, each a bool mask of the input.
 * https://onnx.ai/onnx/operators/onnx__IsNaN.html and https://onnx.ai/onnx/operators/onnx__IsInf.html
 */
import { defineUnaryOp } from '../common/elementwise.js';
import { FLOAT8S, FLOATS } from '../common/types.js';

/** Opset 20 added the float8 types (decoded to numbers first, so their NaN encodings are found too). */
const TYPES = [...FLOATS, ...FLOAT8S];

/** True where X is NaN. */
export const IsNaN = defineUnaryOp({
  name: 'IsNaN', versions: [9, 13, 20], types: TYPES, outType: 'bool',
  doc: 'True where X is NaN.', scalar: (x) => Number.isNaN(x),
});
/** True where X is +∞ (if detect_positive) or −∞ (if detect_negative). */
export const IsInf = defineUnaryOp({
  name: 'IsInf', versions: [10, 20], types: TYPES, outType: 'bool',
  attributes: { detect_negative: { type: 'int', default: 1 }, detect_positive: { type: 'int', default: 1 } },
  doc: 'True where X is an infinity of a detected sign.',
  scalar: (x, { detect_negative, detect_positive }) => (x === Infinity && !!detect_positive) || (x === -Infinity && !!detect_negative),
});

/**
 * The comparison family: Equal, Greater, Less, GreaterOrEqual, LessOrEqual, each giving a bool
 * tensor, with broadcasting.
 * https://onnx.ai/onnx/operators/onnx__Equal.html (and the other ops' pages, same URL pattern)
 *
 * Comparisons with NaN are false (Equal included), as in IEEE arithmetic. int64/uint64 compare
 * as bigints, so values above 2^53 stay distinct.
 */
import type { DType } from '../../dtype.js';
import { defineBinaryOp } from '../common/elementwise.js';
import { NUMERIC } from '../common/types.js';

const EQUAL_TYPES: readonly DType[] = ['bool', ...NUMERIC, 'string'];
/** Opset 1 to 6 broadcast with the legacy `broadcast`/`axis` attributes. */
const legacy = { outType: 'bool', numpyBroadcastSince: 7 } as const;
const ordered = { ...legacy, versions: [1, 7, 9, 13], types: NUMERIC };
const orEqual = { versions: [12, 16], types: NUMERIC, outType: 'bool' } as const;

/** A == B (strings compare by value). */
export const Equal = defineBinaryOp({
  ...legacy, name: 'Equal', versions: [1, 7, 11, 13, 19], types: EQUAL_TYPES,
  doc: 'A == B, elementwise with broadcasting.', scalar: (a, b) => a === b, bigScalar: (a, b) => a === b,
});
/** A > B. */
export const Greater = defineBinaryOp({ ...ordered, name: 'Greater', doc: 'A > B, elementwise with broadcasting.', scalar: (a, b) => a > b, bigScalar: (a, b) => a > b });
/** A < B. */
export const Less = defineBinaryOp({ ...ordered, name: 'Less', doc: 'A < B, elementwise with broadcasting.', scalar: (a, b) => a < b, bigScalar: (a, b) => a < b });
/** A >= B. */
export const GreaterOrEqual = defineBinaryOp({ ...orEqual, name: 'GreaterOrEqual', doc: 'A >= B, elementwise with broadcasting.', scalar: (a, b) => a >= b, bigScalar: (a, b) => a >= b });
/** A <= B. */
export const LessOrEqual = defineBinaryOp({ ...orEqual, name: 'LessOrEqual', doc: 'A <= B, elementwise with broadcasting.', scalar: (a, b) => a <= b, bigScalar: (a, b) => a <= b });

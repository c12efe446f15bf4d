/**
 * The bitwise family: BitwiseAnd, BitwiseOr, BitwiseXor, BitwiseNot, and BitShift.
 * https://onnx.ai/onnx/operators/onnx__BitwiseAnd.html (and the other ops' pages, same URL pattern)
 *
 * JavaScript's bitwise operators work on 32-bit two's complement, so for every type up to 32 bits
 * storing their result in the output's typed array gives the right bits; 64-bit types use bigints.
 */
import { AttributeError } from '../../errors.js';
import type { Tensor } from '../../tensor.js';
import { broadcastDims } from '../common/broadcast.js';
import { defineBinaryOp, defineUnaryOp, mapBinary } from '../common/elementwise.js';
import { INTS, UNSIGNED_INTS } from '../common/types.js';
import { defineOp } from '../spec.js';

const bitwise = { versions: [18], types: INTS } as const;

/** A & B. */
export const BitwiseAnd = defineBinaryOp({ ...bitwise, name: 'BitwiseAnd', doc: 'Bitwise and of A and B, with broadcasting.', scalar: (a, b) => a & b, bigScalar: (a, b) => a & b });
/** A | B. */
export const BitwiseOr = defineBinaryOp({ ...bitwise, name: 'BitwiseOr', doc: 'Bitwise or of A and B, with broadcasting.', scalar: (a, b) => a | b, bigScalar: (a, b) => a | b });
/** A ^ B. */
export const BitwiseXor = defineBinaryOp({ ...bitwise, name: 'BitwiseXor', doc: 'Bitwise exclusive or of A and B, with broadcasting.', scalar: (a, b) => a ^ b, bigScalar: (a, b) => a ^ b });
/** ~X. */
export const BitwiseNot = defineUnaryOp({ ...bitwise, name: 'BitwiseNot', doc: 'Bitwise complement of X.', scalar: (x) => ~x, bigScalar: (x) => ~x });

/** X shifted left or right by Y bits (unsigned types only, so right shifts are logical). */
export const BitShift = defineOp({
  name: 'BitShift',
  versions: [11],
  doc: 'X << Y or X >> Y (by `direction`), elementwise with broadcasting; bits shifted out are lost.',
  inputs: [{ name: 'X', type: 'T' }, { name: 'Y', type: 'T' }],
  outputs: [{ name: 'Z', type: 'T' }],
  types: { T: UNSIGNED_INTS },
  attributes: { direction: { type: 'string', required: true } },
  inferShape: ({ inputs: [x, y], attrs }) => {
    if (attrs.direction !== 'LEFT' && attrs.direction !== 'RIGHT') {
      throw new AttributeError(`BitShift direction must be 'LEFT' or 'RIGHT', got '${attrs.direction}'`);
    }
    return [{ kind: 'tensor', dtype: x?.dtype ?? y?.dtype, dims: x?.dims && y?.dims ? broadcastDims(x.dims, y.dims) : undefined }];
  },
  reference: ({ inputs, attrs }) => {
    const x = inputs[0] as Tensor, y = inputs[1] as Tensor;
    const left = attrs.direction === 'LEFT';
    return [mapBinary(x, y, x.type, left ? shiftLeft : shiftRight, left ? (a, b) => a << b : (a, b) => a >> b)];
  },
});

/**
 * Shifts as exact arithmetic: a·2^b is exact in a double for a < 2^32, and the store into the
 * output array keeps its low bits. (JS's << would take the count mod 32 and shift a signed value.)
 */
function shiftLeft(a: number, b: number): number {
  return a * 2 ** b;
}

function shiftRight(a: number, b: number): number {
  return Math.floor(a / 2 ** b);
}

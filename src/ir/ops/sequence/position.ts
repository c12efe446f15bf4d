/** Sequence positions: the scalar `position` input of SequenceAt/Insert/Erase, checked and made non-negative. */
import { ShapeError, TypeConstraintError } from '../../errors.js';
import { readNumbers, type Tensor } from '../../tensor.js';
import type { Value } from '../spec.js';

/**
 * `position` as an index into a sequence of `length` elements. Negative positions count from the
 * back. Accepted: [-length, length - 1], or [-length, length] when `end` (an insertion point).
 */
export function sequencePosition(position: Tensor, length: number, end: boolean, op: string): number {
  if (position.dims.length !== 0 && position.size !== 1) {
    throw new ShapeError(`${op}: position must be a scalar, got shape [${position.dims.join(',')}]`);
  }
  const p = readNumbers(position)[0];
  const max = end ? length : length - 1;
  if (p < -length || p > max) {
    throw new ShapeError(`${op}: position ${p} is out of range [${-length}, ${max}] for a sequence of ${length}`);
  }
  return p < 0 ? p + length : p;
}

/** The input as a sequence; a clear error instead of a crash when a tensor or none arrives. */
export function asSequence(v: Value | undefined, op: string): Value[] {
  if (!Array.isArray(v)) throw new TypeConstraintError(`${op}: expected a sequence input, got ${v === null ? 'an empty optional' : v === undefined ? 'nothing' : 'a tensor'}`);
  return v;
}

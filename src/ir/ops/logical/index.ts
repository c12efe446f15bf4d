/** The logical family's op specs. */
import type { OpSpec } from '../spec.js';
import { And, Not, Or, Xor } from './boolean.js';
import { Equal, Greater, GreaterOrEqual, Less, LessOrEqual } from './comparison.js';
import { BitShift, BitwiseAnd, BitwiseNot, BitwiseOr, BitwiseXor } from './bitwise.js';
import { Where } from './where.js';

export const logicalOps: OpSpec<any>[] = [
  And, Or, Xor, Not,
  Equal, Greater, Less, GreaterOrEqual, LessOrEqual,
  BitwiseAnd, BitwiseOr, BitwiseXor, BitwiseNot, BitShift,
  Where,
];

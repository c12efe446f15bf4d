/** The math family's op specs. */
import type { OpSpec } from '../spec.js';
import { Add, Div, Mul, Sub } from './arithmetic.js';

export const mathOps: OpSpec<any>[] = [Add, Sub, Mul, Div];

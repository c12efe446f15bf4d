/** The sequence family's op specs. */
import type { OpSpec } from '../spec.js';

export const sequenceOps: OpSpec<any>[] = [];

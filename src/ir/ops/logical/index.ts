/** The logical family's op specs. */
import type { OpSpec } from '../spec.js';

export const logicalOps: OpSpec<any>[] = [];

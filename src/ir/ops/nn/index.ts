/** The nn family's op specs. */
import type { OpSpec } from '../spec.js';

export const nnOps: OpSpec<any>[] = [];

/** The indexing family's op specs. */
import type { OpSpec } from '../spec.js';

export const indexingOps: OpSpec<any>[] = [];

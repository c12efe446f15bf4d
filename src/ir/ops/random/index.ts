/** The random family's op specs. */
import type { OpSpec } from '../spec.js';

export const randomOps: OpSpec<any>[] = [];

/** The control family's op specs. */
import type { OpSpec } from '../spec.js';

export const controlOps: OpSpec<any>[] = [];

/** The recurrent family's op specs. */
import type { OpSpec } from '../spec.js';

export const recurrentOps: OpSpec<any>[] = [];

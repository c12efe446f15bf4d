/** The reduction family's op specs. */
import type { OpSpec } from '../spec.js';

export const reductionOps: OpSpec<any>[] = [];

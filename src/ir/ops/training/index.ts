/** The training family's op specs. */
import type { OpSpec } from '../spec.js';

export const trainingOps: OpSpec<any>[] = [];

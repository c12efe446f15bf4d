/** The tensor family's op specs. */
import type { OpSpec } from '../spec.js';

export const tensorOps: OpSpec<any>[] = [];

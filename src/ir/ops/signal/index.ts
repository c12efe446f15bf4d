/** The signal family's op specs. */
import type { OpSpec } from '../spec.js';

export const signalOps: OpSpec<any>[] = [];

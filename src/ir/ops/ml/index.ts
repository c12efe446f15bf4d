/** The ml family's op specs. */
import type { OpSpec } from '../spec.js';

export const mlOps: OpSpec<any>[] = [];

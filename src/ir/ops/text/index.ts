/** The text family's op specs. */
import type { OpSpec } from '../spec.js';

export const textOps: OpSpec<any>[] = [];

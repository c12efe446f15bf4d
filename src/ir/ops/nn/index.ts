/** The nn family's op specs. */
import type { OpSpec } from '../spec.js';
import { Conv } from './conv.js';

export const nnOps: OpSpec<any>[] = [Conv];

/** The generator family's op specs. */
import type { OpSpec } from '../spec.js';

export const generatorOps: OpSpec<any>[] = [];

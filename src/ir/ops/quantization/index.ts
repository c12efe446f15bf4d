/** The quantization family's op specs. */
import type { OpSpec } from '../spec.js';

export const quantizationOps: OpSpec<any>[] = [];

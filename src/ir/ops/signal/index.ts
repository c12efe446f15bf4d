/** The signal family's op specs. */
import type { OpSpec } from '../spec.js';
import { DFT } from './dft.js';

export const signalOps: OpSpec<any>[] = [DFT];

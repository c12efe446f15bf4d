/** The control family's op specs: If, Loop and Scan, which run subgraphs. */
import type { OpSpec } from '../spec.js';
import { If } from './if.js';
import { Loop } from './loop.js';
import { Scan } from './scan.js';

export const controlOps: OpSpec<any>[] = [If, Loop, Scan];

/** The cast family's op specs. */
import type { OpSpec } from '../spec.js';
import { BitCast } from './bitcast.js';
import { Cast, CastLike } from './cast.js';

export const castOps: OpSpec<any>[] = [Cast, CastLike, BitCast];

/** The indexing family's op specs. */
import type { OpSpec } from '../spec.js';
import { Compress } from './compress.js';
import { Gather } from './gather.js';
import { GatherElements } from './gather-elements.js';
import { GatherND } from './gather-nd.js';
import { NonMaxSuppression } from './non-max-suppression.js';
import { NonZero } from './non-zero.js';
import { OneHot } from './one-hot.js';
import { ReverseSequence } from './reverse-sequence.js';
import { Scatter } from './scatter.js';
import { ScatterElements } from './scatter-elements.js';
import { ScatterND } from './scatter-nd.js';
import { TensorScatter } from './tensor-scatter.js';
import { TopK } from './top-k.js';
import { Unique } from './unique.js';

export const indexingOps: OpSpec<any>[] = [
  Gather, GatherElements, GatherND, Scatter, ScatterElements, ScatterND, TensorScatter,
  Compress, NonZero, OneHot, Unique, TopK, ReverseSequence, NonMaxSuppression,
];

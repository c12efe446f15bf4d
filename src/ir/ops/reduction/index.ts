/** The reduction family's op specs. */
import type { OpSpec } from '../spec.js';
import { ArgMax, ArgMin } from './argmax.js';
import {
  ReduceL1, ReduceL2, ReduceLogSum, ReduceLogSumExp, ReduceMax, ReduceMean, ReduceMin, ReduceProd, ReduceSum, ReduceSumSquare,
} from './reduce-ops.js';

export const reductionOps: OpSpec<any>[] = [
  ReduceSum, ReduceMax, ReduceMin, ReduceMean, ReduceProd, ReduceL1, ReduceL2, ReduceSumSquare, ReduceLogSum, ReduceLogSumExp,
  ArgMax, ArgMin,
];

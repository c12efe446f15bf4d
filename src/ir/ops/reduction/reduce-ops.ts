/**
 * The Reduce family, one line each on top of `defineReduceOp` (reduce.ts).
 * https://onnx.ai/onnx/operators/onnx__ReduceSum.html (and ReduceMax, ReduceMin, ReduceMean,
 * ReduceProd, ReduceL1, ReduceL2, ReduceLogSum, ReduceLogSumExp, ReduceSumSquare)
 *
 * Versions: 11 allowed negative axes, 12 added int8/uint8 to Max/Min, 13 added bfloat16 and
 * turned ReduceSum's `axes` into an input, 18 did the same for the others, 20 added bool to Max/Min.
 */
import type { DType } from '../../dtype.js';
import { FLOATS } from '../common/types.js';
import { defineReduceOp } from './reduce.js';

const NUMERIC_TYPES: readonly DType[] = [...FLOATS, 'int32', 'int64', 'uint32', 'uint64'];
const ORDERED_TYPES: readonly DType[] = [...NUMERIC_TYPES, 'int8', 'uint8', 'bool'];
const V18 = { versions: [1, 11, 13, 18], axesInputSince: 18, types: NUMERIC_TYPES } as const;
const MINMAX = { versions: [1, 11, 12, 13, 18, 20], axesInputSince: 18, types: ORDERED_TYPES } as const;

/** Sum of the elements along the given axes. */
export const ReduceSum = defineReduceOp({ name: 'ReduceSum', doc: 'Sum along axes.', versions: [1, 11, 13], axesInputSince: 13, types: NUMERIC_TYPES, math: { pre: 'none', combine: 'sum', post: 'none' } });
/** Maximum along the given axes; -inf (or the type's minimum) over an empty set. */
export const ReduceMax = defineReduceOp({ ...MINMAX, name: 'ReduceMax', doc: 'Maximum along axes.', math: { pre: 'none', combine: 'max', post: 'none' } });
/** Minimum along the given axes; +inf (or the type's maximum) over an empty set. */
export const ReduceMin = defineReduceOp({ ...MINMAX, name: 'ReduceMin', doc: 'Minimum along axes.', math: { pre: 'none', combine: 'min', post: 'none' } });
/** Arithmetic mean along the given axes. */
export const ReduceMean = defineReduceOp({ ...V18, name: 'ReduceMean', doc: 'Mean along axes.', math: { pre: 'none', combine: 'sum', post: 'mean' } });
/** Product along the given axes. */
export const ReduceProd = defineReduceOp({ ...V18, name: 'ReduceProd', doc: 'Product along axes.', math: { pre: 'none', combine: 'prod', post: 'none' } });
/** L1 norm (sum of absolute values) along the given axes. */
export const ReduceL1 = defineReduceOp({ ...V18, name: 'ReduceL1', doc: 'Sum of |x| along axes.', math: { pre: 'abs', combine: 'sum', post: 'none' } });
/** L2 norm (square root of the sum of squares) along the given axes. */
export const ReduceL2 = defineReduceOp({ ...V18, name: 'ReduceL2', doc: 'sqrt(sum of x²) along axes.', math: { pre: 'square', combine: 'sum', post: 'sqrt' } });
/** Sum of squares along the given axes. */
export const ReduceSumSquare = defineReduceOp({ ...V18, name: 'ReduceSumSquare', doc: 'Sum of x² along axes.', math: { pre: 'square', combine: 'sum', post: 'none' } });
/** Log of the sum along the given axes. */
export const ReduceLogSum = defineReduceOp({ ...V18, name: 'ReduceLogSum', doc: 'log(sum) along axes.', math: { pre: 'none', combine: 'sum', post: 'log' } });
/** Log of the sum of exponentials along the given axes. */
export const ReduceLogSumExp = defineReduceOp({ ...V18, name: 'ReduceLogSumExp', doc: 'log(sum of exp(x)) along axes.', math: { pre: 'none', combine: 'logsumexp', post: 'none' } });

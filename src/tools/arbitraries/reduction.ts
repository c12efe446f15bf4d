/**
 * Arbitraries for the reductions (ReduceSum … ReduceLogSumExp) and ArgMax/ArgMin: one generic
 * builder over axes given as an input (opset ≥ 18; ReduceSum ≥ 13) or absent, keepdims, and
 * noop_with_empty_axes, with empty dims now and then (reducing an empty set gives the op's identity).
 */
import fc from 'fast-check';
import type { DType } from '../../ir/dtype.js';
import { type CaseArbitrary, type ValueOpts, axisArb, dtypeArb, ints, inputsOf, konst, makeCase, shapeArb, tensorArb } from './case.js';

const RED_TYPES: readonly DType[] = ['float32', 'float32', 'float32', 'float64', 'float16', 'int32', 'int64'];

/** Distinct axes of a rank-r tensor, in random order and sign. */
export function axesArb(rank: number, minLength = 0): fc.Arbitrary<number[]> {
  const all = Array.from({ length: rank }, (_, i) => i);
  return fc.shuffledSubarray(all, { minLength: Math.min(minLength, rank) }).chain((axes) =>
    fc.array(fc.boolean(), { minLength: axes.length, maxLength: axes.length }).map((neg) => axes.map((a, i) => (neg[i] ? a - rank : a))));
}

function reduceArb(op: string, values: ValueOpts, dtypes: readonly DType[] = RED_TYPES): CaseArbitrary {
  // One case in ten has a zero-sized dim.
  const shape = fc.oneof({ weight: 9, arbitrary: shapeArb({ minRank: 0 }) }, { weight: 1, arbitrary: shapeArb({ minRank: 1, minDim: 0, maxDim: 3 }) });
  return fc.tuple(dtypeArb(dtypes), shape, fc.constantFrom(0, 1), fc.constantFrom(0, 1), fc.constantFrom('absent', 'given', 'empty'))
    .chain(([dt, dims, keepdims, noop, axesMode]) => fc.tuple(tensorArb(dt, dims, values), axesArb(dims.length, 1))
      .map(([x, axes]) => makeCase(op, inputsOf(x,
        axesMode === 'absent' ? undefined : konst(ints(axesMode === 'empty' ? [] : axes))), { keepdims, noop_with_empty_axes: noop })));
}

const E = { edges: true } as const;

function argArb(op: string): CaseArbitrary {
  // Small integral values make ties, which select_last_index decides. NaN is left out: the
  // operator text does not say where ArgMax finds a NaN.
  return fc.tuple(dtypeArb(['float32', 'float32', 'float64', 'int32', 'int64', 'uint8', 'int8']), shapeArb({ minRank: 1 }), fc.constantFrom(0, 1), fc.constantFrom(0, 1))
    .chain(([dt, dims, keepdims, last]) => fc.tuple(tensorArb(dt, dims, { min: -3, max: 3, integral: true }), axisArb(dims.length))
      .map(([x, axis]) => makeCase(op, inputsOf(x), { axis, keepdims, select_last_index: last })));
}

export const reductionArbitraries: Record<string, CaseArbitrary> = {
  ReduceSum: reduceArb('ReduceSum', E),
  ReduceMax: reduceArb('ReduceMax', E, [...RED_TYPES, 'int8', 'uint8']),
  ReduceMin: reduceArb('ReduceMin', E, [...RED_TYPES, 'int8', 'uint8']),
  ReduceMean: reduceArb('ReduceMean', E),
  // Products of up to 64 factors: |x| <= 2 keeps float32 and int32 results in range.
  ReduceProd: reduceArb('ReduceProd', { min: -2, max: 2 }),
  ReduceL1: reduceArb('ReduceL1', E),
  ReduceL2: reduceArb('ReduceL2', E),
  ReduceSumSquare: reduceArb('ReduceSumSquare', E),
  // Logs of negative sums are NaN (defined); ints are left out, their log is truncated by type.
  ReduceLogSum: reduceArb('ReduceLogSum', { min: -1, max: 10, edges: true }, ['float32', 'float64', 'float16']),
  ReduceLogSumExp: reduceArb('ReduceLogSumExp', { min: -10, max: 10, edges: true }, ['float32', 'float64', 'float16']),
  ArgMax: argArb('ArgMax'),
  ArgMin: argArb('ArgMin'),
};

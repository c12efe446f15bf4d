/**
 * Transpose: permute the axes.
 * https://onnx.ai/onnx/operators/onnx__Transpose.html
 */
import { ShapeError } from '../../errors.js';
import type { Tensor } from '../../tensor.js';
import { ALL_TENSOR_TYPES } from '../common/types.js';
import { defineOp } from '../spec.js';
import { transposeTensor } from './layout.js';

/** The permutation in force: `perm`, or reversed axes when it is absent; throws unless it is a permutation. */
export function resolvePerm(perm: readonly number[] | undefined, rank: number): number[] {
  if (perm === undefined) return Array.from({ length: rank }, (_, i) => rank - 1 - i);
  const seen = new Set<number>();
  for (const p of perm) {
    // Negative entries are not allowed by the spec: a permutation lists axes 0..rank-1.
    if (!Number.isInteger(p) || p < 0 || p >= rank || seen.has(p)) break;
    seen.add(p);
  }
  if (perm.length !== rank || seen.size !== rank) throw new ShapeError(`perm [${perm.join(',')}] is not a permutation of ${rank} axes`);
  return [...perm];
}

/** Transpose: output axis k is input axis perm[k] (default: reversed axes). */
export const Transpose = defineOp({
  name: 'Transpose',
  versions: [1, 13, 21, 23, 24, 25],
  doc: 'The input with its axes permuted by `perm` (default: reversed).',
  inputs: [{ name: 'data', type: 'T' }],
  outputs: [{ name: 'transposed', type: 'T' }],
  types: { T: ALL_TENSOR_TYPES },
  attributes: { perm: { type: 'ints' } },
  tolerance: 'exact',
  inferShape: ({ inputs: [x], attrs }) => {
    if (!x?.dims) return [{ kind: 'tensor', dtype: x?.dtype, dims: attrs.perm?.map(() => undefined) }];
    const dims = x.dims;
    return [{ kind: 'tensor', dtype: x.dtype, dims: resolvePerm(attrs.perm, dims.length).map((p) => dims[p]) }];
  },
  reference: ({ inputs, attrs }) => {
    const x = inputs[0] as Tensor;
    return [transposeTensor(x, resolvePerm(attrs.perm, x.dims.length))];
  },
});

/**
 * ScatterND: a copy of `data` with slices replaced (or reduced) at index tuples.
 * https://onnx.ai/onnx/operators/onnx__ScatterND.html
 */
import { ShapeError } from '../../errors.js';
import type { Dim } from '../../model.js';
import { Tensor } from '../../tensor.js';
import { dimsMayMatch, formatDims, indexValues, scatterReduction, sizeBetween, wrapIndex } from '../common/indexing.js';
import { ALL_TENSOR_TYPES } from '../common/types.js';
import { defineOp } from '../spec.js';
import { reductionsAt, scatterWriter } from './scatter-elements.js';

/**
 * ScatterND: for each index tuple `t` (last dim of `indices`, length k), the slice
 * `out[t...]` (shape `data.dims[k:]`) takes `updates[i...]`, combined by `reduction` when given
 * (16: add, mul; 18: max, min). `updates` has shape `indices.dims[:-1] ++ data.dims[k:]`.
 */
export const ScatterND = defineOp({
  name: 'ScatterND',
  versions: [11, 13, 16, 18],
  doc: 'Copy of data with slices at index tuples replaced by (or reduced with) updates.',
  inputs: [{ name: 'data', type: 'T' }, { name: 'indices', type: 'tensor(int64)' }, { name: 'updates', type: 'T' }],
  outputs: [{ name: 'output', type: 'T' }],
  types: { T: ALL_TENSOR_TYPES },
  attributes: { reduction: { type: 'string', default: 'none', since: 16 } },
  tolerance: 'exact',
  inferShape: ({ inputs: [data, indices, updates] }) => {
    if (data?.dims && indices?.dims && updates?.dims) checkScatterNDOperands(data.dims, indices.dims, updates.dims);
    return [{ kind: 'tensor', dtype: data?.dtype, dims: data?.dims }];
  },
  reference: ({ inputs, attrs, version }) => {
    const data = inputs[0] as Tensor, indices = inputs[1] as Tensor, updates = inputs[2] as Tensor;
    checkScatterNDOperands(data.dims, indices.dims, updates.dims);
    // Before version 16 there is no reduction attribute: updates overwrite.
    const reduction = attrs.reduction ?? 'none';
    const { write, result } = scatterWriter(data, updates, scatterReduction(reduction, reductionsAt(version)), reduction === 'none');
    const k = indices.dims[indices.dims.length - 1];
    const slice = sizeBetween(data.dims, k);
    const tuples = sizeBetween(indices.dims, 0, indices.dims.length - 1);
    const idx = indexValues(indices);
    for (let t = 0; t < tuples; t++) {
      let offset = 0;
      for (let j = 0; j < k; j++) offset = offset * data.dims[j] + wrapIndex(idx[t * k + j], data.dims[j], 'ScatterND');
      offset *= slice;
      for (let e = 0; e < slice; e++) write(offset + e, t * slice + e);
    }
    return [result()];
  },
});

/**
 * ScatterND's operand rules: indices of rank >= 1 whose tuples (last dim, k) fit data's rank, and
 * updates of shape `indices.dims[:-1] ++ data.dims[k:]`, one slice per tuple. Only numeric dims are
 * compared (shape inference passes symbolic ones); the reference kernel calls it on actual dims.
 */
export function checkScatterNDOperands(data: readonly Dim[], indices: readonly Dim[], updates: readonly Dim[]): void {
  if (indices.length < 1) throw new ShapeError(`ScatterND needs indices of rank >= 1, got indices ${formatDims(indices)} for data ${formatDims(data)}`);
  const k = indices[indices.length - 1];
  if (typeof k !== 'number') return;
  if (k > data.length) throw new ShapeError(`ScatterND: index tuples of length ${k} (indices ${formatDims(indices)}) do not fit data ${formatDims(data)}`);
  const want = [...indices.slice(0, -1), ...data.slice(k)];
  if (!dimsMayMatch(want, updates)) {
    throw new ShapeError(`ScatterND: updates ${formatDims(updates)} must have shape ${formatDims(want)} (indices ${formatDims(indices)}, data ${formatDims(data)})`);
  }
}

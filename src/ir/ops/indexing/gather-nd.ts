/**
 * GatherND: slices of `data` addressed by index tuples in the last dim of `indices`.
 * https://onnx.ai/onnx/operators/onnx__GatherND.html
 */
import { ShapeError } from '../../errors.js';
import type { Dim } from '../../model.js';
import { Tensor } from '../../tensor.js';
import { allocateFor, copyElements, formatDims, indexValues, sizeBetween, wrapIndex } from '../common/indexing.js';
import { ALL_TENSOR_TYPES } from '../common/types.js';
import { defineOp } from '../spec.js';

/**
 * Output dims: `indices.dims[:-1] ++ data.dims[batch_dims + k:]` where k = indices.dims[-1].
 * Undefined when k is not static (the output rank depends on it). Throws a ShapeError for operands
 * GatherND cannot take; the reference kernel calls it on the actual dims too.
 */
export function gatherNDDims(data: readonly Dim[], indices: readonly Dim[], batchDims: number): Dim[] | undefined {
  const r = data.length, q = indices.length;
  if (r < 1 || q < 1) throw new ShapeError(`GatherND needs data and indices of rank >= 1, got ${formatDims(data)} and ${formatDims(indices)}`);
  if (batchDims < 0 || batchDims >= Math.min(r, q)) throw new ShapeError(`GatherND batch_dims ${batchDims} must be below both ranks (data ${formatDims(data)}, indices ${formatDims(indices)})`);
  // The batch dims pair data's slices with indices' tuples one to one.
  for (let i = 0; i < batchDims; i++) {
    const d = data[i], n = indices[i];
    if (typeof d === 'number' && typeof n === 'number' && d !== n) {
      throw new ShapeError(`GatherND: indices ${formatDims(indices)} and data ${formatDims(data)} disagree on batch dim ${i} (batch_dims ${batchDims})`);
    }
  }
  const k = indices[q - 1];
  if (typeof k !== 'number') return undefined;
  if (k < 1 || batchDims + k > r) throw new ShapeError(`GatherND: index tuples of length ${k} do not fit data ${formatDims(data)} with batch_dims ${batchDims}`);
  return [...indices.slice(0, q - 1), ...data.slice(batchDims + k)];
}

/**
 * GatherND: for each index tuple `t` (the last dim of `indices`), the slice `data[b..., t...]`,
 * where the first `batch_dims` dims of data and indices are shared batch dims (from version 12).
 */
export const GatherND = defineOp({
  name: 'GatherND',
  versions: [11, 12, 13],
  doc: 'Slices of data addressed by index tuples, with optional leading batch dims.',
  inputs: [{ name: 'data', type: 'T' }, { name: 'indices', type: 'tensor(int64)' }],
  outputs: [{ name: 'output', type: 'T' }],
  types: { T: ALL_TENSOR_TYPES },
  attributes: { batch_dims: { type: 'int', default: 0, since: 12 } },
  tolerance: 'exact',
  inferShape: ({ inputs: [data, indices], attrs }) => {
    if (!data?.dims || !indices?.dims) return [{ kind: 'tensor', dtype: data?.dtype }];
    return [{ kind: 'tensor', dtype: data.dtype, dims: gatherNDDims(data.dims, indices.dims, attrs.batch_dims ?? 0) }];
  },
  reference: ({ inputs, attrs }) => {
    const data = inputs[0] as Tensor, indices = inputs[1] as Tensor;
    // Version 11 has no batch_dims attribute: no batch dims.
    const b = attrs.batch_dims ?? 0;
    const dims = gatherNDDims(data.dims, indices.dims, b) as number[];
    const q = indices.dims.length;
    const k = indices.dims[q - 1];
    const batches = sizeBetween(data.dims, 0, b);
    const tuplesPerBatch = sizeBetween(indices.dims, b, q - 1);
    const slice = sizeBetween(data.dims, b + k);
    const batchStride = sizeBetween(data.dims, b);
    // Element strides of the k indexed dims, in units of whole slices.
    const strides = new Array<number>(k);
    for (let j = k - 1, acc = slice; j >= 0; j--) { strides[j] = acc; acc *= data.dims[b + j]; }
    const idx = indexValues(indices);
    const { data: out, entries } = allocateFor(data.type, batches * tuplesPerBatch * slice);
    let t = 0;
    for (let batch = 0; batch < batches; batch++) {
      for (let i = 0; i < tuplesPerBatch; i++, t++) {
        let offset = batch * batchStride;
        for (let j = 0; j < k; j++) offset += wrapIndex(idx[t * k + j], data.dims[b + j], 'GatherND') * strides[j];
        copyElements(data.data, offset, out, t * slice, slice, entries);
      }
    }
    return [new Tensor(data.type, out, dims)];
  },
});

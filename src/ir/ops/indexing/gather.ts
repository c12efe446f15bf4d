/**
 * Gather: entries of `data` along `axis`, picked by `indices` (embedding look-ups, Shape→Gather).
 * https://onnx.ai/onnx/operators/onnx__Gather.html
 */
import { ShapeError } from '../../errors.js';
import type { Dim } from '../../model.js';
import { Tensor } from '../../tensor.js';
import { normalizeAxis } from '../common/axes.js';
import { allocateFor, copyElements, formatDims, indexValues, sizeBetween, wrapIndex } from '../common/indexing.js';
import { ALL_TENSOR_TYPES } from '../common/types.js';
import { defineOp } from '../spec.js';

/** Output dims of Gather: data's dims with the `axis` dim replaced by all of indices' dims. */
export function gatherDims(data: readonly Dim[], indices: readonly Dim[], axis: number): Dim[] {
  return [...data.slice(0, axis), ...indices, ...data.slice(axis + 1)];
}

/**
 * Gather: `out[i..., j..., k...] = data[i..., indices[j...], k...]` with `axis` the position of `j`.
 * Negative indices count from the end (stated from version 11; accepting them earlier is harmless).
 */
export const Gather = defineOp({
  name: 'Gather',
  versions: [1, 11, 13],
  doc: 'Entries of data along axis, selected by indices.',
  inputs: [{ name: 'data', type: 'T' }, { name: 'indices', type: 'Tind' }],
  outputs: [{ name: 'output', type: 'T' }],
  types: { T: ALL_TENSOR_TYPES, Tind: ['int32', 'int64'] },
  attributes: { axis: { type: 'int', default: 0 } },
  tolerance: 'exact',
  inferShape: ({ inputs: [data, indices], attrs }) => {
    if (!data?.dims || !indices?.dims) return [{ kind: 'tensor', dtype: data?.dtype }];
    if (data.dims.length === 0) throw new ShapeError(`Gather needs data of rank >= 1, got ${formatDims(data.dims)}`);
    const axis = normalizeAxis(attrs.axis, data.dims.length);
    return [{ kind: 'tensor', dtype: data.dtype, dims: gatherDims(data.dims, indices.dims, axis) }];
  },
  reference: ({ inputs, attrs }) => {
    const data = inputs[0] as Tensor, indices = inputs[1] as Tensor;
    const axis = normalizeAxis(attrs.axis, data.dims.length);
    const dims = gatherDims(data.dims, indices.dims, axis) as number[];
    const axisDim = data.dims[axis];
    const outer = sizeBetween(data.dims, 0, axis);
    const inner = sizeBetween(data.dims, axis + 1);
    const idx = indexValues(indices);
    for (let j = 0; j < idx.length; j++) idx[j] = wrapIndex(idx[j], axisDim, 'Gather');
    const n = idx.length;
    const { data: out, entries } = allocateFor(data.type, outer * n * inner);
    const src = data.data;
    for (let o = 0; o < outer; o++) {
      const srcBase = o * axisDim, dstBase = o * n;
      for (let j = 0; j < n; j++) copyElements(src, (srcBase + idx[j]) * inner, out, (dstBase + j) * inner, inner, entries);
    }
    return [new Tensor(data.type, out, dims)];
  },
});

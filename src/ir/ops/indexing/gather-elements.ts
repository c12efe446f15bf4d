/**
 * GatherElements: per-element gather along one axis (the inverse of ScatterElements).
 * https://onnx.ai/onnx/operators/onnx__GatherElements.html
 */
import { Tensor } from '../../tensor.js';
import { stridesOf } from '../common/broadcast.js';
import { allocateFor, checkAlongAxisDims, copyElements, indexValues, wrapIndex } from '../common/indexing.js';
import { ALL_TENSOR_TYPES } from '../common/types.js';
import { defineOp } from '../spec.js';

/**
 * GatherElements: `out[i][j][k] = data[indices[i][j][k]][j][k]` for axis 0 (and likewise for other
 * axes). The output has the shape of `indices`, which must have data's rank and, off the axis, no
 * dim larger than data's (checkAlongAxisDims).
 */
export const GatherElements = defineOp({
  name: 'GatherElements',
  versions: [11, 13],
  doc: 'Elements of data picked along axis by an indices tensor of the same rank.',
  inputs: [{ name: 'data', type: 'T' }, { name: 'indices', type: 'Tind' }],
  outputs: [{ name: 'output', type: 'T' }],
  types: { T: ALL_TENSOR_TYPES, Tind: ['int32', 'int64'] },
  attributes: { axis: { type: 'int', default: 0 } },
  tolerance: 'exact',
  inferShape: ({ inputs: [data, indices], attrs }) => {
    if (data?.dims && indices?.dims) checkAlongAxisDims('GatherElements', data.dims, indices.dims, attrs.axis);
    return [{ kind: 'tensor', dtype: data?.dtype, dims: indices?.dims }];
  },
  reference: ({ inputs, attrs }) => {
    const data = inputs[0] as Tensor, indices = inputs[1] as Tensor;
    const rank = data.dims.length;
    const axis = checkAlongAxisDims('GatherElements', data.dims, indices.dims, attrs.axis);
    const idx = indexValues(indices);
    const dataStrides = stridesOf(data.dims);
    const { data: out, entries } = allocateFor(data.type, indices.size);
    // Walk the indices tensor with a counter; `offset` tracks data's offset for every dim but axis.
    const counter = new Array<number>(rank).fill(0);
    let offset = 0;
    for (let i = 0; i < idx.length; i++) {
      const k = wrapIndex(idx[i], data.dims[axis], 'GatherElements');
      copyElements(data.data, offset + k * dataStrides[axis], out, i, 1, entries);
      for (let d = rank - 1; d >= 0; d--) {
        if (++counter[d] < indices.dims[d]) { if (d !== axis) offset += dataStrides[d]; break; }
        if (d !== axis) offset -= dataStrides[d] * (counter[d] - 1);
        counter[d] = 0;
      }
    }
    return [new Tensor(data.type, out, indices.dims)];
  },
});

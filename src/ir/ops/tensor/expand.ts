/**
 * Expand: broadcast a tensor to a shape.
 * https://onnx.ai/onnx/operators/onnx__Expand.html
 */
import type { Dim } from '../../model.js';
import { readNumbers, type Tensor } from '../../tensor.js';
import { broadcastDims, broadcastShapes } from '../common/broadcast.js';
import { ALL_TENSOR_TYPES } from '../common/types.js';
import { elementsOf } from '../common/dim-values.js';
import { defineOp } from '../spec.js';
import { elementStrides, gatherAxes } from './layout.js';

/** Expand: `input` broadcast together with `shape` (numpy rules both ways, so a 1 in `shape` keeps the input's dim). */
export const Expand = defineOp({
  name: 'Expand',
  versions: [8, 13],
  doc: 'The input broadcast with the dims in `shape` (bidirectional numpy broadcasting).',
  inputs: [{ name: 'input', type: 'T' }, { name: 'shape', type: 'int64' }],
  outputs: [{ name: 'output', type: 'T' }],
  types: { T: ALL_TENSOR_TYPES },
  tolerance: 'exact',
  inferShape: ({ inputs: [x, shapeIn] }) => {
    // Symbolic entries broadcast like symbolic dims ('batch' meets 1 or itself), unknown ones take
    // the input's dim where it is not 1.
    const shape = elementsOf(shapeIn) ?? (shapeIn?.value && readNumbers(shapeIn.value));
    if (shape && x?.dims) return [{ kind: 'tensor', dtype: x.dtype, dims: broadcastDims(x.dims, shape) }];
    // Unknown values: the rank is the larger of the two, when both are known.
    const n = shape?.length ?? shapeIn?.dims?.[0];
    if (x?.dims && typeof n === 'number') return [{ kind: 'tensor', dtype: x.dtype, dims: new Array<Dim>(Math.max(n, x.dims.length)).fill(undefined) }];
    return [{ kind: 'tensor', dtype: x?.dtype }];
  },
  reference: ({ inputs }) => {
    const x = inputs[0] as Tensor;
    const outDims = broadcastShapes(x.dims, readNumbers(inputs[1] as Tensor));
    const lead = outDims.length - x.dims.length;
    const strides = elementStrides(x.dims);
    // A broadcast axis re-reads the same source element (offset 0) for every output coordinate.
    const offsets = outDims.map((n, k) => {
      const t = new Int32Array(n);
      const a = k - lead;
      if (a >= 0 && x.dims[a] !== 1) for (let o = 0; o < n; o++) t[o] = o * strides[a];
      return t;
    });
    return [gatherAxes(x, outDims, offsets)];
  },
});

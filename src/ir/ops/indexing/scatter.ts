/**
 * Scatter: the deprecated first name of ScatterElements (same semantics, no reduction).
 * https://onnx.ai/onnx/operators/onnx__Scatter.html
 */
import type { Tensor } from '../../tensor.js';
import { ALL_TENSOR_TYPES } from '../common/types.js';
import { defineOp } from '../spec.js';
import { inferScatterElements, scatterElements } from './scatter-elements.js';

/**
 * Scatter: for axis 0, `out[indices[i][j]][j] = updates[i][j]`. The Changelog's Scatter-11 entry
 * is its deprecation: from opset 11 models use ScatterElements, so the op ends there.
 */
export const Scatter = defineOp({
  name: 'Scatter',
  versions: [9],
  removedIn: 11,
  doc: 'Deprecated alias of ScatterElements (without reduction).',
  inputs: [{ name: 'data', type: 'T' }, { name: 'indices', type: 'Tind' }, { name: 'updates', type: 'T' }],
  outputs: [{ name: 'output', type: 'T' }],
  types: { T: ALL_TENSOR_TYPES, Tind: ['int32', 'int64'] },
  attributes: { axis: { type: 'int', default: 0 } },
  tolerance: 'exact',
  inferShape: ({ inputs: [data, indices, updates], attrs }) => inferScatterElements('Scatter', data, indices, updates, attrs.axis),
  reference: ({ inputs, attrs }) => [
    scatterElements('Scatter', inputs[0] as Tensor, inputs[1] as Tensor, inputs[2] as Tensor, attrs.axis, 'none', ['none']),
  ],
});

/**
 * ReverseSequence: reverses the first seq_len[b] steps of each batch entry along the time axis.
 * https://onnx.ai/onnx/operators/onnx__ReverseSequence.html
 */
import { ShapeError } from '../../errors.js';
import { Tensor } from '../../tensor.js';
import { stridesOf } from '../common/broadcast.js';
import { copyElements, formatDims, indexValues } from '../common/indexing.js';
import { ALL_TENSOR_TYPES } from '../common/types.js';
import { defineOp } from '../spec.js';
import { entriesPerElement, type TensorData } from '../../dtype.js';

/**
 * ReverseSequence: for batch entry b, `out[t] = input[len[b] - 1 - t]` for t < len[b] along
 * `time_axis`, and the remaining steps unchanged. One of the two axes is 0 and the other 1.
 */
export const ReverseSequence = defineOp({
  name: 'ReverseSequence',
  versions: [10],
  doc: 'Reverses variable-length prefixes of batch entries along the time axis.',
  inputs: [{ name: 'input', type: 'T' }, { name: 'sequence_lens', type: 'tensor(int64)' }],
  outputs: [{ name: 'Y', type: 'T' }],
  types: { T: ALL_TENSOR_TYPES },
  attributes: { batch_axis: { type: 'int', default: 1 }, time_axis: { type: 'int', default: 0 } },
  tolerance: 'exact',
  inferShape: ({ inputs: [input, lens], attrs }) => {
    const axes = [attrs.batch_axis, attrs.time_axis].sort().join(',');
    if (axes !== '0,1') throw new ShapeError(`ReverseSequence needs batch_axis and time_axis to be 0 and 1, got ${attrs.batch_axis} and ${attrs.time_axis}`);
    if (input?.dims && input.dims.length < 2) throw new ShapeError(`ReverseSequence needs input of rank >= 2, got ${formatDims(input.dims)}`);
    const batch = input?.dims?.[attrs.batch_axis], n = lens?.dims?.[0];
    if (typeof batch === 'number' && typeof n === 'number' && batch !== n) {
      throw new ShapeError(`ReverseSequence: sequence_lens ${formatDims(lens!.dims)} does not match batch size ${batch} of ${formatDims(input!.dims)}`);
    }
    return [{ kind: 'tensor', dtype: input?.dtype, dims: input?.dims }];
  },
  reference: ({ inputs, attrs }) => {
    const input = inputs[0] as Tensor;
    const lens = indexValues(inputs[1] as Tensor);
    const { batch_axis: bAxis, time_axis: tAxis } = attrs;
    const strides = stridesOf(input.dims);
    const steps = input.dims[tAxis], batches = input.dims[bAxis];
    const inner = strides[1]; // elements after the two leading axes, contiguous
    const entries = entriesPerElement(input.type);
    const out = input.data.slice() as TensorData;
    for (let b = 0; b < batches; b++) {
      const len = lens[b];
      if (len < 0 || len > steps) throw new ShapeError(`ReverseSequence: sequence_lens[${b}] = ${len} is outside [0, ${steps}]`);
      for (let t = 0; t < len; t++) {
        const from = b * strides[bAxis] + (len - 1 - t) * strides[tAxis];
        copyElements(input.data, from, out, b * strides[bAxis] + t * strides[tAxis], inner, entries);
      }
    }
    return [new Tensor(input.type, out, input.dims)];
  },
});

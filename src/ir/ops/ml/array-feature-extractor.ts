/**
 * ArrayFeatureExtractor (ai.onnx.ml): selects entries of the last axis by index.
 * https://onnx.ai/onnx/operators/onnx_aionnxml_ArrayFeatureExtractor.html
 */
import { ShapeError } from '../../errors.js';
import { Tensor } from '../../tensor.js';
import { allocateFor, copyElements, formatDims, indexValues, staticSize, wrapIndex } from '../common/indexing.js';
import { defineOp } from '../spec.js';

/**
 * Output dims: X's dims with the last one replaced by the number of indices. A 1-D X gives
 * [1, count]: the op treats its input as a batch of feature rows, as onnxruntime does.
 */
function extractorDims<D>(x: readonly D[], count: D | number): (D | number)[] {
  return x.length === 1 ? [1, count] : [...x.slice(0, -1), count];
}

/** ArrayFeatureExtractor: `Z[..., j] = X[..., Y[j]]` with the indices Y flattened. */
export const ArrayFeatureExtractor = defineOp({
  name: 'ArrayFeatureExtractor',
  domain: 'ai.onnx.ml',
  versions: [1],
  doc: 'Entries of the last axis of X at the indices Y.',
  inputs: [{ name: 'X', type: 'T' }, { name: 'Y', type: 'tensor(int64)' }],
  outputs: [{ name: 'Z', type: 'T' }],
  types: { T: ['float32', 'float64', 'int64', 'int32', 'string'] },
  tolerance: 'exact',
  inferShape: ({ inputs: [x, y] }) => {
    if (!x?.dims) return [{ kind: 'tensor', dtype: x?.dtype }];
    if (x.dims.length === 0) throw new ShapeError(`ArrayFeatureExtractor needs X of rank >= 1, got ${formatDims(x.dims)}`);
    return [{ kind: 'tensor', dtype: x.dtype, dims: extractorDims(x.dims, y?.dims ? staticSize(y.dims) : undefined) }];
  },
  reference: ({ inputs }) => {
    const x = inputs[0] as Tensor;
    const idx = indexValues(inputs[1] as Tensor);
    const last = x.dims[x.dims.length - 1];
    for (let j = 0; j < idx.length; j++) idx[j] = wrapIndex(idx[j], last, 'ArrayFeatureExtractor');
    const rows = x.size / last;
    const { data: out, entries } = allocateFor(x.type, rows * idx.length);
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < idx.length; j++) copyElements(x.data, r * last + idx[j], out, r * idx.length + j, 1, entries);
    }
    return [new Tensor(x.type, out, extractorDims(x.dims, idx.length))];
  },
});

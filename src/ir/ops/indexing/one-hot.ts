/**
 * OneHot: a tensor one rank higher than `indices`, holding on_value where the new axis's
 * coordinate equals the index and off_value elsewhere.
 * https://onnx.ai/onnx/operators/onnx__OneHot.html
 */
import type { DType } from '../../dtype.js';
import { ShapeError } from '../../errors.js';
import type { Dim } from '../../model.js';
import { Tensor, readNumbers } from '../../tensor.js';
import { normalizeAxis } from '../common/axes.js';
import { allocateFor, constScalar, copyElements, formatDims, sizeBetween } from '../common/indexing.js';
import { defineOp } from '../spec.js';

const ONE_HOT_NUMERIC: readonly DType[] = ['uint8', 'uint16', 'uint32', 'uint64', 'int8', 'int16', 'int32', 'int64', 'float16', 'float32', 'float64'];

/**
 * OneHot: with axis -1, `out[i..., c] = c === indices[i...] ? on : off`. Indices (cast to integers)
 * in [-depth, depth) select a class, negative ones counting from the end; others select none.
 */
export const OneHot = defineOp({
  name: 'OneHot',
  versions: [9, 11],
  doc: 'One-hot encoding of indices along a new axis of size depth, filled from values = [off, on].',
  inputs: [{ name: 'indices', type: 'T1' }, { name: 'depth', type: 'T2' }, { name: 'values', type: 'T3' }],
  outputs: [{ name: 'output', type: 'T3' }],
  types: { T1: ONE_HOT_NUMERIC, T2: ONE_HOT_NUMERIC, T3: [...ONE_HOT_NUMERIC, 'string', 'bool', 'complex64', 'complex128'] },
  attributes: { axis: { type: 'int', default: -1 } },
  tolerance: 'exact',
  inferShape: ({ inputs: [indices, depth, values], attrs }) => {
    checkOneHotOperands(depth?.dims, values?.dims);
    if (!indices?.dims) return [{ kind: 'tensor', dtype: values?.dtype }];
    const axis = normalizeAxis(attrs.axis, indices.dims.length + 1);
    const d = constScalar(depth?.value);
    const dims = [...indices.dims];
    dims.splice(axis, 0, d === undefined ? undefined : Math.trunc(d));
    return [{ kind: 'tensor', dtype: values?.dtype, dims }];
  },
  reference: ({ inputs, attrs }) => {
    const indices = inputs[0] as Tensor, values = inputs[2] as Tensor;
    const depthTensor = inputs[1] as Tensor;
    checkOneHotOperands(depthTensor.dims, values.dims);
    const depth = Math.trunc(readNumbers(depthTensor)[0]);
    if (depth < 1) throw new ShapeError(`OneHot depth must be positive, got ${depth}`);
    const axis = normalizeAxis(attrs.axis, indices.dims.length + 1);
    const dims = [...indices.dims];
    dims.splice(axis, 0, depth);
    const outer = sizeBetween(indices.dims, 0, axis), inner = sizeBetween(indices.dims, axis);
    const idx = readNumbers(indices);
    const { data: out, entries } = allocateFor(values.type, outer * depth * inner);
    for (let o = 0; o < outer; o++) {
      for (let c = 0; c < depth; c++) {
        for (let i = 0; i < inner; i++) {
          let k = Math.trunc(idx[o * inner + i]);
          if (k < 0) k += depth;
          copyElements(values.data, k === c ? 1 : 0, out, (o * depth + c) * inner + i, 1, entries);
        }
      }
    }
    return [new Tensor(values.type, out, dims)];
  },
});

/**
 * OneHot's operand rules: depth a scalar or a 1-D tensor of one element, values exactly [off, on].
 * Unknown dims (shape inference) pass; the reference calls it on the actual dims, since an empty
 * depth or a short values would otherwise be read past its end.
 */
function checkOneHotOperands(depth: readonly Dim[] | undefined, values: readonly Dim[] | undefined): void {
  if (depth && (depth.length > 1 || (typeof depth[0] === 'number' && depth[0] !== 1))) {
    throw new ShapeError(`OneHot depth must be a scalar or hold one value, got shape ${formatDims(depth)}`);
  }
  if (values && (values.length !== 1 || (typeof values[0] === 'number' && values[0] !== 2))) {
    throw new ShapeError(`OneHot values must be [off, on] of shape [2], got ${formatDims(values)}`);
  }
}

/**
 * Trilu: the upper or lower triangle of (batches of) matrices.
 * https://onnx.ai/onnx/operators/onnx__Trilu.html
 */
import { allocate, entriesPerElement, type TypedArray } from '../../dtype.js';
import { ShapeError } from '../../errors.js';
import { readNumbers, Tensor } from '../../tensor.js';
import { ALL_TENSOR_TYPES } from '../common/types.js';
import { defineOp } from '../spec.js';
import { fmtDims } from './layout.js';

/** The `k` input is optional; the spec says an absent k means the main diagonal. */
const MAIN_DIAGONAL = 0;

/** Trilu: keeps elements with j - i >= k (upper) or j - i <= k (lower) in each trailing [N, M] matrix; zeros the rest. */
export const Trilu = defineOp({
  name: 'Trilu',
  versions: [14],
  doc: 'The upper (default) or lower triangle of each matrix, relative to diagonal `k`; the rest is zero.',
  inputs: [{ name: 'input', type: 'T' }, { name: 'k', type: 'int64', optional: true }],
  outputs: [{ name: 'output', type: 'T' }],
  types: { T: ALL_TENSOR_TYPES },
  attributes: { upper: { type: 'int', default: 1 } },
  tolerance: 'exact',
  inferShape: ({ inputs: [x] }) => {
    if (x?.dims && x.dims.length < 2) throw new ShapeError(`Trilu input ${fmtDims(x.dims)} must have rank 2 or more`);
    return [{ kind: 'tensor', dtype: x?.dtype, dims: x?.dims }];
  },
  reference: ({ inputs, attrs }) => {
    const x = inputs[0] as Tensor;
    const k = inputs[1] ? readNumbers(inputs[1] as Tensor)[0] : MAIN_DIAGONAL;
    const r = x.dims.length;
    const rows = x.dims[r - 2], cols = x.dims[r - 1];
    const per = entriesPerElement(x.type);
    const src = x.data as TypedArray;
    // Zero-filled storage: only the kept triangle is copied over.
    const out = allocate(x.type, x.size) as TypedArray;
    const matrices = x.size / (rows * cols || 1);
    for (let m = 0; m < matrices; m++) {
      for (let i = 0; i < rows; i++) {
        // Kept columns of row i form one run: [i + k, cols) for upper, [0, i + k] for lower.
        const from = attrs.upper ? Math.max(0, i + k) : 0;
        const to = attrs.upper ? cols : Math.min(cols, i + k + 1);
        const row = ((m * rows + i) * cols) * per;
        for (let j = from * per; j < to * per; j++) out[row + j] = src[row + j];
      }
    }
    return [new Tensor(x.type, out, x.dims)];
  },
});

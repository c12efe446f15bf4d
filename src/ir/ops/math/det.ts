/**
 * Det: the determinant of each square matrix in a batch ([..., M, M] → [...]).
 * https://onnx.ai/onnx/operators/onnx__Det.html
 */
import { ShapeError } from '../../errors.js';
import type { Dim } from '../../model.js';
import { readValues, Tensor } from '../../tensor.js';
import { FLOATS } from '../common/types.js';
import { defineOp } from '../spec.js';

/** Determinant by LU decomposition with partial pivoting, in float64. */
export const Det = defineOp({
  name: 'Det',
  versions: [11, 22],
  doc: 'Determinant of each square matrix in the last two dims of X.',
  inputs: [{ name: 'X', type: 'T' }],
  outputs: [{ name: 'Y', type: 'T' }],
  types: { T: FLOATS },
  inferShape: ({ inputs: [x] }) => [{ kind: 'tensor', dtype: x?.dtype, dims: x?.dims && batchDims(x.dims) }],
  reference: ({ inputs }) => {
    const x = inputs[0] as Tensor;
    const outDims = batchDims(x.dims);
    const m = x.dims[x.dims.length - 1];
    const src = readValues(x);
    const count = outDims.reduce((p, q) => p * q, 1);
    const a = new Float64Array(m * m);
    const out = new Float64Array(count);
    for (let b = 0; b < count; b++) {
      for (let i = 0; i < m * m; i++) a[i] = src[b * m * m + i];
      out[b] = determinantInPlace(a, m);
    }
    return [Tensor.fromValues(x.type, outDims, out)];
  },
});

function batchDims<D extends Dim>(dims: readonly D[]): D[] {
  const r = dims.length;
  const [rows, cols] = [dims[r - 2], dims[r - 1]];
  if (r < 2 || (typeof rows === 'number' && typeof cols === 'number' && rows !== cols)) {
    throw new ShapeError(`Det needs square matrices in the last two dims, got shape [${dims.join(',')}]`);
  }
  return dims.slice(0, -2);
}

/**
 * Gaussian elimination on the row-major m×m matrix `a` (overwritten). Choosing the largest pivot in
 * each column keeps the rounding error small; every row swap flips the determinant's sign.
 */
function determinantInPlace(a: Float64Array, m: number): number {
  let det = 1;
  for (let col = 0; col < m; col++) {
    let pivot = col;
    for (let r = col + 1; r < m; r++) if (Math.abs(a[r * m + col]) > Math.abs(a[pivot * m + col])) pivot = r;
    if (a[pivot * m + col] === 0) return 0;
    if (pivot !== col) {
      for (let k = 0; k < m; k++) [a[col * m + k], a[pivot * m + k]] = [a[pivot * m + k], a[col * m + k]];
      det = -det;
    }
    const p = a[col * m + col];
    det *= p;
    for (let r = col + 1; r < m; r++) {
      const f = a[r * m + col] / p;
      for (let k = col; k < m; k++) a[r * m + k] -= f * a[col * m + k];
    }
  }
  return det;
}

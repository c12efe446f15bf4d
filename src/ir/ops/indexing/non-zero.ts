/**
 * NonZero: the coordinates of the non-zero elements, one column per element.
 * https://onnx.ai/onnx/operators/onnx__NonZero.html
 */
import { isBigInt } from '../../dtype.js';
import { Tensor, readValues } from '../../tensor.js';
import { stridesOf } from '../common/broadcast.js';
import { ALL_TENSOR_TYPES } from '../common/types.js';
import { defineOp } from '../spec.js';

/** Whether each element is non-zero (non-empty for strings), in row-major order. */
function nonZeroMask(x: Tensor): boolean[] {
  if (x.type === 'string') return (x.data as string[]).map((s) => s !== '');
  if (isBigInt(x.type)) return Array.from(x.data as BigInt64Array, (v) => v !== 0n);
  if (x.type === 'complex64' || x.type === 'complex128') {
    const d = x.data as Float32Array;
    return Array.from({ length: x.size }, (_, i) => d[2 * i] !== 0 || d[2 * i + 1] !== 0);
  }
  return Array.from(readValues(x), (v) => v !== 0);
}

/**
 * NonZero: an int64 tensor of shape [rank, count] whose column j holds the coordinates of the
 * j-th non-zero element in row-major order (numpy.nonzero, stacked). A scalar gives [0, count].
 */
export const NonZero = defineOp({
  name: 'NonZero',
  versions: [9, 13],
  doc: 'Coordinates of the non-zero elements, shape [rank, count].',
  inputs: [{ name: 'X', type: 'T' }],
  outputs: [{ name: 'Y', type: 'tensor(int64)' }],
  types: { T: ALL_TENSOR_TYPES },
  tolerance: 'exact',
  inferShape: ({ inputs: [x] }) => [{ kind: 'tensor', dtype: 'int64', dims: [x?.dims?.length, undefined] }],
  reference: ({ inputs }) => {
    const x = inputs[0] as Tensor;
    const rank = x.dims.length;
    const strides = stridesOf(x.dims);
    const hits: number[] = [];
    nonZeroMask(x).forEach((nz, i) => { if (nz) hits.push(i); });
    const out = new BigInt64Array(rank * hits.length);
    for (let j = 0; j < hits.length; j++) {
      let rest = hits[j];
      for (let d = 0; d < rank; d++) {
        out[d * hits.length + j] = BigInt(Math.floor(rest / strides[d]));
        rest %= strides[d];
      }
    }
    return [new Tensor('int64', out, [rank, hits.length])];
  },
});

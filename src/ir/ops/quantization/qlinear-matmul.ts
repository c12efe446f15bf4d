/**
 * QLinearMatMul: a quantized matrix product, requantized to the output's scale and zero point.
 * https://onnx.ai/onnx/operators/onnx__QLinearMatMul.html
 */
import type { DType } from '../../dtype.js';
import { readValues, type Tensor } from '../../tensor.js';
import { FLOAT8S } from '../common/types.js';
import { matmulDims } from '../linalg/matmul.js';
import { defineOp } from '../spec.js';
import { batchedMatMul, paramIndexFor, promoted, subtractZeroPoint } from './integer-matmul.js';
import { precisionOf, roundHalfEven, storeQuantized } from './params.js';

const Q_TYPES: readonly DType[] = ['int8', 'uint8', ...FLOAT8S];

/**
 * Each operand's scale per output row (A) or column (B): the parameter at k = 0 of that row or
 * column, since a valid parameter is constant along K.
 */
function perLine(param: Tensor, dims: readonly number[], side: 'a' | 'b'): Float64Array {
  const pd = promoted(dims, side);
  const idx = paramIndexFor(param, pd, side);
  const vals = readValues(param);
  const K = side === 'a' ? pd[pd.length - 1] : pd[pd.length - 2];
  const total = pd.reduce((p, q) => p * q, 1);
  const lines = total / K;
  const out = new Float64Array(lines);
  if (side === 'a') {
    for (let r = 0; r < lines; r++) out[r] = vals[idx ? idx[r * K] : 0];
  } else {
    const N = pd[pd.length - 1];
    for (let r = 0; r < lines; r++) {
      const batch = Math.floor(r / N), n = r % N;
      out[r] = vals[idx ? idx[batch * K * N + n] : 0];
    }
  }
  return out;
}

/** QLinearMatMul: `y = saturate(round((a - a_zp)·(b - b_zp) · a_scale·b_scale / y_scale) + y_zp)`. */
export const QLinearMatMul = defineOp({
  name: 'QLinearMatMul',
  versions: [10, 21],
  doc: 'Quantized numpy.matmul: integer product of zero-point-adjusted inputs, rescaled and requantized to y_scale/y_zero_point.',
  inputs: [
    { name: 'a', type: 'T1' }, { name: 'a_scale', type: 'TS' }, { name: 'a_zero_point', type: 'T1' },
    { name: 'b', type: 'T2' }, { name: 'b_scale', type: 'TS' }, { name: 'b_zero_point', type: 'T2' },
    { name: 'y_scale', type: 'TS' }, { name: 'y_zero_point', type: 'T3' },
  ],
  outputs: [{ name: 'y', type: 'T3' }],
  types: { TS: ['float32', 'float16', 'bfloat16'], T1: Q_TYPES, T2: Q_TYPES, T3: Q_TYPES },
  tolerance: 'exact',
  inferShape: ({ inputs }) => {
    const [a, , , b, , , , yzp] = inputs;
    return [{ kind: 'tensor', dtype: yzp?.dtype, dims: a?.dims && b?.dims ? matmulDims(a.dims, b.dims) : undefined }];
  },
  reference: ({ inputs }) => {
    const [a, aScale, aZp, b, bScale, bZp, yScale, yZp] = inputs as Tensor[];
    const p = batchedMatMul(subtractZeroPoint(a, aZp, 'a'), a.dims, subtractZeroPoint(b, bZp, 'b'), b.dims);
    const as = perLine(aScale, a.dims, 'a'), bs = perLine(bScale, b.dims, 'b');
    const ys = readValues(yScale)[0], yz = readValues(yZp)[0];
    // The combined multiplier is formed in the scales' precision, then applied to the exact sum.
    const round = precisionOf(aScale.type);
    const isFloatOut = yZp.type.startsWith('float');
    const q = new Float64Array(p.out.length);
    const { M, N } = p;
    for (let batch = 0; batch < p.batches; batch++) {
      for (let m = 0; m < M; m++) {
        const sa = as[p.aBatch[batch] * M + m];
        for (let n = 0; n < N; n++) {
          const o = (batch * M + m) * N + n;
          const level = p.out[o] * round(round(sa * bs[p.bBatch[batch] * N + n]) / ys);
          q[o] = isFloatOut ? level + yz : roundHalfEven(level) + yz;
        }
      }
    }
    return [storeQuantized(q, yZp.type, p.dims)];
  },
});

/**
 * MatMul: numpy.matmul semantics (batched, broadcast over leading dims, 1-D operands promoted).
 * https://onnx.ai/onnx/operators/onnx__MatMul.html
 */
import { isBigInt } from '../../dtype.js';
import { ShapeError } from '../../errors.js';
import type { Dim } from '../../model.js';
import { readValues, Tensor } from '../../tensor.js';
import { broadcastDims, broadcastShapes, broadcastIndex } from '../common/broadcast.js';
import type { DType } from '../../dtype.js';
import { defineOp } from '../spec.js';

const MATMUL_TYPES: readonly DType[] = ['float32', 'float64', 'float16', 'bfloat16', 'int32', 'int64', 'uint32', 'uint64'];

/** MatMul: the matrix product of the last two dims, batched over the broadcast leading dims. */
export const MatMul = defineOp({
  name: 'MatMul',
  versions: [1, 9, 13],
  doc: 'Matrix product like numpy.matmul: batched over leading dims with broadcasting; 1-D operands are promoted and the added dim removed.',
  inputs: [{ name: 'A', type: 'T' }, { name: 'B', type: 'T' }],
  outputs: [{ name: 'Y', type: 'T' }],
  types: { T: MATMUL_TYPES },
  inferShape: ({ inputs: [a, b] }) => {
    if (!a?.dims || !b?.dims) return [{ kind: 'tensor', dtype: a?.dtype ?? b?.dtype }];
    return [{ kind: 'tensor', dtype: a.dtype, dims: matmulDims(a.dims, b.dims) }];
  },
  reference: ({ inputs }) => {
    const a = inputs[0] as Tensor, b = inputs[1] as Tensor;
    const outDims = matmulDims(a.dims, b.dims) as number[];
    // Promote 1-D operands: A [K] -> [1,K], B [K] -> [K,1].
    const aDims = a.dims.length === 1 ? [1, a.dims[0]] : [...a.dims];
    const bDims = b.dims.length === 1 ? [b.dims[0], 1] : [...b.dims];
    const M = aDims[aDims.length - 2], K = aDims[aDims.length - 1], N = bDims[bDims.length - 1];
    const batch = broadcastShapes(aDims.slice(0, -2), bDims.slice(0, -2));
    const batches = batch.reduce((p, q) => p * q, 1);
    const aIdx = broadcastIndex(aDims.slice(0, -2), batch), bIdx = broadcastIndex(bDims.slice(0, -2), batch);
    const av = numericValues(a), bv = numericValues(b);
    const out = new Float64Array(batches * M * N);
    for (let p = 0; p < batches; p++) {
      matmulBlock(av, aIdx[p] * M * K, bv, bIdx[p] * K * N, out, p * M * N, M, K, N);
    }
    return [Tensor.fromValues(a.type, outDims, out)];
  },
});

/** Output dims of numpy.matmul for (possibly symbolic) operand dims; throws when K disagrees. */
export function matmulDims(a: readonly Dim[], b: readonly Dim[]): Dim[] {
  if (a.length === 0 || b.length === 0) throw new ShapeError(`MatMul operands must have rank >= 1, got [${a.join(',')}] and [${b.join(',')}]`);
  const aD = a.length === 1 ? [1, a[0]] : a;
  const bD = b.length === 1 ? [b[0], 1] : b;
  const ka = aD[aD.length - 1], kb = bD[bD.length - 2];
  if (typeof ka === 'number' && typeof kb === 'number' && ka !== kb) {
    throw new ShapeError(`MatMul: inner dims differ: [${a.join(',')}] x [${b.join(',')}]`);
  }
  const dims = [...broadcastDims(aD.slice(0, -2), bD.slice(0, -2))];
  if (a.length > 1) dims.push(aD[aD.length - 2]);
  if (b.length > 1) dims.push(bD[bD.length - 1]);
  return dims;
}

/** Element values as numbers; int64/uint64 go through Number (exact up to 2^53). */
export function numericValues(t: Tensor): ArrayLike<number> {
  if (isBigInt(t.type)) return Float64Array.from(t.data as BigInt64Array, Number);
  return readValues(t);
}

/**
 * out[M,N] += a[M,K] · b[K,N] for row-major blocks at the given offsets. The loop order is
 * i-k-j so the innermost loop walks contiguous rows of `b` and `out`; four rows of `a` are handled
 * per pass so each loaded element of `b` is used four times.
 */
export function matmulBlock(a: ArrayLike<number>, aOff: number, b: ArrayLike<number>, bOff: number,
  out: Float64Array, oOff: number, M: number, K: number, N: number): void {
  let i = 0;
  for (; i + 4 <= M; i += 4) {
    const o0 = oOff + i * N, o1 = o0 + N, o2 = o1 + N, o3 = o2 + N;
    const a0 = aOff + i * K, a1 = a0 + K, a2 = a1 + K, a3 = a2 + K;
    for (let k = 0; k < K; k++) {
      const x0 = a[a0 + k], x1 = a[a1 + k], x2 = a[a2 + k], x3 = a[a3 + k];
      const bRow = bOff + k * N;
      for (let j = 0; j < N; j++) {
        const y = b[bRow + j];
        out[o0 + j] += x0 * y;
        out[o1 + j] += x1 * y;
        out[o2 + j] += x2 * y;
        out[o3 + j] += x3 * y;
      }
    }
  }
  for (; i < M; i++) {
    const oRow = oOff + i * N;
    for (let k = 0; k < K; k++) {
      const x = a[aOff + i * K + k];
      const bRow = bOff + k * N;
      for (let j = 0; j < N; j++) out[oRow + j] += x * b[bRow + j];
    }
  }
}

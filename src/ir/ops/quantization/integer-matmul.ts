/**
 * Shared core of MatMulInteger and QLinearMatMul: numpy.matmul over zero-point-adjusted operands,
 * and the alignment of their per-row (A) and per-column (B) scales and zero points.
 */
import { ShapeError } from '../../errors.js';
import { readValues, type Tensor } from '../../tensor.js';
import { broadcastIndex, broadcastShapes } from '../common/broadcast.js';
import { matmulBlock } from '../linalg/matmul.js';

/** Operand dims with numpy's 1-D promotion: A [K] → [1,K], B [K] → [K,1]. */
export function promoted(dims: readonly number[], side: 'a' | 'b'): number[] {
  if (dims.length !== 1) return [...dims];
  return side === 'a' ? [1, dims[0]] : [dims[0], 1];
}

/**
 * For each element of operand `x` (promoted dims), the index of its quantization parameter: a
 * scalar applies to all; a 1-D parameter is per row for A ([M] read as [M,1]) and per column for
 * B; an N-D one ([…,M,1] or […,1,N]) broadcasts against the operand.
 */
export function paramIndexFor(param: Tensor, xDims: readonly number[], side: 'a' | 'b'): Int32Array | undefined {
  if (param.size === 1) return undefined;
  const pDims = param.dims.length === 1 && side === 'a' ? [param.dims[0], 1] : [...param.dims];
  try {
    if (broadcastShapes(pDims, xDims).some((d, i) => d !== xDims[i])) throw new Error();
  } catch {
    throw new ShapeError(`quantization parameter [${param.dims.join(',')}] does not fit operand ${side.toUpperCase()} [${xDims.join(',')}]`);
  }
  return broadcastIndex(pDims, xDims);
}

/** `x - zero_point` as float64 values (exact for every integer and float8 input). */
export function subtractZeroPoint(x: Tensor, zp: Tensor | undefined, side: 'a' | 'b'): Float64Array {
  const xs = readValues(x);
  const out = Float64Array.from(xs);
  if (!zp) return out;
  const zs = readValues(zp);
  const idx = paramIndexFor(zp, promoted(x.dims, side), side);
  for (let i = 0; i < out.length; i++) out[i] -= zs[idx ? idx[i] : 0];
  return out;
}

/** A batched matrix product, with what is needed to find each output element's row and column. */
export interface BatchedProduct {
  out: Float64Array;
  /** Output dims of numpy.matmul (1-D operands' added dims removed). */
  dims: number[];
  batches: number;
  M: number;
  K: number;
  N: number;
  /** For each output batch, the batch index of A and of B (broadcast). */
  aBatch: Int32Array;
  bBatch: Int32Array;
}

/** numpy.matmul of float64 operand values with the given (unpromoted) dims. */
export function batchedMatMul(a: Float64Array, aDimsIn: readonly number[], b: Float64Array, bDimsIn: readonly number[]): BatchedProduct {
  const aDims = promoted(aDimsIn, 'a'), bDims = promoted(bDimsIn, 'b');
  const M = aDims[aDims.length - 2], K = aDims[aDims.length - 1], N = bDims[bDims.length - 1];
  if (bDims[bDims.length - 2] !== K) throw new ShapeError(`inner dims differ: [${aDimsIn.join(',')}] x [${bDimsIn.join(',')}]`);
  const batch = broadcastShapes(aDims.slice(0, -2), bDims.slice(0, -2));
  const batches = batch.reduce((p, q) => p * q, 1);
  const aBatch = broadcastIndex(aDims.slice(0, -2), batch), bBatch = broadcastIndex(bDims.slice(0, -2), batch);
  const out = new Float64Array(batches * M * N);
  for (let p = 0; p < batches; p++) matmulBlock(a, aBatch[p] * M * K, b, bBatch[p] * K * N, out, p * M * N, M, K, N);
  const dims = [...batch];
  if (aDimsIn.length > 1) dims.push(M);
  if (bDimsIn.length > 1) dims.push(N);
  return { out, dims, batches, M, K, N, aBatch, bBatch };
}

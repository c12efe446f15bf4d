/**
 * Gemm: Y = alpha·op(A)·op(B) + beta·C, with op = optional transpose.
 * https://onnx.ai/onnx/operators/onnx__Gemm.html
 */
import type { DType } from '../../dtype.js';
import { ShapeError } from '../../errors.js';
import type { Dim } from '../../model.js';
import { Tensor } from '../../tensor.js';
import { broadcastIndex } from '../common/broadcast.js';
import { defineOp } from '../spec.js';
import { numericValues } from './matmul.js';

const GEMM_TYPES: readonly DType[] = ['float32', 'float64', 'float16', 'bfloat16', 'int32', 'int64', 'uint32', 'uint64'];

/**
 * Gemm. C broadcasts unidirectionally to [M,N] from opset 7; before that it must already be [M,N]
 * unless `broadcast`=1. C is optional from opset 11.
 */
export const Gemm = defineOp({
  name: 'Gemm',
  versions: [1, 6, 7, 9, 11, 13],
  doc: 'General matrix multiply: alpha * op(A) @ op(B) + beta * C, op being an optional transpose.',
  inputs: [{ name: 'A', type: 'T' }, { name: 'B', type: 'T' }, { name: 'C', type: 'T', optional: true }],
  outputs: [{ name: 'Y', type: 'T' }],
  types: { T: GEMM_TYPES },
  attributes: {
    alpha: { type: 'float', default: 1.0 },
    beta: { type: 'float', default: 1.0 },
    transA: { type: 'int', default: 0 },
    transB: { type: 'int', default: 0 },
    broadcast: { type: 'int', default: 0, until: 7 },
  },
  inferShape: ({ inputs: [a, b, c], attrs, version }) => {
    if (!a?.dims || !b?.dims) return [{ kind: 'tensor', dtype: a?.dtype }];
    const [M, K] = gemmSides(a.dims, attrs.transA, 'A');
    const [K2, N] = gemmSides(b.dims, attrs.transB, 'B');
    if (typeof K === 'number' && typeof K2 === 'number' && K !== K2) {
      throw new ShapeError(`Gemm: A [${a.dims.join(',')}] (transA=${attrs.transA}) and B [${b.dims.join(',')}] (transB=${attrs.transB}) disagree on K`);
    }
    if (c?.dims) checkC(c.dims, M, N, exactC(version, attrs.broadcast));
    return [{ kind: 'tensor', dtype: a.dtype, dims: [M, N] }];
  },
  reference: ({ inputs, attrs, version }) => {
    const a = inputs[0] as Tensor, b = inputs[1] as Tensor, c = inputs[2] as Tensor | null | undefined;
    const [M, K, N] = gemmShapes(a.dims, b.dims, c?.dims, attrs.transA, attrs.transB, exactC(version, attrs.broadcast));
    const av = numericValues(a), bv = numericValues(b);
    // Strides that read op(A)[i,k] without materializing the transpose.
    const [aI, aK] = attrs.transA ? [1, M] : [K, 1];
    const out = new Float64Array(M * N);
    if (attrs.transB) {
      // B is [N, K]: each output is a dot product of two contiguous rows (an i-k-j walk would
      // stride through B by K, which for a 4096x25088 classifier misses the cache on every read).
      for (let i = 0; i < M; i++) {
        for (let j = 0; j < N; j++) {
          let acc = 0;
          for (let k = 0; k < K; k++) acc += av[i * aI + k * aK] * bv[j * K + k];
          out[i * N + j] = attrs.alpha * acc;
        }
      }
    } else {
      // B is [K, N]: i-k-j, so the innermost loop walks rows of B and of the output.
      const row = new Float64Array(N);
      for (let i = 0; i < M; i++) {
        row.fill(0);
        for (let k = 0; k < K; k++) {
          const x = av[i * aI + k * aK];
          for (let j = 0; j < N; j++) row[j] += x * bv[k * N + j];
        }
        for (let j = 0; j < N; j++) out[i * N + j] = attrs.alpha * row[j];
      }
    }
    if (c && attrs.beta !== 0) {
      const cv = numericValues(c);
      const idx = broadcastIndex(c.dims, [M, N]);
      for (let p = 0; p < M * N; p++) out[p] += attrs.beta * cv[idx[p]];
    }
    return [Tensor.fromValues(a.type, [M, N], out)];
  },
});

/**
 * Gemm's shape rules on actual inputs, returning [M, K, N]: op(A) and op(B) agree on K, and C
 * broadcasts to [M, N] (equals it, with `exactC`: see `exactC`). Shape inference checks them at
 * load time only where dims are known, so every provider's Gemm kernel calls this first.
 */
export function gemmShapes(a: readonly number[], b: readonly number[], c: readonly number[] | undefined,
  transA: number, transB: number, exactC: boolean): [number, number, number] {
  const [M, K] = gemmSides(a, transA, 'A') as number[];
  const [K2, N] = gemmSides(b, transB, 'B') as number[];
  if (K !== K2) throw new ShapeError(`Gemm: A [${a.join(',')}] (transA=${transA}) and B [${b.join(',')}] (transB=${transB}) disagree on K`);
  if (c) checkC(c, M, N, exactC);
  return [M, K, N];
}

/** [rows, cols] of op(X) for a 2-D operand. */
function gemmSides(dims: readonly Dim[], trans: number, what: string): [Dim, Dim] {
  if (dims.length !== 2) throw new ShapeError(`Gemm: ${what} must be 2-D, got [${dims.join(',')}]`);
  return trans ? [dims[1], dims[0]] : [dims[0], dims[1]];
}

/** Before opset 7, C must already be [M, N] unless the node sets broadcast=1 (FusedGemm: never). */
export function exactC(version: number, broadcast: number | undefined): boolean {
  return version < 7 && !broadcast;
}

/** C must broadcast unidirectionally to [M, N] (or, with `exact`, be [M, N]). */
function checkC(c: readonly Dim[], M: Dim, N: Dim, exact: boolean): void {
  const target = [M, N].slice(2 - Math.min(c.length, 2));
  const fits = (d: Dim, t: Dim) => typeof d !== 'number' || typeof t !== 'number' || d === t || (!exact && d === 1);
  if (c.length > 2 || (exact && c.length !== 2) || !c.every((d, i) => fits(d, target[i]))) {
    throw new ShapeError(`Gemm: C [${c.join(',')}] does not ${exact ? 'equal' : 'broadcast to'} [${M},${N}]${exact ? ' (opset < 7 without broadcast=1)' : ''}`);
  }
}

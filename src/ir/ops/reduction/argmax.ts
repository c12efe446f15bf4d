/**
 * ArgMax and ArgMin: the int64 index of the largest (smallest) element along one axis.
 * https://onnx.ai/onnx/operators/onnx__ArgMax.html (and ArgMin)
 *
 * Versions: 11 allowed a negative axis, 12 added `select_last_index`, 13 added bfloat16.
 */
import { isBigInt } from '../../dtype.js';
import { ShapeError } from '../../errors.js';
import type { Dim } from '../../model.js';
import { readValues, Tensor } from '../../tensor.js';
import { normalizeAxis } from '../common/axes.js';
import { NUMERIC } from '../common/types.js';
import { defineOp } from '../spec.js';
import { reducedDims } from './reduce.js';

/**
 * The axis of ArgMax/ArgMin on `dims` (symbolic dims allowed), normalized. An empty axis has no
 * index to return: ONNX leaves it undefined and ONNX Runtime (like numpy) rejects it, so it is a
 * ShapeError on every provider rather than a made-up 0.
 */
export function argAxis(op: string, dims: readonly Dim[], axis: number): number {
  const a = normalizeAxis(axis, dims.length);
  if (dims[a] === 0) throw new ShapeError(`${op}: axis ${axis} of data [${dims.map((d) => d ?? '?').join(',')}] is empty, so it has no ${op === 'ArgMax' ? 'maximum' : 'minimum'}`);
  return a;
}

function defineArgOp(name: 'ArgMax' | 'ArgMin', doc: string) {
  // Written as "v beats best", so ArgMin is ArgMax with the comparison flipped.
  const sign = name === 'ArgMax' ? 1 : -1;
  return defineOp({
    name,
    versions: [1, 11, 12, 13],
    doc,
    inputs: [{ name: 'data', type: 'T' }],
    outputs: [{ name: 'reduced', type: 'int64' }],
    types: { T: NUMERIC },
    attributes: {
      axis: { type: 'int', default: 0 },
      keepdims: { type: 'int', default: 1 },
      select_last_index: { type: 'int', default: 0, since: 12 },
    },
    tolerance: 'exact',
    inferShape: ({ inputs: [data], attrs }) => {
      if (!data?.dims) return [{ kind: 'tensor', dtype: 'int64' }];
      const axis = argAxis(name, data.dims, attrs.axis);
      const dims = attrs.keepdims ? data.dims.map((d, i) => (i === axis ? 1 : d)) : data.dims.filter((_, i) => i !== axis);
      return [{ kind: 'tensor', dtype: 'int64', dims }];
    },
    reference: ({ inputs, attrs }) => {
      const data = inputs[0] as Tensor;
      const axis = argAxis(name, data.dims, attrs.axis);
      const n = data.dims[axis];
      const inner = data.dims.slice(axis + 1).reduce((p, q) => p * q, 1);
      const outer = data.size / (n * inner) || 0;
      const last = attrs.select_last_index === 1;
      // int64 compares in BigInt: as numbers, neighbours past 2^53 would tie.
      const x: ArrayLike<number | bigint> = isBigInt(data.type) ? (data.data as BigInt64Array) : readValues(data);
      const out = new BigInt64Array(outer * inner);
      for (let o = 0; o < outer; o++) {
        for (let i = 0; i < inner; i++) {
          const base = o * n * inner + i;
          let best = 0;
          for (let k = 1; k < n; k++) {
            const v = x[base + k * inner], b = x[base + best * inner];
            if (sign * (v > b ? 1 : v < b ? -1 : 0) > 0 || (last && v === b)) best = k;
          }
          out[o * inner + i] = BigInt(best);
        }
      }
      return [new Tensor('int64', out, reducedDims(data.dims, [axis], attrs.keepdims !== 0))];
    },
  });
}

/** Index of the maximum along `axis` (first occurrence unless `select_last_index`). */
export const ArgMax = defineArgOp('ArgMax', 'Index of the maximum along axis.');
/** Index of the minimum along `axis` (first occurrence unless `select_last_index`). */
export const ArgMin = defineArgOp('ArgMin', 'Index of the minimum along axis.');

/**
 * Range: an arithmetic sequence.
 * https://onnx.ai/onnx/operators/onnx__Range.html
 */
import { ShapeError } from '../../errors.js';
import { floatToBfloat16, bfloat16ToFloat, floatToHalf, halfToFloat } from '../../float-formats.js';
import { readNumbers, readValues, Tensor } from '../../tensor.js';
import type { DType } from '../../dtype.js';
import { defineOp, type InferInput } from '../spec.js';

/** max(ceil((limit - start) / delta), 0) */
function rangeLength(start: number, limit: number, delta: number): number {
  if (delta === 0) throw new ShapeError('Range delta cannot be 0');
  return Math.max(Math.ceil((limit - start) / delta), 0);
}

/** Rounds a number to what `dtype` can hold, for float16/bfloat16 arithmetic done in that precision. */
const ROUND: Partial<Record<DType, (x: number) => number>> = {
  float16: (x) => halfToFloat(floatToHalf(x)),
  bfloat16: (x) => bfloat16ToFloat(floatToBfloat16(x)),
};

function scalarOf(x: InferInput | undefined): number | undefined {
  return x?.value ? readNumbers(x.value)[0] : undefined;
}

/** Range: `start, start + delta, …` up to `limit` (exclusive). */
export const Range = defineOp({
  name: 'Range',
  versions: [11, 27],
  doc: 'The 1-D sequence start, start + delta, … that stops before `limit`.',
  inputs: [{ name: 'start', type: 'T' }, { name: 'limit', type: 'T' }, { name: 'delta', type: 'T' }],
  outputs: [{ name: 'output', type: 'T' }],
  types: { T: ['float32', 'float64', 'int16', 'int32', 'int64', 'float16', 'bfloat16'] },
  attributes: { stash_type: { type: 'int', default: 1, since: 27 } },
  inferShape: ({ inputs: [start, limit, delta] }) => {
    const [s, l, d] = [scalarOf(start), scalarOf(limit), scalarOf(delta)];
    const n = s !== undefined && l !== undefined && d !== undefined ? rangeLength(s, l, d) : undefined;
    // Range(0, dim, 1), the exporters' position ids (Range(0, Gather(Shape(x), 1), 1)), has that
    // dim's length; symbolic limits are read from the limit's dimsValue. Only this exact form:
    // any other start or delta would need sums or quotients of symbols.
    const symbolic = n === undefined && s === 0 && d === 1 && typeof limit?.dimsValue?.[0] === 'string' ? limit.dimsValue[0] : undefined;
    return [{ kind: 'tensor', dtype: start?.dtype, dims: [n ?? symbolic] }];
  },
  reference: ({ inputs, attrs, version }) => {
    const [start, limit, delta] = inputs as Tensor[];
    const type = start.type;
    if (type === 'int64') {
      // Exact in bigints: int64 ranges can exceed 2^53.
      const [s, l, d] = [start, limit, delta].map((t) => (t.data as BigInt64Array)[0]);
      if (d === 0n) throw new ShapeError('Range delta cannot be 0');
      const diff = l - s;
      const n = diff === 0n || (diff > 0n) !== (d > 0n) ? 0 : Number((diff + d - (d > 0n ? 1n : -1n)) / d);
      const out = new BigInt64Array(n);
      for (let i = 0; i < n; i++) out[i] = s + BigInt(i) * d;
      return [new Tensor('int64', out, [n])];
    }
    const [s, l, d] = [start, limit, delta].map((t) => readValues(t)[0]);
    const n = rangeLength(s, l, d);
    // Before opset 27 (and with stash_type 0) float16/bfloat16 ranges are computed in their own
    // precision; from 27 the default stashes in float32.
    const stashed = version >= 27 && attrs.stash_type === 1;
    const round = type === 'float32' || (ROUND[type] && stashed) ? Math.fround : ROUND[type] ?? ((x: number) => x);
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = round(s + round(i * d));
    return [Tensor.fromValues(type, [n], values)];
  },
});

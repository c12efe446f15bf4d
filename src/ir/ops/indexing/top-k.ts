/**
 * TopK: the k largest (or smallest) entries along an axis, with their indices.
 * https://onnx.ai/onnx/operators/onnx__TopK.html
 */
import { isBigInt } from '../../dtype.js';
import { ShapeError } from '../../errors.js';
import type { Dim } from '../../model.js';
import { Tensor, readNumbers, readValues } from '../../tensor.js';
import { normalizeAxis } from '../common/axes.js';
import { allocateFor, constScalar, copyElements, formatDims, sizeBetween } from '../common/indexing.js';
import { NUMERIC } from '../common/types.js';
import { defineOp } from '../spec.js';

/**
 * TopK: along `axis`, the k entries ranked first by value (descending when `largest`, the
 * default), ties broken by the lower index, as the spec requires. Before version 10, k is an
 * attribute; from 10 it is the K input. NaN ranks above every number (as in numpy's sort), so
 * `largest` returns NaNs first. Output is always sorted: the spec leaves order free when sorted=0.
 */
export const TopK = defineOp({
  name: 'TopK',
  versions: [1, 10, 11, 24],
  doc: 'The k largest or smallest entries along axis, and their indices.',
  // K is absent before version 10, where k is an attribute.
  inputs: [{ name: 'X', type: 'T' }, { name: 'K', type: 'tensor(int64)', optional: true }],
  outputs: [{ name: 'Values', type: 'T' }, { name: 'Indices', type: 'I' }],
  types: { T: NUMERIC, I: ['int64'] },
  attributes: {
    axis: { type: 'int', default: -1 },
    k: { type: 'int', required: true, until: 10 },
    largest: { type: 'int', default: 1, since: 11 },
    sorted: { type: 'int', default: 1, since: 11 },
  },
  tolerance: 'exact',
  inferShape: ({ inputs: [x, kIn], attrs, version }) => {
    if (!x?.dims) return [{ kind: 'tensor', dtype: x?.dtype }, { kind: 'tensor', dtype: 'int64' }];
    const axis = normalizeAxis(attrs.axis, x.dims.length);
    if (version >= 10 && kIn?.dims) checkKShape(kIn.dims);
    const k = version < 10 ? attrs.k : constScalar(kIn?.value);
    const n = x.dims[axis];
    if (k !== undefined && (k < 0 || (typeof n === 'number' && k > n))) throw new ShapeError(`TopK k=${k} is out of range for axis ${axis} of ${formatDims(x.dims)}`);
    const dims = x.dims.map((d, i) => (i === axis ? k : d));
    return [{ kind: 'tensor', dtype: x.dtype, dims }, { kind: 'tensor', dtype: 'int64', dims }];
  },
  reference: ({ inputs, attrs, version }) => {
    const x = inputs[0] as Tensor;
    if (version >= 10) checkKShape((inputs[1] as Tensor).dims);
    const k = version < 10 ? attrs.k! : readNumbers(inputs[1] as Tensor)[0];
    const axis = normalizeAxis(attrs.axis, x.dims.length);
    const n = x.dims[axis];
    if (k < 0 || k > n) throw new ShapeError(`TopK k=${k} is out of range for axis ${axis} of ${formatDims(x.dims)}`);
    const largest = version < 11 || attrs.largest !== 0;
    const outer = sizeBetween(x.dims, 0, axis), inner = sizeBetween(x.dims, axis + 1);
    // Compare in the value domain: bigints stay exact for int64/uint64 beyond 2^53.
    const vals: ArrayLike<number | bigint> = isBigInt(x.type) ? (x.data as BigInt64Array) : readValues(x);
    const sign = largest ? -1 : 1;
    const dims = x.dims.map((d, i) => (i === axis ? k : d));
    const { data: outValues, entries } = allocateFor(x.type, outer * k * inner);
    const outIndices = new BigInt64Array(outer * k * inner);
    const lane = new Array<number>(n);
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < inner; i++) {
        const base = o * n * inner + i;
        for (let j = 0; j < n; j++) lane[j] = j;
        lane.sort((a, b) => {
          const va = vals[base + a * inner], vb = vals[base + b * inner];
          if (va === vb) return a - b;
          const naA = va !== va, naB = vb !== vb;
          // NaN counts as the largest value.
          const c = naA || naB ? (naA && naB ? 0 : naA ? 1 : -1) : va < vb ? -1 : 1;
          return c === 0 ? a - b : sign * c;
        });
        for (let j = 0; j < k; j++) {
          const dst = (o * k + j) * inner + i;
          copyElements(x.data, base + lane[j] * inner, outValues, dst, 1, entries);
          outIndices[dst] = BigInt(lane[j]);
        }
      }
    }
    return [new Tensor(x.type, outValues, dims), new Tensor('int64', outIndices, dims)];
  },
});

/**
 * K is "a 1-D tensor containing a single positive value" (ORT likewise refuses anything but [1]);
 * an empty K has no count to read. Only a numeric length is compared.
 */
function checkKShape(dims: readonly Dim[]): void {
  if (dims.length !== 1 || (typeof dims[0] === 'number' && dims[0] !== 1)) {
    throw new ShapeError(`TopK needs K of shape [1], got ${formatDims(dims)}`);
  }
}

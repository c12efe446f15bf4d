/**
 * Unique: the distinct elements (or distinct slices along `axis`) of a tensor, with where each
 * first occurs, where each input item went, and how often each occurs.
 * https://onnx.ai/onnx/operators/onnx__Unique.html
 */
import { entriesPerElement, isBigInt } from '../../dtype.js';
import { Tensor, readValues } from '../../tensor.js';
import { normalizeAxis } from '../common/axes.js';
import { allocateFor, copyElements, sizeBetween } from '../common/indexing.js';
import { NUMERIC } from '../common/types.js';
import { defineOp } from '../spec.js';

type Item = (number | bigint | string)[];

/** Ascending order, item by item; NaN sorts after every number (as numpy does). */
function compareItems(a: Item, b: Item): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i], y = b[i];
    if (x === y) continue;
    const xNaN = x !== x, yNaN = y !== y;
    if (xNaN || yNaN) { if (xNaN && yNaN) continue; return xNaN ? 1 : -1; }
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return 0;
}

/** An equality key: -0 and 0 print alike, so they count as one value; NaNs do too. */
const keyOf = (item: Item) => item.map((v) => (typeof v === 'string' ? JSON.stringify(v) : String(v))).join(',');

/**
 * Unique, numpy.unique-style. Without `axis` the input is flattened and the items are elements;
 * with it the items are the slices along `axis`, compared lexicographically in row-major order.
 * `sorted: 0` keeps first-occurrence order.
 */
export const Unique = defineOp({
  name: 'Unique',
  versions: [11],
  doc: 'Distinct elements or slices, with first-occurrence indices, inverse indices and counts.',
  inputs: [{ name: 'X', type: 'T' }],
  outputs: [
    { name: 'Y', type: 'T' },
    { name: 'indices', type: 'tensor(int64)', optional: true },
    { name: 'inverse_indices', type: 'tensor(int64)', optional: true },
    { name: 'counts', type: 'tensor(int64)', optional: true },
  ],
  types: { T: [...NUMERIC.filter((t) => t !== 'bfloat16'), 'string', 'bool', 'complex64', 'complex128'] },
  attributes: { axis: { type: 'int' }, sorted: { type: 'int', default: 1 } },
  tolerance: 'exact',
  inferShape: ({ inputs: [x], attrs }) => {
    const axis = attrs.axis !== undefined && x?.dims ? normalizeAxis(attrs.axis, x.dims.length) : undefined;
    const y = attrs.axis === undefined ? [undefined] : x?.dims?.map((d, i) => (i === axis ? undefined : d));
    const items = !x?.dims ? undefined : axis === undefined ? x.dims.reduce<number | undefined>((n, d) => (typeof d === 'number' && n !== undefined ? n * d : undefined), 1) : x.dims[axis];
    const int64 = (dims: (string | number | undefined)[]) => ({ kind: 'tensor' as const, dtype: 'int64' as const, dims });
    return [{ kind: 'tensor', dtype: x?.dtype, dims: y }, int64([undefined]), int64([items]), int64([undefined])];
  },
  reference: ({ inputs, attrs }) => {
    const x = inputs[0] as Tensor;
    const e = entriesPerElement(x.type);
    const scalars: ArrayLike<number | bigint | string> =
      x.type === 'string' || isBigInt(x.type) || e === 2 ? (x.data as ArrayLike<number | bigint | string>) : readValues(x);
    const axis = attrs.axis === undefined ? undefined : normalizeAxis(attrs.axis, x.dims.length);
    // View the input as [outer, count, inner]: items are the `count` slices (elements when flat).
    const count = axis === undefined ? x.size : x.dims[axis];
    const outer = axis === undefined ? 1 : sizeBetween(x.dims, 0, axis);
    const inner = axis === undefined ? 1 : sizeBetween(x.dims, axis + 1);
    const items: Item[] = [];
    for (let i = 0; i < count; i++) {
      const item: Item = [];
      for (let o = 0; o < outer; o++) {
        const base = (o * count + i) * inner * e;
        for (let k = 0; k < inner * e; k++) item.push(scalars[base + k]);
      }
      items.push(item);
    }
    // First occurrences, in input order.
    const firstOf = new Map<string, number>();
    const uniqueOfItem = new Array<number>(count);
    const firsts: number[] = [];
    for (let i = 0; i < count; i++) {
      const key = keyOf(items[i]);
      let u = firstOf.get(key);
      if (u === undefined) { u = firsts.length; firstOf.set(key, u); firsts.push(i); }
      uniqueOfItem[i] = u;
    }
    // Output order: position of each unique (numbered by first occurrence) in Y.
    const order = firsts.map((_, u) => u);
    if (attrs.sorted) order.sort((a, b) => compareItems(items[firsts[a]], items[firsts[b]]) || a - b);
    const rankOf = new Array<number>(order.length);
    order.forEach((u, j) => { rankOf[u] = j; });
    const n = order.length;
    const { data: y, entries } = allocateFor(x.type, outer * n * inner);
    const counts = new BigInt64Array(n);
    for (let o = 0; o < outer; o++) {
      for (let j = 0; j < n; j++) copyElements(x.data, (o * count + firsts[order[j]]) * inner, y, (o * n + j) * inner, inner, entries);
    }
    for (let i = 0; i < count; i++) counts[rankOf[uniqueOfItem[i]]]++;
    const yDims = axis === undefined ? [n] : x.dims.map((d, i) => (i === axis ? n : d));
    return [
      new Tensor(x.type, y, yDims),
      new Tensor('int64', BigInt64Array.from(order, (u) => BigInt(firsts[u])), [n]),
      new Tensor('int64', BigInt64Array.from(uniqueOfItem, (u) => BigInt(rankOf[u])), [count]),
      new Tensor('int64', counts, [n]),
    ];
  },
});

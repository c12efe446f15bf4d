/**
 * Running totals along one axis: CumSum and CumProd (inclusive or exclusive, forward or reverse).
 * https://onnx.ai/onnx/operators/onnx__CumSum.html and https://onnx.ai/onnx/operators/onnx__CumProd.html
 */
import type { DType } from '../../dtype.js';
import { ShapeError } from '../../errors.js';
import { readNumbers, Tensor } from '../../tensor.js';
import { normalizeAxis } from '../common/axes.js';
import { numberValues, outputBuffer } from '../common/elementwise.js';
import { FLOATS } from '../common/types.js';
import { defineOp, type InferContext, type OpSpec } from '../spec.js';

const TYPES: readonly DType[] = ['uint32', 'uint64', 'int32', 'int64', ...FLOATS];
const ATTRS = { exclusive: { type: 'int', default: 0 }, reverse: { type: 'int', default: 0 } } as const;

/** One cumulative op: how it combines a running value with the next element, per storage kind. */
interface CumulativeOp {
  name: string;
  versions: readonly number[];
  doc: string;
  identity: number;
  /** Float math, and int32/uint32 math wrapped to 32 bits at every step like the hardware would. */
  num: (dtype: DType) => (acc: number, v: number) => number;
  big: (acc: bigint, v: bigint) => bigint;
}

function defineCumulativeOp(c: CumulativeOp): OpSpec<typeof ATTRS> {
  const name = c.name;
  return defineOp({
    name,
    versions: c.versions,
    doc: c.doc,
    inputs: [{ name: 'x', type: 'T' }, { name: 'axis', type: 'T2' }],
    outputs: [{ name: 'y', type: 'T' }],
    types: { T: TYPES, T2: ['int32', 'int64'] },
    attributes: ATTRS,
    inferShape: ({ inputs: [x, axis] }: InferContext<typeof ATTRS>) => {
      if (axis?.dims && axis.dims.length > 1) throw new ShapeError(`${name} axis must be a scalar, got shape [${axis.dims.join(',')}]`);
      if (x?.dims && axis?.value) normalizeAxis(readNumbers(axis.value)[0], x.dims.length);
      return [{ kind: 'tensor', dtype: x?.dtype, dims: x?.dims }];
    },
    reference: ({ inputs, attrs }) => {
      const x = inputs[0] as Tensor;
      const axis = normalizeAxis(readNumbers(inputs[1] as Tensor)[0], x.dims.length);
      return [cumulate(x, axis, !!attrs.exclusive, !!attrs.reverse, c)];
    },
  });
}

/**
 * Walks every line along `axis` (outer × inner lines of `len` elements, `inner` apart), keeping one
 * running value; exclusive mode writes the value before folding in the current element.
 */
function cumulate(x: Tensor, axis: number, exclusive: boolean, reverse: boolean, c: CumulativeOp): Tensor {
  const len = x.dims[axis];
  const inner = x.dims.slice(axis + 1).reduce((p, q) => p * q, 1);
  const outer = x.dims.slice(0, axis).reduce((p, q) => p * q, 1);
  const big = x.type === 'int64' || x.type === 'uint64';
  const wrap = x.type === 'int64' ? (v: bigint) => BigInt.asIntN(64, v) : (v: bigint) => BigInt.asUintN(64, v);
  const src = big ? (x.data as BigInt64Array) : numberValues(x);
  const out = big ? new (x.data.constructor as BigInt64ArrayConstructor)(x.size) : undefined;
  const buf = big ? undefined : outputBuffer(x.type, x.size);
  const step = c.num(x.type);
  for (let o = 0; o < outer; o++) {
    for (let k = 0; k < inner; k++) {
      const base = o * len * inner + k;
      let acc: number | bigint = big ? BigInt(c.identity) : c.identity;
      for (let s = 0; s < len; s++) {
        const idx = base + (reverse ? len - 1 - s : s) * inner;
        if (exclusive) (out ?? buf!.values)[idx] = acc;
        acc = big ? wrap(c.big(acc as bigint, (src as BigInt64Array)[idx])) : step(acc as number, (src as ArrayLike<number>)[idx]);
        if (!exclusive) (out ?? buf!.values)[idx] = acc;
      }
    }
  }
  return out ? new Tensor(x.type, out, x.dims) : buf!.finish(x.dims);
}

/** Running sum along `axis`. */
export const CumSum = defineCumulativeOp({
  name: 'CumSum', versions: [11, 14], doc: 'Running sum of x along axis.',
  identity: 0,
  num: (t) => (t === 'int32' ? (a, v) => (a + v) | 0 : t === 'uint32' ? (a, v) => (a + v) >>> 0 : (a, v) => a + v),
  big: (a, v) => a + v,
});
/** Running product along `axis`. */
export const CumProd = defineCumulativeOp({
  name: 'CumProd', versions: [26], doc: 'Running product of x along axis.',
  identity: 1,
  num: (t) => (t === 'int32' ? Math.imul : t === 'uint32' ? (a, v) => Math.imul(a, v) >>> 0 : (a, v) => a * v),
  big: (a, v) => a * v,
});

/**
 * Where: picks X where the condition is true and Y elsewhere, with three-way broadcasting.
 * https://onnx.ai/onnx/operators/onnx__Where.html
 */
import { type DType, type TypedArray, allocate, entriesPerElement } from '../../dtype.js';
import { Tensor } from '../../tensor.js';
import { broadcastDims, broadcastIndex, broadcastShapes } from '../common/broadcast.js';
import { NUMERIC } from '../common/types.js';
import { defineOp } from '../spec.js';

const TYPES: readonly DType[] = [...NUMERIC, 'string', 'bool', 'complex64', 'complex128'];

/** condition ? X : Y, elementwise. Opset 16 added bfloat16. */
export const Where = defineOp({
  name: 'Where',
  versions: [9, 16],
  doc: 'X where condition is true, Y elsewhere; all three broadcast together.',
  inputs: [{ name: 'condition', type: 'B' }, { name: 'X', type: 'T' }, { name: 'Y', type: 'T' }],
  outputs: [{ name: 'output', type: 'T' }],
  types: { B: ['bool'], T: TYPES },
  inferShape: ({ inputs: [c, x, y] }) => [{
    kind: 'tensor', dtype: x?.dtype ?? y?.dtype,
    dims: c?.dims && x?.dims && y?.dims ? broadcastDims(c.dims, x.dims, y.dims) : undefined,
  }],
  reference: ({ inputs }) => {
    const [c, x, y] = inputs as Tensor[];
    const dims = broadcastShapes(c.dims, x.dims, y.dims);
    const ic = broadcastIndex(c.dims, dims), ix = broadcastIndex(x.dims, dims), iy = broadcastIndex(y.dims, dims);
    const n = ic.length;
    const cond = c.data as Uint8Array;
    // Copying storage entries (not decoded values) keeps float16 bits, complex pairs and strings intact.
    const e = entriesPerElement(x.type);
    const xs = x.data as TypedArray | string[], ys = y.data as TypedArray | string[];
    const out = allocate(x.type, n) as TypedArray | string[];
    for (let i = 0; i < n; i++) {
      if (cond[ic[i]]) for (let k = 0; k < e; k++) out[i * e + k] = xs[ix[i] * e + k];
      else for (let k = 0; k < e; k++) out[i * e + k] = ys[iy[i] * e + k];
    }
    return [new Tensor(x.type, out, dims)];
  },
});

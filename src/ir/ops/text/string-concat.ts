/**
 * StringConcat: elementwise concatenation of two string tensors, with numpy-style broadcasting.
 * https://onnx.ai/onnx/operators/onnx__StringConcat.html
 */
import { Tensor } from '../../tensor.js';
import { broadcastDims, broadcastIndex, broadcastShapes } from '../common/broadcast.js';
import { defineOp } from '../spec.js';

/** StringConcat: `X + Y` for strings, elementwise with broadcasting. */
export const StringConcat = defineOp({
  name: 'StringConcat',
  versions: [20],
  doc: 'Concatenates the strings of X and Y elementwise, with numpy-style broadcasting.',
  inputs: [{ name: 'X', type: 'T' }, { name: 'Y', type: 'T' }],
  outputs: [{ name: 'Z', type: 'T' }],
  types: { T: ['string'] },
  tolerance: 'exact',
  inferShape: ({ inputs: [x, y] }) => [{ kind: 'tensor', dtype: 'string', dims: x?.dims && y?.dims ? broadcastDims(x.dims, y.dims) : undefined }],
  reference: ({ inputs }) => {
    const x = inputs[0] as Tensor;
    const y = inputs[1] as Tensor;
    const dims = broadcastShapes(x.dims, y.dims);
    const ix = broadcastIndex(x.dims, dims);
    const iy = broadcastIndex(y.dims, dims);
    const xs = x.data as string[];
    const ys = y.data as string[];
    const out = new Array<string>(ix.length);
    for (let i = 0; i < out.length; i++) out[i] = xs[ix[i]] + ys[iy[i]];
    return [new Tensor('string', out, dims)];
  },
});

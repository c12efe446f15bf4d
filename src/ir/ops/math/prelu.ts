/**
 * PRelu: X where X >= 0, slope · X elsewhere, with a learned slope per channel (or any shape that
 * broadcasts to X).
 * https://onnx.ai/onnx/operators/onnx__PRelu.html
 */
import type { DType } from '../../dtype.js';
import { ShapeError } from '../../errors.js';
import type { Dim } from '../../model.js';
import type { Tensor } from '../../tensor.js';
import { broadcastDims } from '../common/broadcast.js';
import { mapBinary } from '../common/elementwise.js';
import { FLOATS } from '../common/types.js';
import { defineOp } from '../spec.js';

const TYPES: readonly DType[] = [...FLOATS, 'uint32', 'uint64', 'int32', 'int64'];

/** Leaky relu with a slope tensor that broadcasts to X (unidirectionally: Y has X's shape). */
export const PRelu = defineOp({
  name: 'PRelu',
  versions: [1, 6, 7, 9, 16],
  doc: 'X where X >= 0, slope * X elsewhere; slope broadcasts to the shape of X.',
  inputs: [{ name: 'X', type: 'T' }, { name: 'slope', type: 'T' }],
  outputs: [{ name: 'Y', type: 'T' }],
  types: { T: TYPES },
  attributes: { consumed_inputs: { type: 'ints', until: 6 } },
  inferShape: ({ inputs: [x, slope], version }) => {
    if (!x?.dims || !slope?.dims) return [{ kind: 'tensor', dtype: x?.dtype, dims: x?.dims }];
    const s = slopeDims(x.dims, slope.dims, version);
    const out = broadcastDims(x.dims, s);
    if (out.length !== x.dims.length || out.some((d, i) => typeof d === 'number' && typeof x.dims![i] === 'number' && d !== x.dims![i])) {
      throw new ShapeError(`PRelu slope [${slope.dims.join(',')}] does not broadcast to X [${x.dims.join(',')}]`);
    }
    return [{ kind: 'tensor', dtype: x.dtype, dims: x.dims }];
  },
  reference: ({ inputs, version }) => {
    const x = inputs[0] as Tensor;
    const slope = inputs[1] as Tensor;
    const s = slope.reshape(slopeDims(x.dims, slope.dims, version) as number[]);
    return [mapBinary(x, s, x.type, (v, a) => (v < 0 ? a * v : v), (v, a) => (v < 0n ? a * v : v))];
  },
});

/**
 * Before opset 7 the slope was either one value or one per channel (X's dim 1), with no general
 * broadcasting; a per-channel slope is lined up with dim 1 here. From opset 7 numpy rules apply.
 */
function slopeDims<D extends Dim>(xDims: readonly D[], sDims: readonly D[], version: number): readonly (D | 1)[] {
  if (version >= 7 || sDims.length !== 1 || xDims.length < 2) return sDims;
  return [sDims[0], ...new Array<1>(xDims.length - 2).fill(1)];
}

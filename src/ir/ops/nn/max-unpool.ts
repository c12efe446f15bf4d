/**
 * MaxUnpool: the partial inverse of MaxPool, scattering X to the positions MaxPool's indices name.
 * https://onnx.ai/onnx/operators/onnx__MaxUnpool.html
 */
import { ShapeError } from '../../errors.js';
import { readNumbers, readValues, Tensor } from '../../tensor.js';
import { FLOATS } from '../common/types.js';
import { defineOp } from '../spec.js';

/** MaxUnpool: zeros everywhere except Y.flat[I[i]] = X.flat[i]. */
export const MaxUnpool = defineOp({
  name: 'MaxUnpool',
  versions: [9, 11, 22],
  doc: 'Scatters X into a zero tensor at the flat indices I (as produced by MaxPool); output_shape disambiguates the size.',
  inputs: [{ name: 'X', type: 'T1' }, { name: 'I', type: 'int64' }, { name: 'output_shape', type: 'int64', optional: true }],
  outputs: [{ name: 'output', type: 'T1' }],
  types: { T1: FLOATS },
  attributes: {
    kernel_shape: { type: 'ints', required: true },
    pads: { type: 'ints' },
    strides: { type: 'ints' },
  },
  inferShape: ({ inputs: [x, , shape], attrs }) => {
    if (shape?.value) return [{ kind: 'tensor', dtype: x?.dtype, dims: readNumbers(shape.value) }];
    if (!x?.dims) return [{ kind: 'tensor', dtype: x?.dtype }];
    if (shape) return [{ kind: 'tensor', dtype: x.dtype, dims: x.dims.map(() => undefined) }];
    const spatial = x.dims.slice(2);
    const dims = spatial.every((d) => typeof d === 'number') ? unpooledSpatial(spatial as number[], attrs) : spatial.map(() => undefined);
    return [{ kind: 'tensor', dtype: x.dtype, dims: [x.dims[0], x.dims[1], ...dims] }];
  },
  reference: ({ inputs, attrs }) => {
    const x = inputs[0] as Tensor, idx = readNumbers(inputs[1] as Tensor), shape = inputs[2] as Tensor | undefined | null;
    // Indices address the tensor MaxPool saw (the default size); a larger output_shape keeps each
    // value at the same coordinates, which is how onnxruntime and the suite place them.
    const pooled = [x.dims[0], x.dims[1], ...unpooledSpatial(x.dims.slice(2), attrs)];
    const dims = shape ? readNumbers(shape) : pooled;
    if (dims.length !== pooled.length) throw new ShapeError(`MaxUnpool: output_shape [${dims.join(',')}] should have rank ${pooled.length}`);
    const out = new Float64Array(dims.reduce((p, q) => p * q, 1));
    const xv = readValues(x);
    for (let i = 0; i < xv.length; i++) {
      let rest = idx[i], target = 0, stride = 1;
      for (let d = pooled.length - 1; d >= 0; d--) {
        const coord = rest % pooled[d];
        rest = Math.floor(rest / pooled[d]);
        if (coord >= dims[d]) throw new ShapeError(`MaxUnpool: index ${idx[i]} falls outside output_shape [${dims.join(',')}]`);
        target += coord * stride;
        stride *= dims[d];
      }
      if (idx[i] < 0 || rest > 0) throw new ShapeError(`MaxUnpool: index ${idx[i]} is outside the pooled input [${pooled.join(',')}]`);
      out[target] = xv[i];
    }
    return [Tensor.fromValues(x.type, dims, out)];
  },
});

/** The size MaxPool was applied to: (in - 1) * stride + kernel - pads. */
function unpooledSpatial(spatial: readonly number[], a: { kernel_shape: number[]; strides?: number[]; pads?: number[] }): number[] {
  const n = spatial.length;
  if (a.kernel_shape.length !== n) throw new ShapeError(`MaxUnpool: kernel_shape [${a.kernel_shape.join(',')}] does not match spatial dims [${spatial.join(',')}]`);
  return spatial.map((d, i) => (d - 1) * (a.strides?.[i] ?? 1) + a.kernel_shape[i] - (a.pads?.[i] ?? 0) - (a.pads?.[i + n] ?? 0));
}

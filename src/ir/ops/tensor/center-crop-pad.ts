/**
 * CenterCropPad: crop or zero-pad chosen axes to target sizes, keeping the content centred.
 * https://onnx.ai/onnx/operators/onnx__CenterCropPad.html
 */
import { ShapeError } from '../../errors.js';
import type { Dim } from '../../model.js';
import { readNumbers, type Tensor } from '../../tensor.js';
import { normalizeAxes } from '../common/axes.js';
import { ALL_TENSOR_TYPES } from '../common/types.js';
import { defineOp } from '../spec.js';
import { elementStrides, gatherAxes, OUTSIDE } from './layout.js';

/** Target size per axis: `shape[i]` on `axes[i]` (default all axes), the input's dim elsewhere. */
function targetDims(dims: readonly Dim[], shape: readonly number[], axes: readonly number[] | undefined): Dim[] {
  const ax = normalizeAxes(axes ?? dims.map((_, i) => i), dims.length, 'CenterCropPad axes');
  if (shape.length !== ax.length) throw new ShapeError(`CenterCropPad shape [${shape.join(',')}] needs one size for each of ${ax.length} axes`);
  if (shape.some((s) => !Number.isInteger(s) || s < 0)) throw new ShapeError(`CenterCropPad shape [${shape.join(',')}] must be non-negative`);
  const out = [...dims];
  ax.forEach((a, i) => { out[a] = shape[i]; });
  return out;
}

/**
 * Source offsets for one axis: a larger input is cropped from floor((dim - target) / 2); a smaller
 * one is placed floor((target - dim) / 2) in, so an odd leftover goes to the end in both cases.
 */
function centerAxis(dim: number, target: number, stride: number): Int32Array {
  const t = new Int32Array(target);
  const shift = dim >= target ? Math.floor((dim - target) / 2) : -Math.floor((target - dim) / 2);
  for (let o = 0; o < target; o++) {
    const i = o + shift;
    t[o] = i >= 0 && i < dim ? i * stride : OUTSIDE;
  }
  return t;
}

/** CenterCropPad: `input_data` centred in a window of dims `shape` on `axes`, cropped or zero-padded. */
export const CenterCropPad = defineOp({
  name: 'CenterCropPad',
  versions: [18],
  doc: 'The input centre-cropped or zero-padded to the sizes in `shape` on `axes`.',
  inputs: [{ name: 'input_data', type: 'T' }, { name: 'shape', type: 'Tind' }],
  outputs: [{ name: 'output_data', type: 'T' }],
  types: { T: ALL_TENSOR_TYPES, Tind: ['int32', 'int64'] },
  attributes: { axes: { type: 'ints' } },
  tolerance: 'exact',
  inferShape: ({ inputs: [x, shapeIn], attrs }) => {
    if (!x?.dims) return [{ kind: 'tensor', dtype: x?.dtype }];
    if (!shapeIn?.value) {
      const axes = attrs.axes && normalizeAxes(attrs.axes, x.dims.length, 'CenterCropPad axes');
      return [{ kind: 'tensor', dtype: x.dtype, dims: x.dims.map((d, i) => (axes && !axes.includes(i) ? d : undefined)) }];
    }
    return [{ kind: 'tensor', dtype: x.dtype, dims: targetDims(x.dims, readNumbers(shapeIn.value), attrs.axes) }];
  },
  reference: ({ inputs, attrs }) => {
    const x = inputs[0] as Tensor;
    const outDims = targetDims(x.dims, readNumbers(inputs[1] as Tensor), attrs.axes) as number[];
    const strides = elementStrides(x.dims);
    return [gatherAxes(x, outDims, outDims.map((t, a) => centerAxis(x.dims[a], t, strides[a])))];
  },
});

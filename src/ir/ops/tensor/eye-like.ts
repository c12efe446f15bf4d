/**
 * EyeLike: an identity-like matrix shaped like the input.
 * https://onnx.ai/onnx/operators/onnx__EyeLike.html
 */
import { allocate, dtypeFromOnnx, type TypedArray } from '../../dtype.js';
import { ShapeError } from '../../errors.js';
import type { Dim } from '../../model.js';
import { Tensor } from '../../tensor.js';
import { defineOp } from '../spec.js';
import { encodeScalar, fmtDims } from './layout.js';

const EYE_TYPES = ['uint8', 'uint16', 'uint32', 'uint64', 'int8', 'int16', 'int32', 'int64', 'bfloat16', 'float16', 'float32', 'float64', 'bool'] as const;

function check2d(dims: readonly Dim[] | undefined): void {
  if (dims && dims.length !== 2) throw new ShapeError(`EyeLike input ${fmtDims(dims)} must be 2-D`);
}

function outType(dtype: number | undefined, input: Tensor['type'] | undefined) {
  if (dtype === undefined) return input;
  const t = dtypeFromOnnx(dtype);
  if (!t || !(EYE_TYPES as readonly string[]).includes(t)) throw new ShapeError(`EyeLike dtype ${dtype} is not a supported output type`);
  return t;
}

/** EyeLike: zeros with ones on diagonal `k` (out[i][i+k] = 1), in `dtype` or the input's dtype. */
export const EyeLike = defineOp({
  name: 'EyeLike',
  versions: [9, 22],
  doc: 'A matrix shaped like the input with ones on diagonal `k` and zeros elsewhere.',
  inputs: [{ name: 'input', type: 'T1' }],
  outputs: [{ name: 'output', type: 'T2' }],
  types: { T1: EYE_TYPES },
  attributes: { dtype: { type: 'int' }, k: { type: 'int', default: 0 } },
  tolerance: 'exact',
  inferShape: ({ inputs: [x], attrs }) => {
    check2d(x?.dims);
    return [{ kind: 'tensor', dtype: outType(attrs.dtype, x?.dtype), dims: x?.dims ?? [undefined, undefined] }];
  },
  reference: ({ inputs, attrs }) => {
    const x = inputs[0] as Tensor;
    check2d(x.dims);
    const type = outType(attrs.dtype, x.type)!;
    const [rows, cols] = x.dims;
    const out = allocate(type, rows * cols) as TypedArray;
    const one = encodeScalar(type, 1);
    for (let i = 0; i < rows; i++) {
      const j = i + attrs.k;
      if (j >= 0 && j < cols) out[i * cols + j] = one as never;
    }
    return [new Tensor(type, out, x.dims)];
  },
});

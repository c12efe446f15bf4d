/**
 * Cast and CastLike: elementwise conversion to another dtype, named by the `to` attribute or by
 * the dtype of a second input.
 * https://onnx.ai/onnx/operators/onnx__Cast.html
 * https://onnx.ai/onnx/operators/onnx__CastLike.html
 */
import { type DType, dtypeFromOnnx } from '../../dtype.js';
import { AttributeError } from '../../errors.js';
import type { Tensor } from '../../tensor.js';
import type { Dim } from '../../model.js';
import { isIndexType } from '../common/dim-values.js';
import { ALL_TENSOR_TYPES } from '../common/types.js';
import { defineOp } from '../spec.js';
import { convertTensor } from './convert.js';

/** TensorProto.DataType enum names, indexed by their numbers (the Cast-1 spelling of `to`). */
const ONNX_ENUM_NAMES = [
  'UNDEFINED', 'FLOAT', 'UINT8', 'INT8', 'UINT16', 'INT16', 'INT32', 'INT64', 'STRING', 'BOOL', 'FLOAT16',
  'DOUBLE', 'UINT32', 'UINT64', 'COMPLEX64', 'COMPLEX128', 'BFLOAT16',
];

/** Cast accepts every element type but the complex ones. */
const CASTABLE: readonly DType[] = ALL_TENSOR_TYPES.filter((t) => t !== 'complex64' && t !== 'complex128');

/**
 * The target dtype from `to`: a DataType number, or (Cast-1) its enum name such as "FLOAT", which the
 * attribute resolver accepts through the spec's `legacyType`.
 */
function targetOf(to: number | string): DType {
  const t = typeof to === 'string' ? dtypeFromOnnx(ONNX_ENUM_NAMES.indexOf(to.toUpperCase())) : dtypeFromOnnx(to);
  if (!t || t === 'complex64' || t === 'complex128') throw new AttributeError(`Cast 'to' = ${to} is not a castable data type`);
  return t;
}

/**
 * Shape values survive a cast between int64 and int32 (exporters cast Gather(Shape) results to
 * int64 that already are). Numbers int32 cannot hold would wrap, so they become unknown.
 */
function castElements(dv: Dim[] | undefined, to: DType): Dim[] | undefined {
  if (!dv || !isIndexType(to)) return undefined;
  return to === 'int64' ? dv : dv.map((d) => (typeof d === 'number' && (d >= 2 ** 31 || d < -(2 ** 31)) ? undefined : d));
}

/** Cast: `input` converted to the dtype named by `to`, with float8 `saturate` and e8m0 `round_mode`. */
export const Cast = defineOp({
  name: 'Cast',
  // Cast-1 names `to` as a string ("FLOAT"); see the family report: the attribute resolver rejects
  // a string where this spec declares an int, so opset 1-5 models with Cast do not load yet.
  versions: [1, 6, 9, 13, 19, 21, 23, 24, 25],
  doc: 'Converts every element of the input to the data type given by `to`.',
  inputs: [{ name: 'input', type: 'T1' }],
  outputs: [{ name: 'output', type: 'T2' }],
  types: { T1: CASTABLE, T2: CASTABLE },
  attributes: {
    to: { type: 'int', required: true, legacyType: { type: 'string', until: 6 } },
    saturate: { type: 'int', default: 1, since: 19 },
    round_mode: { type: 'string', default: 'up', since: 24 },
  },
  tolerance: 'exact',
  inferShape: ({ inputs: [x], attrs }) => {
    const dtype = targetOf(attrs.to);
    return [{ kind: 'tensor', dtype, dims: x?.dims, dimsValue: castElements(x?.dimsValue, dtype) }];
  },
  reference: ({ inputs: [x], attrs }) => [
    convertTensor(x as Tensor, targetOf(attrs.to), { saturate: attrs.saturate, roundMode: attrs.round_mode }),
  ],
});

/** CastLike: `input` converted to the dtype of `target_type` (whose values are ignored). */
export const CastLike = defineOp({
  name: 'CastLike',
  versions: [15, 19, 21, 23, 24, 25],
  doc: 'Converts every element of the input to the data type of the second input.',
  inputs: [{ name: 'input', type: 'T1' }, { name: 'target_type', type: 'T2' }],
  outputs: [{ name: 'output', type: 'T2' }],
  types: { T1: CASTABLE, T2: CASTABLE },
  attributes: {
    saturate: { type: 'int', default: 1, since: 19 },
    round_mode: { type: 'string', default: 'up', since: 24 },
  },
  tolerance: 'exact',
  inferShape: ({ inputs: [x, like] }) => [{ kind: 'tensor', dtype: like?.dtype, dims: x?.dims }],
  reference: ({ inputs: [x, like], attrs }) => [
    convertTensor(x as Tensor, (like as Tensor).type, { saturate: attrs.saturate, roundMode: attrs.round_mode }),
  ],
});

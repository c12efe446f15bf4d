/**
 * Constant: a tensor given by an attribute.
 * https://onnx.ai/onnx/operators/onnx__Constant.html
 */
import { ShapeError } from '../../errors.js';
import { Tensor } from '../../tensor.js';
import { ALL_TENSOR_TYPES } from '../common/types.js';
import { defineOp, type AttrsOf } from '../spec.js';

const ATTRS = {
  value: { type: 'tensor' },
  sparse_value: { type: 'sparse_tensor', since: 11 },
  value_float: { type: 'float', since: 12 },
  value_floats: { type: 'floats', since: 12 },
  value_int: { type: 'int', since: 12 },
  value_ints: { type: 'ints', since: 12 },
  value_string: { type: 'string', since: 12 },
  value_strings: { type: 'strings', since: 12 },
} as const;

/**
 * The tensor the node holds: exactly one attribute must be set. The loader has already densified
 * `sparse_value` (missing entries are 0), which is what the output is.
 */
function constantValue(attrs: AttrsOf<typeof ATTRS>): Tensor {
  const given = (Object.keys(ATTRS) as (keyof typeof ATTRS)[]).filter((k) => attrs[k] !== undefined);
  if (given.length !== 1) throw new ShapeError(`Constant needs exactly one value attribute, got ${given.length ? given.join(', ') : 'none'}`);
  const { value, sparse_value, value_float, value_floats, value_int, value_ints, value_string, value_strings } = attrs;
  if (value) return value;
  if (sparse_value) return sparse_value;
  if (value_float !== undefined) return Tensor.scalar('float32', value_float);
  if (value_floats) return Tensor.fromValues('float32', [value_floats.length], value_floats);
  if (value_int !== undefined) return Tensor.scalar('int64', BigInt(value_int));
  if (value_ints) return Tensor.fromValues('int64', [value_ints.length], value_ints.map(BigInt));
  if (value_string !== undefined) return Tensor.scalar('string', value_string);
  return Tensor.fromValues('string', [value_strings!.length], value_strings!);
}

/** Constant: outputs the tensor in its one value attribute (`value`, `sparse_value`, `value_float(s)`, `value_int(s)`, `value_string(s)`). */
export const Constant = defineOp({
  name: 'Constant',
  versions: [1, 9, 11, 12, 13, 19, 21, 23, 24, 25],
  doc: 'The tensor held in its value attribute.',
  inputs: [],
  outputs: [{ name: 'output', type: 'T' }],
  types: { T: ALL_TENSOR_TYPES },
  attributes: ATTRS,
  tolerance: 'exact',
  inferShape: ({ attrs }) => {
    const v = constantValue(attrs);
    return [{ kind: 'tensor', dtype: v.type, dims: [...v.dims], value: v }];
  },
  reference: ({ attrs }) => [constantValue(attrs)],
});

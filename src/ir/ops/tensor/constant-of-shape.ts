/**
 * ConstantOfShape: a tensor of given dims filled with one value.
 * https://onnx.ai/onnx/operators/onnx__ConstantOfShape.html
 */
import { allocate, type TypedArray } from '../../dtype.js';
import { ShapeError } from '../../errors.js';
import type { Dim } from '../../model.js';
import { readNumbers, sizeOf, Tensor } from '../../tensor.js';
import { defineOp } from '../spec.js';

function checkShape(shape: number[]): number[] {
  if (shape.some((d) => !Number.isInteger(d) || d < 0)) throw new ShapeError(`ConstantOfShape dims [${shape.join(',')}] must be non-negative integers`);
  return shape;
}

function checkValue(value: Tensor): Tensor {
  if (value.size !== 1) throw new ShapeError(`ConstantOfShape value must hold one element, got ${value.size}`);
  return value;
}

/** ConstantOfShape: a tensor of dims `input`, every element `value` (whose dtype it takes). */
export const ConstantOfShape = defineOp({
  name: 'ConstantOfShape',
  versions: [9, 20, 21, 23, 24, 25],
  doc: 'A tensor with the dims given by `input`, filled with the one element of `value`.',
  inputs: [{ name: 'input', type: 'int64' }],
  outputs: [{ name: 'output', type: 'T2' }],
  types: {},
  attributes: { value: { type: 'tensor', default: Tensor.fromValues('float32', [1], [0]) } },
  tolerance: 'exact',
  inferShape: ({ inputs: [shapeIn], attrs }) => {
    const dtype = checkValue(attrs.value).type;
    if (shapeIn?.value) return [{ kind: 'tensor', dtype, dims: checkShape(readNumbers(shapeIn.value)) }];
    // Known element by element: the numbers still get checked, symbols become the dims.
    const elements = shapeIn?.dimsValue;
    if (elements) {
      checkShape(elements.filter((d): d is number => typeof d === 'number'));
      return [{ kind: 'tensor', dtype, dims: [...elements] }];
    }
    const n = shapeIn?.dims?.[0];
    return [{ kind: 'tensor', dtype, dims: typeof n === 'number' ? new Array<Dim>(n).fill(undefined) : undefined }];
  },
  reference: ({ inputs, attrs }) => {
    const value = checkValue(attrs.value);
    const dims = checkShape(readNumbers(inputs[0] as Tensor));
    const out = allocate(value.type, sizeOf(dims)) as TypedArray;
    // The value is already in storage form (float16 bits, bigint, 0/1), so fill copies it as is.
    out.fill(value.data[0] as never);
    return [new Tensor(value.type, out, dims)];
  },
});

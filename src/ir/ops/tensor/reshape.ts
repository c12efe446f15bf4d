/**
 * Reshape: the same elements viewed with new dims.
 * https://onnx.ai/onnx/operators/onnx__Reshape.html
 */
import { ShapeError } from '../../errors.js';
import type { Dim } from '../../model.js';
import { readNumbers } from '../../tensor.js';
import type { Tensor } from '../../tensor.js';
import { ALL_TENSOR_TYPES } from '../common/types.js';
import { divDims, productOfDims } from '../common/dim-values.js';
import { defineOp, type InferInput } from '../spec.js';
import { fmtDims } from './layout.js';

/**
 * The dims `shape` asks for, given the input's dims: 0 copies the input dim (unless `allowzero`),
 * and one -1 takes whatever size is left. Works on symbolic dims as far as they are knowable; on
 * static dims it is the exact rule and throws ShapeError for impossible requests.
 */
export function reshapeDims(input: readonly Dim[] | undefined, shape: readonly number[], allowzero: boolean): Dim[] {
  const what = () => `cannot reshape ${fmtDims(input)} to [${shape.join(',')}]`;
  let inferred = -1;
  const out: Dim[] = [];
  // Input positions whose dims reappear via 0: they cancel from both sides of the -1 equation.
  const copied = new Set<number>();
  shape.forEach((s, i) => {
    if (!Number.isInteger(s) || s < -1) throw new ShapeError(`${what()}: invalid dim ${s}`);
    if (s === -1) {
      if (inferred >= 0) throw new ShapeError(`${what()}: more than one -1`);
      inferred = i;
      out.push(undefined);
    } else if (s === 0 && !allowzero) {
      if (input && i >= input.length) throw new ShapeError(`${what()}: 0 at position ${i} has no input dim to copy`);
      copied.add(i);
      out.push(input?.[i]);
    } else out.push(s);
  });
  if (allowzero && inferred >= 0 && shape.includes(0)) throw new ShapeError(`${what()}: allowzero forbids 0 together with -1`);
  if (!input) return out;

  // Static parts of both sides, and the symbolic input dims that did not cancel.
  let inStatic = 1;
  let inUnknown = false;
  input.forEach((d, i) => {
    if (copied.has(i)) return;
    if (typeof d === 'number') inStatic *= d; else inUnknown = true;
  });
  let outStatic = 1;
  out.forEach((d, i) => { if (i !== inferred && !copied.has(i)) outStatic *= d as number; });

  if (inferred >= 0) {
    if (!inUnknown) {
      if (outStatic === 0 ? inStatic !== 0 : inStatic % outStatic !== 0) throw new ShapeError(`${what()}: ${inStatic} elements do not divide into ${outStatic}`);
      // With a 0-sized output dim beside the -1, any size fits; numpy and ONNX pick 0.
      out[inferred] = outStatic === 0 ? 0 : inStatic / outStatic;
    }
  } else if (!inUnknown && inStatic !== outStatic) {
    throw new ShapeError(`${what()}: ${inStatic} elements vs ${outStatic}`);
  }
  return out;
}

/**
 * Reshape's output dims for shape inference, where the requested shape may be known only element
 * by element (a Concat of Shape → Gather pieces): symbols and unknowns are taken as the sizes they
 * stand for. Fully numeric requests go through reshapeDims, with its checks. A -1 beside symbolic
 * dims is solved as a symbolic quotient ([batch, seq, 128] to [-1, 128] gives 'batch*seq').
 */
function inferReshape(input: readonly Dim[] | undefined, shape: readonly Dim[], allowzero: boolean): Dim[] {
  let out: Dim[];
  if (shape.every((s): s is number => typeof s === 'number')) out = reshapeDims(input, shape, allowzero);
  else {
    // A symbolic entry is a dim read from some tensor, so never -1; it is 0 only for an empty
    // tensor, where it would copy the input's dim. Like onnxruntime, take it as the size it names.
    // The numeric entries get reshapeDims' checks (a stand-in 1 for the others changes none).
    const numeric = reshapeDims(undefined, shape.map((s) => (typeof s === 'number' ? s : 1)), allowzero);
    if (input && shape.some((s, i) => s === 0 && !allowzero && i >= input.length)) {
      throw new ShapeError(`cannot reshape ${fmtDims(input)} to ${fmtDims(shape)}: 0 has no input dim to copy`);
    }
    out = shape.map((s, i) => (typeof s === 'number' ? (s === 0 && !allowzero ? input?.[i] : numeric[i]) : s));
  }
  const inferred = shape.indexOf(-1);
  if (inferred >= 0 && out[inferred] === undefined && input) {
    out[inferred] = divDims(productOfDims(input), productOfDims(out.filter((_, i) => i !== inferred)));
  }
  return out;
}

/** Reshape: `data` viewed with the dims of `shape` (an input from opset 5, an attribute before). */
export const Reshape = defineOp({
  name: 'Reshape',
  versions: [1, 5, 13, 14, 19, 21, 23, 24, 25],
  doc: 'The data of `data`, viewed with the dims given by `shape` (0 copies a dim, -1 infers one).',
  inputs: [{ name: 'data', type: 'T' }, { name: 'shape', type: 'int64', optional: true }],
  outputs: [{ name: 'reshaped', type: 'T' }],
  types: { T: ALL_TENSOR_TYPES },
  attributes: {
    shape: { type: 'ints', until: 5 },
    consumed_inputs: { type: 'ints', until: 5 },
    allowzero: { type: 'int', default: 0, since: 14 },
  },
  tolerance: 'exact',
  inferShape: ({ inputs: [data, shapeIn], attrs, version }) => {
    const shape = version < 5 ? attrs.shape : shapeIn?.dimsValue ?? (shapeIn?.value && readNumbers(shapeIn.value));
    if (!shape) return [{ kind: 'tensor', dtype: data?.dtype, dims: unknownDims(shapeIn) }];
    return [{ kind: 'tensor', dtype: data?.dtype, dims: inferReshape(data?.dims, shape, attrs.allowzero === 1) }];
  },
  reference: ({ inputs, attrs, version }) => {
    const data = inputs[0] as Tensor;
    const shape = version < 5 ? attrs.shape : readNumbers(inputs[1] as Tensor);
    if (!shape) throw new ShapeError('Reshape-1 needs the `shape` attribute');
    return [data.reshape(reshapeDims(data.dims, shape, attrs.allowzero === 1) as number[])];
  },
});

/** A shape input of known length but unknown values still fixes the output rank. */
function unknownDims(shapeIn: InferInput | undefined): Dim[] | undefined {
  const n = shapeIn?.dims?.[0];
  return typeof n === 'number' ? new Array<Dim>(n).fill(undefined) : undefined;
}

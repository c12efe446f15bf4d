/**
 * ScatterElements: a copy of `data` with per-element updates written along one axis (the inverse
 * of GatherElements), optionally combined with the old values by a reduction.
 * https://onnx.ai/onnx/operators/onnx__ScatterElements.html
 */
import { entriesPerElement, type TensorData } from '../../dtype.js';
import { ShapeError } from '../../errors.js';
import type { Dim } from '../../model.js';
import type { InferInput } from '../spec.js';
import { Tensor } from '../../tensor.js';
import { stridesOf } from '../common/broadcast.js';
import { checkAlongAxisDims, copyElements, dimsMayMatch, formatDims, indexValues, type Scalar, scalarValues, scatterReduction, wrapIndex } from '../common/indexing.js';
import { ALL_TENSOR_TYPES } from '../common/types.js';
import { defineOp } from '../spec.js';

/** Reductions allowed by each version of ScatterElements/ScatterND. */
export function reductionsAt(version: number): readonly string[] {
  return version >= 18 ? ['none', 'add', 'mul', 'max', 'min'] : version >= 16 ? ['none', 'add', 'mul'] : ['none'];
}

/**
 * ScatterElements' (and Scatter's) operand rules: indices of data's rank, within data's dims off
 * `axis` (checkAlongAxisDims), and updates of exactly indices' shape, one update per index. Dims
 * may be symbolic or unknown here (shape inference); only numbers are compared. Returns the axis
 * when data and indices dims are both known.
 */
export function checkScatterElementsOperands(op: string, data: readonly Dim[] | undefined, indices: readonly Dim[] | undefined,
  updates: readonly Dim[] | undefined, axis: number): number | undefined {
  if (indices && updates && !dimsMayMatch(indices, updates)) {
    throw new ShapeError(`${op}: updates ${formatDims(updates)} must have the shape of indices ${formatDims(indices)}`);
  }
  return data && indices ? checkAlongAxisDims(op, data, indices, axis) : undefined;
}

/** Shape inference shared with Scatter: the output has data's shape. */
export function inferScatterElements(op: string, data: InferInput | undefined, indices: InferInput | undefined, updates: InferInput | undefined, axis: number) {
  checkScatterElementsOperands(op, data?.dims, indices?.dims, updates?.dims, axis);
  return [{ kind: 'tensor' as const, dtype: data?.dtype ?? updates?.dtype, dims: data?.dims }];
}

/** `out = copy(data); out[..., indices[i...], ...] = reduce(out[...], updates[i...])` along `axis`. */
export function scatterElements(op: string, data: Tensor, indices: Tensor, updates: Tensor, axisAttr: number, reduction: string, allowed: readonly string[]): Tensor {
  const rank = data.dims.length;
  const axis = checkScatterElementsOperands(op, data.dims, indices.dims, updates.dims, axisAttr)!;
  const { write, result } = scatterWriter(data, updates, scatterReduction(reduction, allowed), reduction === 'none');
  const idx = indexValues(indices);
  const strides = stridesOf(data.dims);
  const counter = new Array<number>(rank).fill(0);
  // `offset` is the target offset for every dim but `axis`, kept in step with the counter.
  let offset = 0;
  for (let i = 0; i < idx.length; i++) {
    write(offset + wrapIndex(idx[i], data.dims[axis], op) * strides[axis], i);
    for (let d = rank - 1; d >= 0; d--) {
      if (++counter[d] < indices.dims[d]) { if (d !== axis) offset += strides[d]; break; }
      if (d !== axis) offset -= strides[d] * (counter[d] - 1);
      counter[d] = 0;
    }
  }
  return result();
}

/**
 * Writes update element `from` into output element `to`, then builds the result. Plain overwrites copy raw storage
 * (every dtype, no decode); reductions work on decoded values (numbers, or bigints for 64-bit ints).
 */
export function scatterWriter(data: Tensor, updates: Tensor, combine: (old: Scalar, update: Scalar) => Scalar, overwrite: boolean) {
  if (overwrite) {
    const entries = entriesPerElement(data.type);
    const out = data.data.slice() as TensorData;
    const src = updates.data;
    return {
      write: (to: number, from: number) => copyElements(src, from, out, to, 1, entries),
      result: () => new Tensor(data.type, out, data.dims),
    };
  }
  const out = scalarValues(data), upd = scalarValues(updates);
  return {
    write: (to: number, from: number) => { out[to] = combine(out[to], upd[from]); },
    result: () => Tensor.fromValues(data.type, data.dims, out as ArrayLike<number>),
  };
}

/**
 * ScatterElements: for axis 0, `out[indices[i][j]][j] = updates[i][j]`; with `reduction` (16: add,
 * mul; 18: max, min) the update is combined with the value already there. Duplicate indices
 * without a reduction are undefined in ONNX; here the last update wins.
 */
export const ScatterElements = defineOp({
  name: 'ScatterElements',
  versions: [11, 13, 16, 18],
  doc: 'Copy of data with updates written (or reduced) at per-element indices along axis.',
  inputs: [{ name: 'data', type: 'T' }, { name: 'indices', type: 'Tind' }, { name: 'updates', type: 'T' }],
  outputs: [{ name: 'output', type: 'T' }],
  types: { T: ALL_TENSOR_TYPES, Tind: ['int32', 'int64'] },
  attributes: {
    axis: { type: 'int', default: 0 },
    reduction: { type: 'string', default: 'none', since: 16 },
  },
  tolerance: 'exact',
  inferShape: ({ inputs: [data, indices, updates], attrs }) => inferScatterElements('ScatterElements', data, indices, updates, attrs.axis),
  // Before version 16 there is no reduction attribute: updates overwrite.
  reference: ({ inputs, attrs, version }) => [
    scatterElements('ScatterElements', inputs[0] as Tensor, inputs[1] as Tensor, inputs[2] as Tensor, attrs.axis, attrs.reduction ?? 'none', reductionsAt(version)),
  ],
});

/**
 * TensorScatter: writes a sequence-chunk `update` into a fixed-size KV cache at per-batch offsets.
 * https://onnx.ai/onnx/operators/onnx__TensorScatter.html
 */
import { AttributeError, ShapeError } from '../../errors.js';
import type { Dim } from '../../model.js';
import { Tensor } from '../../tensor.js';
import { normalizeAxis } from '../common/axes.js';
import { copyElements, formatDims, indexValues, sizeBetween } from '../common/indexing.js';
import { ALL_TENSOR_TYPES } from '../common/types.js';
import { defineOp } from '../spec.js';
import { entriesPerElement, type TensorData } from '../../dtype.js';

/**
 * TensorScatter: `present[p..., w[b] + s, ...] = update[p..., s, ...]` for every prefix index `p`
 * (whose first entry is the batch `b`) and sequence position `s`; `mode: 'circular'` wraps the
 * cache position modulo max_sequence_length. Missing `write_indices` means zeros.
 */
export const TensorScatter = defineOp({
  name: 'TensorScatter',
  versions: [24],
  doc: 'KV-cache update: update written into past_cache along the sequence axis at per-batch write indices.',
  inputs: [
    { name: 'past_cache', type: 'T' }, { name: 'update', type: 'T' },
    { name: 'write_indices', type: 'tensor(int64)', optional: true },
  ],
  outputs: [{ name: 'present_cache', type: 'T' }],
  types: { T: ALL_TENSOR_TYPES },
  attributes: { axis: { type: 'int', default: -2 }, mode: { type: 'string', default: 'linear' } },
  tolerance: 'exact',
  inferShape: ({ inputs: [past, update, writes], attrs }) => {
    if (past?.dims && update?.dims) checkTensorScatterOperands(past.dims, update.dims, writes?.dims, attrs.axis);
    return [{ kind: 'tensor', dtype: past?.dtype, dims: past?.dims }];
  },
  reference: ({ inputs, attrs }) => {
    const past = inputs[0] as Tensor, update = inputs[1] as Tensor, writes = inputs[2] as Tensor | undefined;
    if (attrs.mode !== 'linear' && attrs.mode !== 'circular') throw new AttributeError(`TensorScatter mode must be 'linear' or 'circular', got '${attrs.mode}'`);
    const dims = past.dims;
    const axis = checkTensorScatterOperands(dims, update.dims, writes?.dims, attrs.axis);
    const maxSeq = dims[axis], seqLen = update.dims[axis];
    const prefixes = sizeBetween(dims, 0, axis);
    const perBatch = sizeBetween(dims, 1, axis);
    const inner = sizeBetween(dims, axis + 1);
    const starts = writes ? indexValues(writes) : new Float64Array(dims[0]);
    const entries = entriesPerElement(past.type);
    const out = past.data.slice() as TensorData;
    for (let p = 0; p < prefixes; p++) {
      const start = starts[Math.floor(p / perBatch)];
      if (start < 0) throw new ShapeError(`TensorScatter: write index ${start} is negative (past_cache ${formatDims(dims)})`);
      for (let s = 0; s < seqLen; s++) {
        let pos = start + s;
        if (attrs.mode === 'circular') pos %= maxSeq;
        else if (pos >= maxSeq) throw new ShapeError(`TensorScatter: write index ${start} + ${seqLen} updates exceed max_sequence_length ${maxSeq}`);
        copyElements(update.data, (p * seqLen + s) * inner, out, (p * maxSeq + pos) * inner, inner, entries);
      }
    }
    return [new Tensor(past.type, out, dims)];
  },
});

/**
 * TensorScatter's operand rules: a sequence axis other than the batch dim 0; update shaped like
 * past_cache except on that axis, where it is no longer (sequence_length <= max_sequence_length);
 * write_indices, when given, one per batch entry. Only numeric dims are compared (shape inference
 * passes symbolic ones); the reference kernel calls it on the actual dims. Returns the axis.
 */
function checkTensorScatterOperands(past: readonly Dim[], update: readonly Dim[], writes: readonly Dim[] | undefined, axisAttr: number): number {
  const axis = normalizeAxis(axisAttr, past.length);
  if (axis === 0) throw new ShapeError(`TensorScatter axis cannot be the batch dim 0 (past_cache ${formatDims(past)})`);
  const known = (a: Dim, b: Dim): a is number => typeof a === 'number' && typeof b === 'number';
  const bad = update.length !== past.length || update.some((d, i) => known(d, past[i]) && (i === axis ? d > (past[i] as number) : d !== past[i]));
  if (bad) throw new ShapeError(`TensorScatter: update ${formatDims(update)} must match past_cache ${formatDims(past)} except on axis ${axis}, where it may not be longer`);
  if (writes && (writes.length !== 1 || (known(writes[0], past[0]) && writes[0] !== past[0]))) {
    throw new ShapeError(`TensorScatter: write_indices ${formatDims(writes)} must have shape [batch_size] of past_cache ${formatDims(past)}`);
  }
  return axis;
}

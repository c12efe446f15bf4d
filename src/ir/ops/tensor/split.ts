/**
 * Split: cut a tensor into pieces along an axis.
 * https://onnx.ai/onnx/operators/onnx__Split.html
 */
import { allocate, entriesPerElement, type TypedArray } from '../../dtype.js';
import { ShapeError } from '../../errors.js';
import type { Dim } from '../../model.js';
import { readNumbers, Tensor } from '../../tensor.js';
import { normalizeAxis } from '../common/axes.js';
import { ALL_TENSOR_TYPES } from '../common/types.js';
import { defineOp, type AttrsOf } from '../spec.js';

const ATTRS = {
  axis: { type: 'int', default: 0 },
  split: { type: 'ints', until: 13 },
  num_outputs: { type: 'int', since: 18 },
} as const;

/**
 * Sizes of the pieces along the split axis: the explicit `split` list, else equal parts (from
 * opset 18 the last part may be smaller; before, the axis must divide evenly).
 */
export function splitSizes(dim: Dim, split: readonly number[] | undefined, parts: number, version: number): Dim[] {
  if (split) {
    if (split.length !== parts) throw new ShapeError(`split [${split.join(',')}] has ${split.length} sizes for ${parts} outputs`);
    const total = split.reduce((a, b) => a + b, 0);
    if (split.some((s) => s < 0) || (typeof dim === 'number' && total !== dim)) {
      throw new ShapeError(`split [${split.join(',')}] does not cut an axis of size ${dim ?? '?'}`);
    }
    return [...split];
  }
  if (typeof dim !== 'number') return new Array<Dim>(parts).fill(undefined);
  if (version < 18) {
    if (dim % parts !== 0) throw new ShapeError(`an axis of size ${dim} does not split into ${parts} equal parts`);
    return new Array<Dim>(parts).fill(dim / parts);
  }
  const chunk = Math.ceil(dim / parts);
  const last = dim - chunk * (parts - 1);
  if (last < 0) throw new ShapeError(`an axis of size ${dim} does not split into ${parts} parts of ${chunk}`);
  return [...new Array<Dim>(parts - 1).fill(chunk), last];
}

/** What the node says about piece sizes: a list, nothing (equal parts), or 'unknown' (an input without a known value). */
function requestedSplit(attrs: AttrsOf<typeof ATTRS>, version: number, splitIn: Tensor | undefined | 'unknown'): number[] | undefined | 'unknown' {
  if (splitIn === 'unknown') return 'unknown';
  if (splitIn) return readNumbers(splitIn);
  return version < 13 ? attrs.split : undefined;
}

/** Split: `input` cut along `axis` into `split` sizes, or equal parts (`num_outputs` from opset 18). */
export const Split = defineOp({
  name: 'Split',
  versions: [1, 2, 11, 13, 18],
  doc: 'The input cut along `axis` into pieces of the sizes in `split`, or into equal parts.',
  // `split` was an optional input at opset 1, an attribute at 2 and 11, and an input again from 13.
  inputs: [{ name: 'input', type: 'T' }, { name: 'split', type: 'int64', optional: true }],
  outputs: [{ name: 'outputs', type: 'T', variadic: true }],
  types: { T: ALL_TENSOR_TYPES },
  attributes: ATTRS,
  tolerance: 'exact',
  inferShape: ({ inputs: [x, splitIn], attrs, version, outputCount }) => {
    const parts = attrs.num_outputs ?? outputCount;
    const unknown = () => new Array(outputCount).fill({ kind: 'tensor', dtype: x?.dtype });
    if (!x?.dims) return unknown();
    const dims = x.dims;
    const a = normalizeAxis(attrs.axis, dims.length, 'Split axis');
    const split = requestedSplit(attrs, version, splitIn ? splitIn.value ?? 'unknown' : undefined);
    const sizes = split === 'unknown' ? new Array<Dim>(parts).fill(undefined) : splitSizes(dims[a], split, parts, version);
    return sizes.map((s) => ({ kind: 'tensor', dtype: x.dtype, dims: dims.map((d, i) => (i === a ? s : d)) }));
  },
  reference: ({ inputs, attrs, version, outputCount }) => {
    const x = inputs[0] as Tensor;
    const a = normalizeAxis(attrs.axis, x.dims.length, 'Split axis');
    const split = requestedSplit(attrs, version, inputs[1] as Tensor | undefined) as number[] | undefined;
    const sizes = splitSizes(x.dims[a], split, attrs.num_outputs ?? outputCount, version) as number[];
    let outer = 1;
    for (let i = 0; i < a; i++) outer *= x.dims[i];
    let innerPerUnit = entriesPerElement(x.type);
    for (let i = a + 1; i < x.dims.length; i++) innerPerUnit *= x.dims[i];
    const rowLen = x.dims[a] * innerPerUnit;
    const src = x.data;
    let col = 0;
    return sizes.map((size) => {
      const dims = x.dims.map((d, i) => (i === a ? size : d));
      const out = allocate(x.type, dims.reduce((p, q) => p * q, 1));
      const block = size * innerPerUnit;
      // Each piece takes one contiguous block from every outer row of the input.
      if (Array.isArray(out)) {
        for (let o = 0; o < outer; o++) for (let j = 0; j < block; j++) out[o * block + j] = (src as string[])[o * rowLen + col + j];
      } else {
        const s = src as TypedArray;
        for (let o = 0; o < outer; o++) out.set(s.subarray(o * rowLen + col, o * rowLen + col + block) as never, o * block);
      }
      col += block;
      return new Tensor(x.type, out, dims);
    });
  },
});

/**
 * Concat: join tensors along an axis.
 * https://onnx.ai/onnx/operators/onnx__Concat.html
 */
import type { TypedArray } from '../../dtype.js';
import { allocate, entriesPerElement } from '../../dtype.js';
import { ShapeError } from '../../errors.js';
import type { Dim } from '../../model.js';
import { Tensor } from '../../tensor.js';
import { normalizeAxis } from '../common/axes.js';
import { elementsOf } from '../common/dim-values.js';
import { ALL_TENSOR_TYPES } from '../common/types.js';
import { defineOp, type AttrsOf, type InferInput } from '../spec.js';
import { fmtDims } from './layout.js';

const ATTRS = { axis: { type: 'int' } } as const;

/**
 * Concat-1 documents "Default value is 1" in prose but its schema declares no default; from
 * opset 4 the attribute is required. So the legacy default lives here, not in `attributes`.
 */
const CONCAT1_AXIS = 1;

function axisOf(attrs: AttrsOf<typeof ATTRS>, version: number): number {
  if (attrs.axis !== undefined) return attrs.axis;
  if (version < 4) return CONCAT1_AXIS;
  throw new ShapeError('Concat needs the `axis` attribute');
}

/** Output dims: inputs agree on every axis but `axis`, whose sizes add up. */
export function concatDims(shapes: readonly (readonly Dim[])[], axis: number): Dim[] {
  const rank = shapes[0].length;
  const a = normalizeAxis(axis, rank, 'Concat axis');
  const out = [...shapes[0]];
  for (const s of shapes.slice(1)) {
    if (s.length !== rank) throw new ShapeError(`cannot concat ${shapes.map(fmtDims).join(', ')}: ranks differ`);
    for (let i = 0; i < rank; i++) {
      if (i === a) {
        const x = out[i], y = s[i];
        out[i] = typeof x === 'number' && typeof y === 'number' ? x + y : undefined;
      } else {
        const x = out[i], y = s[i];
        if (typeof x === 'number' && typeof y === 'number') {
          if (x !== y) throw new ShapeError(`cannot concat ${shapes.map(fmtDims).join(', ')} on axis ${axis}: dim ${i} differs`);
        } else out[i] = typeof x === 'number' ? x : typeof y === 'number' ? y : x === y ? x : undefined;
      }
    }
  }
  return out;
}

/**
 * The elements of joined shape vectors (… → Unsqueeze → Concat → Reshape): each input's own
 * elements, or unknowns of its known length, so that one unknown entry does not hide the others.
 */
function concatElements(inputs: readonly (InferInput | undefined)[], shapes: readonly Dim[][]): Dim[] | undefined {
  if (shapes.some((s) => s.length !== 1 || typeof s[0] !== 'number')) return undefined;
  const out: Dim[] = [];
  inputs.forEach((x, i) => out.push(...(elementsOf(x) ?? new Array<Dim>(shapes[i][0] as number).fill(undefined))));
  return out.some((d) => d !== undefined) ? out : undefined;
}

/** Concat: the inputs joined along `axis` (negative axes from opset 11). */
export const Concat = defineOp({
  name: 'Concat',
  versions: [1, 4, 11, 13],
  doc: 'The inputs joined along `axis`; every other dim must agree.',
  inputs: [{ name: 'inputs', type: 'T', variadic: true }],
  outputs: [{ name: 'concat_result', type: 'T' }],
  types: { T: ALL_TENSOR_TYPES },
  attributes: ATTRS,
  tolerance: 'exact',
  inferShape: ({ inputs, attrs, version }) => {
    const dtype = inputs.find((x) => x?.dtype)?.dtype;
    const axis = axisOf(attrs, version);
    const shapes = inputs.map((x) => x?.dims);
    if (!shapes.every((s): s is Dim[] => s !== undefined)) {
      // Some rank is unknown: the others still fix the rank, but not the concat axis's size.
      const known = shapes.find((s) => s !== undefined);
      if (!known) return [{ kind: 'tensor', dtype }];
      const a = normalizeAxis(axis, known.length, 'Concat axis');
      return [{ kind: 'tensor', dtype, dims: known.map((d, i) => (i === a ? undefined : d)) }];
    }
    const dims = concatDims(shapes, axis);
    return [{ kind: 'tensor', dtype, dims, dimsValue: concatElements(inputs, shapes) }];
  },
  reference: ({ inputs, attrs, version }) => {
    const xs = inputs as Tensor[];
    const dims = concatDims(xs.map((x) => x.dims), axisOf(attrs, version)) as number[];
    const a = normalizeAxis(axisOf(attrs, version), dims.length);
    const type = xs[0].type;
    const per = entriesPerElement(type);
    let outer = 1;
    for (let i = 0; i < a; i++) outer *= dims[i];
    let innerPerUnit = per;
    for (let i = a + 1; i < dims.length; i++) innerPerUnit *= dims[i];
    const out = allocate(type, dims.reduce((p, q) => p * q, 1));
    const rowLen = dims[a] * innerPerUnit;
    // Each input contributes one contiguous block per outer index, placed side by side in the row.
    let col = 0;
    for (const x of xs) {
      const block = x.dims[a] * innerPerUnit;
      const src = x.data;
      if (Array.isArray(out)) {
        for (let o = 0; o < outer; o++) for (let j = 0; j < block; j++) out[o * rowLen + col + j] = (src as string[])[o * block + j];
      } else {
        const s = src as TypedArray;
        for (let o = 0; o < outer; o++) out.set(s.subarray(o * block, (o + 1) * block) as never, o * rowLen + col);
      }
      col += block;
    }
    return [new Tensor(type, out, dims)];
  },
});

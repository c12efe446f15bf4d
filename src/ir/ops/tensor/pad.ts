/**
 * Pad: grow (or, with negative pads, crop) each axis, filling with a constant or with data
 * reflected, repeated from the edge, or wrapped around.
 * https://onnx.ai/onnx/operators/onnx__Pad.html
 */
import { ShapeError } from '../../errors.js';
import type { Dim } from '../../model.js';
import { readNumbers, type Tensor } from '../../tensor.js';
import { normalizeAxes } from '../common/axes.js';
import { ALL_TENSOR_TYPES } from '../common/types.js';
import { defineOp, type InferInput } from '../spec.js';
import { elementStrides, encodeScalar, fmtDims, gatherAxes, OUTSIDE, type StorageValue } from './layout.js';

export type PadMode = 'constant' | 'reflect' | 'edge' | 'wrap';

/** Begin and end pad per axis of a rank-`rank` tensor, from `pads` ([begins…, ends…] over `axes`). */
export function padsPerAxis(rank: number, pads: readonly number[], axes?: readonly number[]): { begin: number[]; end: number[] } {
  const ax = axes ? normalizeAxes(axes, rank, 'Pad axes') : Array.from({ length: rank }, (_, i) => i);
  if (pads.length !== 2 * ax.length) throw new ShapeError(`pads [${pads.join(',')}] need 2 entries for each of ${ax.length} axes`);
  const begin = new Array<number>(rank).fill(0);
  const end = new Array<number>(rank).fill(0);
  ax.forEach((a, i) => { begin[a] = pads[i]; end[a] = pads[i + ax.length]; });
  return { begin, end };
}

/** Padded dims: static dims grow by their pads; a symbolic dim survives only zero pads. */
export function paddedDims(dims: readonly Dim[], begin: readonly number[], end: readonly number[]): Dim[] {
  return dims.map((d, i) => {
    const grow = begin[i] + end[i];
    if (typeof d !== 'number') return grow === 0 ? d : undefined;
    if (d + grow < 0) throw new ShapeError(`pads ${begin[i]}, ${end[i]} remove more than axis ${i} of ${fmtDims(dims)} holds`);
    return d + grow;
  });
}

/**
 * Source coordinate for each output coordinate of one axis (times `stride`), or OUTSIDE. Negative
 * pads crop first; the mode then extends what is left, which is how numpy.pad composes with slicing.
 */
export function padAxis(dim: number, begin: number, end: number, mode: PadMode, stride: number): Int32Array {
  const lo = Math.max(0, -begin);
  const kept = dim - lo - Math.max(0, -end);
  const n = kept + Math.max(0, begin) + Math.max(0, end);
  if (kept <= 0 && n > 0 && mode !== 'constant') throw new ShapeError(`cannot ${mode}-pad an axis with no elements left`);
  const t = new Int32Array(Math.max(0, n));
  const period = 2 * (kept - 1);
  for (let o = 0; o < n; o++) {
    let r = o - Math.max(0, begin);
    if (r < 0 || r >= kept) {
      switch (mode) {
        case 'constant': t[o] = OUTSIDE; continue;
        case 'edge': r = r < 0 ? 0 : kept - 1; break;
        // Mirror about the first and last elements (not repeating them): period 2·(n-1).
        case 'reflect': r = kept === 1 ? 0 : ((r % period) + period) % period; if (r >= kept) r = period - r; break;
        case 'wrap': r = ((r % kept) + kept) % kept; break;
      }
    }
    t[o] = (lo + r) * stride;
  }
  return t;
}

/** Pads in force: `paddings` (opset 1) or `pads` attributes (2–10), inputs from 11 (with `axes` from 18). */
function padArgs(version: number, attrs: { paddings?: number[]; pads?: number[] }, padsIn: Tensor | undefined, axesIn: Tensor | undefined) {
  if (version < 2) return { pads: attrs.paddings };
  if (version < 11) return { pads: attrs.pads };
  return { pads: padsIn && readNumbers(padsIn), axes: axesIn && readNumbers(axesIn) };
}

const MODES: readonly string[] = ['constant', 'reflect', 'edge', 'wrap'];

function checkMode(mode: string, version: number): PadMode {
  if (!MODES.includes(mode) || (mode === 'wrap' && version < 19)) throw new ShapeError(`Pad mode '${mode}' is not supported at this opset`);
  return mode as PadMode;
}

/** Pad: `data` padded by `pads` with `mode` (constant/reflect/edge, wrap from opset 19). */
export const Pad = defineOp({
  name: 'Pad',
  versions: [1, 2, 11, 13, 18, 19, 21, 23, 24, 25],
  doc: 'The input padded (or cropped, for negative pads) on each axis, filled with a constant or reflected/edge/wrapped data.',
  inputs: [
    { name: 'data', type: 'T' },
    { name: 'pads', type: 'int64', optional: true },
    { name: 'constant_value', type: 'T', optional: true },
    { name: 'axes', type: 'Tind', optional: true },
  ],
  outputs: [{ name: 'output', type: 'T' }],
  types: { T: ALL_TENSOR_TYPES, Tind: ['int32', 'int64'] },
  attributes: {
    mode: { type: 'string', default: 'constant' },
    paddings: { type: 'ints', until: 2, required: true },
    pads: { type: 'ints', since: 2, until: 11, required: true },
    value: { type: 'float', default: 0, until: 11 },
  },
  tolerance: 'exact',
  inferShape: ({ inputs: [data, padsIn, , axesIn], attrs, version }) => {
    checkMode(attrs.mode, version);
    if (!data?.dims) return [{ kind: 'tensor', dtype: data?.dtype }];
    const unknown = (x: InferInput | undefined) => x !== undefined && !x.value;
    if (version >= 11 && (unknown(padsIn) || unknown(axesIn))) return [{ kind: 'tensor', dtype: data.dtype, dims: data.dims.map(() => undefined) }];
    const { pads, axes } = padArgs(version, attrs, padsIn?.value, axesIn?.value);
    if (!pads) throw new ShapeError('Pad needs pads');
    const { begin, end } = padsPerAxis(data.dims.length, pads, axes);
    return [{ kind: 'tensor', dtype: data.dtype, dims: paddedDims(data.dims, begin, end) }];
  },
  reference: ({ inputs, attrs, version }) => {
    const data = inputs[0] as Tensor;
    const mode = checkMode(attrs.mode, version);
    const { pads, axes } = padArgs(version, attrs, inputs[1] as Tensor | undefined, inputs[3] as Tensor | undefined);
    if (!pads) throw new ShapeError('Pad needs pads');
    const { begin, end } = padsPerAxis(data.dims.length, pads, axes);
    const outDims = paddedDims(data.dims, begin, end) as number[];
    const strides = elementStrides(data.dims);
    const offsets = data.dims.map((d, a) => padAxis(d, begin[a], end[a], mode, strides[a]));
    // The fill is already in storage form: the constant_value input has data's dtype.
    const cv = inputs[2] as Tensor | undefined;
    let fill: StorageValue | undefined;
    if (version < 11) fill = encodeScalar(data.type, attrs.value);
    else if (cv && cv.size > 0) fill = cv.data[0] as StorageValue;
    return [gatherAxes(data, outDims, offsets, fill)];
  },
});

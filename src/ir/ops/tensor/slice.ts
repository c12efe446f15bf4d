/**
 * Slice: a strided sub-tensor, numpy-style.
 * https://onnx.ai/onnx/operators/onnx__Slice.html
 */
import { ShapeError } from '../../errors.js';
import type { Dim } from '../../model.js';
import { readNumbers, type Tensor } from '../../tensor.js';
import { normalizeAxes } from '../common/axes.js';
import { ALL_TENSOR_TYPES } from '../common/types.js';
import { defineOp, type InferInput, type Value } from '../spec.js';
import { elementStrides, gatherAxes } from './layout.js';

/** One sliced axis: `count` elements starting at `first`, `step` apart. */
export interface AxisSlice { first: number; count: number; step: number }

/** The spec's clamping rules for one axis of size `dim`. */
export function sliceAxis(dim: number, start: number, end: number, step: number): AxisSlice {
  if (step === 0) throw new ShapeError('Slice step cannot be 0');
  if (start < 0) start += dim;
  if (end < 0) end += dim;
  if (step > 0) {
    start = clamp(start, 0, dim);
    end = clamp(end, 0, dim);
  } else {
    start = clamp(start, 0, dim - 1);
    end = clamp(end, -1, dim - 1);
  }
  return { first: start, count: Math.max(0, Math.ceil((end - start) / step)), step };
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

/** Starts/ends/axes/steps as given (attributes before opset 10, inputs after); undefined where not known. */
interface SliceArgs { starts?: number[]; ends?: number[]; axes?: number[]; steps?: number[] }

/** Producers write INT_MAX/INT64_MAX for "to the end"; anything this large reaches past every real dim. */
const TO_THE_END = 2 ** 31 - 1;

/** Dims of the slice, keeping symbolic dims where the slice provably takes the whole axis. */
export function sliceDims(dims: readonly Dim[], args: SliceArgs): Dim[] {
  const { starts, ends } = args;
  const rank = dims.length;
  if (!starts || !ends) {
    // Values unknown: only the axes that are not sliced keep their dims.
    const axes = args.axes ? normalizeAxes(args.axes, rank, 'Slice axes') : undefined;
    return dims.map((d, i) => (axes && !axes.includes(i) ? d : undefined));
  }
  if (starts.length !== ends.length) throw new ShapeError(`Slice starts [${starts}] and ends [${ends}] differ in length`);
  const axes = normalizeAxes(args.axes ?? starts.map((_, i) => i), rank, 'Slice axes');
  const steps = args.steps ?? starts.map(() => 1);
  if (axes.length !== starts.length || steps.length !== starts.length) throw new ShapeError(`Slice axes [${axes}] / steps [${steps}] do not match starts [${starts}]`);
  const out = [...dims];
  axes.forEach((a, i) => {
    const d = dims[a];
    if (typeof d === 'number') out[a] = sliceAxis(d, starts[i], ends[i], steps[i]).count;
    else {
      const whole = (steps[i] === 1 && starts[i] === 0 && ends[i] >= TO_THE_END)
        || (steps[i] === -1 && (starts[i] === -1 || starts[i] >= TO_THE_END) && ends[i] <= -TO_THE_END);
      out[a] = whole ? d : undefined;
    }
  });
  return out;
}

/** A slice of a shape vector (Shape → Slice of some dims): its elements, symbolic ones kept. */
function sliceElements(data: readonly Dim[] | undefined, { starts, ends, axes, steps }: SliceArgs): Dim[] | undefined {
  // 1-D data: the one axis is 0 (or -1), and there is one start/end.
  if (!data || !starts || !ends || starts.length !== 1 || ends.length !== 1) return undefined;
  if (axes && (axes.length !== 1 || (axes[0] !== 0 && axes[0] !== -1))) return undefined;
  const { first, count, step } = sliceAxis(data.length, starts[0], ends[0], steps?.[0] ?? 1);
  return Array.from({ length: count }, (_, o) => data[first + o * step]);
}

/** Slice: `data[starts:ends:steps]` on the listed axes. */
export const Slice = defineOp({
  name: 'Slice',
  versions: [1, 10, 11, 13],
  doc: 'A sub-tensor: on each listed axis, elements from `starts` up to `ends` (exclusive), `steps` apart.',
  inputs: [
    { name: 'data', type: 'T' },
    { name: 'starts', type: 'Tind', optional: true },
    { name: 'ends', type: 'Tind', optional: true },
    { name: 'axes', type: 'Tind', optional: true },
    { name: 'steps', type: 'Tind', optional: true },
  ],
  outputs: [{ name: 'output', type: 'T' }],
  types: { T: ALL_TENSOR_TYPES, Tind: ['int32', 'int64'] },
  attributes: {
    starts: { type: 'ints', until: 10 },
    ends: { type: 'ints', until: 10 },
    axes: { type: 'ints', until: 10 },
  },
  tolerance: 'exact',
  inferShape: ({ inputs, attrs, version }) => {
    const [data] = inputs;
    if (!data?.dims) return [{ kind: 'tensor', dtype: data?.dtype }];
    if (version < 10) return [{ kind: 'tensor', dtype: data.dtype, dims: sliceDims(data.dims, attrs), dimsValue: sliceElements(data.dimsValue, attrs) }];
    const known = (x: InferInput | undefined) => (x?.value ? readNumbers(x.value) : undefined);
    const [, starts, ends, axes, steps] = inputs;
    const args: SliceArgs = { starts: known(starts), ends: known(ends), axes: known(axes), steps: known(steps) };
    if (args.starts && args.ends && (!axes || args.axes) && (!steps || args.steps)) {
      const dims = sliceDims(data.dims, args);
      return [{ kind: 'tensor', dtype: data.dtype, dims, dimsValue: sliceElements(data.dimsValue, args) }];
    }
    // Values unknown: the sliced axes are still known when `axes` is, or (without `axes`) they
    // are the first len(starts) ones.
    const n = starts?.dims?.[0];
    const sliced = axes ? args.axes : typeof n === 'number' ? Array.from({ length: n }, (_, i) => i) : undefined;
    return [{ kind: 'tensor', dtype: data.dtype, dims: sliceDims(data.dims, { axes: sliced }) }];
  },
  reference: ({ inputs, attrs, version }) => {
    const data = inputs[0] as Tensor;
    const per = axisSlices(inputs, attrs, version);
    const strides = elementStrides(data.dims);
    const offsets = per.map(({ first, count, step }, a) => {
      const t = new Int32Array(count);
      for (let o = 0; o < count; o++) t[o] = (first + o * step) * strides[a];
      return t;
    });
    return [gatherAxes(data, per.map((p) => p.count), offsets)];
  },
});

/**
 * What a Slice node takes on every axis of its data (the whole axis where it is not listed), from
 * the attributes before opset 10 and the inputs from 10 on. Also used by the cpu provider's kernel.
 */
export function axisSlices(inputs: readonly (Value | undefined)[], attrs: SliceArgs, version: number): AxisSlice[] {
  const data = inputs[0] as Tensor;
  const num = (i: number) => (inputs[i] ? readNumbers(inputs[i] as Tensor) : undefined);
  const args: SliceArgs = version < 10 ? attrs : { starts: num(1), ends: num(2), axes: num(3), steps: num(4) };
  const { starts, ends } = args;
  if (!starts || !ends) throw new ShapeError('Slice needs starts and ends');
  const axes = normalizeAxes(args.axes ?? starts.map((_, i) => i), data.dims.length, 'Slice axes');
  const per: AxisSlice[] = data.dims.map((d) => ({ first: 0, count: d, step: 1 }));
  axes.forEach((a, i) => { per[a] = sliceAxis(data.dims[a], starts[i], ends[i], args.steps?.[i] ?? 1); });
  return per;
}

/**
 * Resize and its predecessor Upsample: resampling with nearest, (multi)linear or (multi)cubic
 * interpolation. Both interpolations are separable, so the tensor is resampled one axis at a time;
 * each axis gets a table of (input index, weight) taps per output index.
 * https://onnx.ai/onnx/operators/onnx__Resize.html
 * https://onnx.ai/onnx/operators/onnx__Upsample.html
 */
import { type DType, isBigInt } from '../../dtype.js';
import { ShapeError } from '../../errors.js';
import type { Dim } from '../../model.js';
import { readNumbers, readValues, Tensor } from '../../tensor.js';
import { normalizeAxes } from '../common/axes.js';
import { NUMERIC } from '../common/types.js';
import { defineOp, type InferInput, type InferResult, type Value } from '../spec.js';

const RESIZE_TYPES: readonly DType[] = [...NUMERIC, 'bool'];

/** Resize: samples X at transformed coordinates of the output grid, per `mode`. */
export const Resize = defineOp({
  name: 'Resize',
  versions: [10, 11, 13, 18, 19],
  doc: 'Resizes X to the sizes given (or implied by scales), interpolating with nearest, linear or cubic sampling.',
  inputs: [
    { name: 'X', type: 'T1' },
    // Opset 10 has only [X, scales]; the kernels read inputs by version.
    { name: 'roi', type: 'T2', optional: true },
    { name: 'scales', type: 'float32', optional: true },
    { name: 'sizes', type: 'int64', optional: true },
  ],
  outputs: [{ name: 'Y', type: 'T1' }],
  types: { T1: RESIZE_TYPES, T2: ['float32', 'float64', 'float16'] },
  attributes: {
    mode: { type: 'string', default: 'nearest' },
    coordinate_transformation_mode: { type: 'string', default: 'half_pixel', since: 11 },
    cubic_coeff_a: { type: 'float', default: -0.75, since: 11 },
    exclude_outside: { type: 'int', default: 0, since: 11 },
    extrapolation_value: { type: 'float', default: 0, since: 11 },
    nearest_mode: { type: 'string', default: 'round_prefer_floor', since: 11 },
    antialias: { type: 'int', default: 0, since: 18 },
    axes: { type: 'ints', since: 18 },
    keep_aspect_ratio_policy: { type: 'string', default: 'stretch', since: 18 },
  },
  inferShape: (ctx) => {
    const { inputs, version } = ctx;
    const [x] = inputs;
    const [scales, sizes] = version < 11 ? [inputs[1], undefined] : [inputs[2], inputs[3]];
    const attrs = legacyAwareAttrs(ctx.attrs, version);
    return inferResized(x, ctx.attrs.axes, (dims) => {
      if (!scales?.value?.size && !sizes?.value?.size) return undefined;
      const roi = version >= 11 && inputs[1]?.value ? readNumbers(inputs[1].value) : undefined;
      return resizePlan(dims, {
        scales: scales?.value ? readNumbers(scales.value) : undefined,
        sizes: sizes?.value ? readNumbers(sizes.value) : undefined,
        roi, ...attrs,
      }).out;
    }, (dims) => {
      // Partly symbolic X: plain sizes, and scales of 1 outside tf_crop_and_resize, fix dims anyway.
      const axes = ctx.attrs.axes ? normalizeAxes(ctx.attrs.axes, dims.length) : dims.map((_, i) => i);
      const out = [...dims];
      if (sizes?.value && sizes.value.size > 0 && !isAspectPolicy(attrs.keep_aspect_ratio_policy)) {
        const v = readNumbers(sizes.value);
        axes.forEach((a, i) => { out[a] = v[i]; });
        return out;
      }
      if (scales?.value && scales.value.size > 0) {
        const v = readNumbers(scales.value);
        const crop = attrs.coordinate_transformation_mode === 'tf_crop_and_resize';
        axes.forEach((a, i) => { out[a] = v[i] === 1 && !crop ? dims[a] : typeof dims[a] === 'number' && !crop ? Math.floor(dims[a] * v[i]) : undefined; });
        return out;
      }
      return undefined;
    });
  },
  reference: ({ inputs, attrs, version }) => {
    const x = inputs[0] as Tensor;
    return [resample(x, resizeCallPlan(x.dims, inputs, attrs, version))];
  },
});

/**
 * The sampling plan of one Resize call, from its inputs as the reference reads them (opset 10 has
 * only [X, scales]; roi, scales and sizes from 11). Providers that resample with their own loops
 * take their tables from here, so coordinates and weights are the reference's own.
 */
export function resizeCallPlan(dims: readonly number[], inputs: readonly (Value | null | undefined)[], attrs: ResizeAttrs, version: number): ResizePlan {
  const [scales, sizes, roi] = version < 11
    ? [inputs[1] as Tensor, undefined, undefined]
    : [inputs[2] as Tensor | null | undefined, inputs[3] as Tensor | null | undefined, inputs[1] as Tensor | null | undefined];
  return resizePlan(dims, {
    scales: scales ? readNumbers(scales) : undefined,
    sizes: sizes ? readNumbers(sizes) : undefined,
    roi: roi ? readNumbers(roi) : undefined,
    ...legacyAwareAttrs(attrs, version),
  });
}

/** Upsample (removed in opset 10 in favour of Resize): scales from attributes (1, 7) or an input (9). */
export const Upsample = defineOp({
  name: 'Upsample',
  versions: [1, 7, 9],
  removedIn: 10,
  doc: 'Upsamples X by per-axis scales with nearest or linear interpolation (asymmetric coordinates).',
  inputs: [{ name: 'X', type: 'T' }, { name: 'scales', type: 'float32', optional: true }],
  outputs: [{ name: 'Y', type: 'T' }],
  types: { T: RESIZE_TYPES },
  attributes: {
    mode: { type: 'string', default: 'nearest' },
    height_scale: { type: 'float', required: true, until: 7 },
    width_scale: { type: 'float', required: true, until: 7 },
    scales: { type: 'floats', required: true, since: 7, until: 9 },
  },
  inferShape: ({ inputs, attrs, version }) => {
    const [x, s] = inputs;
    return inferResized(x, undefined, (dims) => {
      const scales = upsampleScales(dims.length, attrs, version, s?.value);
      return scales && resizePlan(dims, { scales, ...UPSAMPLE_AS_RESIZE, mode: upsampleMode(attrs.mode) }).out;
    });
  },
  reference: ({ inputs, attrs, version }) => {
    const x = inputs[0] as Tensor;
    const scales = upsampleScales(x.dims.length, attrs, version, inputs[1] as Tensor | undefined)!;
    return [resample(x, resizePlan(x.dims, { scales, ...UPSAMPLE_AS_RESIZE, mode: upsampleMode(attrs.mode) }))];
  },
});

/** Upsample is Resize with asymmetric coordinates and floor rounding for nearest. */
const UPSAMPLE_AS_RESIZE = {
  coordinate_transformation_mode: 'asymmetric', nearest_mode: 'floor', cubic_coeff_a: -0.75,
  exclude_outside: 0, extrapolation_value: 0, antialias: 0, keep_aspect_ratio_policy: 'stretch',
} as const;

function upsampleMode(mode: string): string {
  return mode === 'bilinear' ? 'linear' : mode;
}

function upsampleScales(rank: number, attrs: { height_scale?: number; width_scale?: number; scales?: number[] }, version: number, input: Tensor | undefined): number[] | undefined {
  if (version < 7) {
    if (rank !== 4) throw new ShapeError(`Upsample-1 needs a 4-D input, got rank ${rank}`);
    return [1, 1, attrs.height_scale!, attrs.width_scale!];
  }
  if (version < 9) return attrs.scales;
  return input ? readNumbers(input) : undefined;
}

/** Opset-10 Resize behaves like Upsample: asymmetric coordinates, floor for nearest. */
function legacyAwareAttrs(attrs: ResizeAttrs, version: number): ResizeAttrs {
  return version < 11 ? { ...UPSAMPLE_AS_RESIZE, mode: attrs.mode } : attrs;
}

/**
 * Shared inferShape: `outDims` gives static output dims when X's dims are static and the scales or
 * sizes are known (else undefined); `partial` handles symbolic X dims; otherwise only axes that are
 * not resized keep their dims.
 */
function inferResized(x: InferInput | undefined, axes: number[] | undefined, outDims: (dims: number[]) => number[] | undefined,
  partial?: (dims: Dim[]) => Dim[] | undefined): InferResult {
  if (!x?.dims) return [{ kind: 'tensor', dtype: x?.dtype }];
  if (x.dims.every((d) => typeof d === 'number')) {
    const dims = outDims(x.dims as number[]);
    if (dims) return [{ kind: 'tensor', dtype: x.dtype, dims }];
  }
  const known = partial?.(x.dims);
  if (known) return [{ kind: 'tensor', dtype: x.dtype, dims: known }];
  const resized = axes ? new Set(normalizeAxes(axes, x.dims.length)) : undefined;
  const dims: Dim[] = x.dims.map((d, i) => (resized && !resized.has(i) ? d : undefined));
  return [{ kind: 'tensor', dtype: x.dtype, dims }];
}

/** Resize's attributes as the plan reads them (opset 10 gets Upsample's fixed behaviour). */
export interface ResizeAttrs {
  mode: string;
  coordinate_transformation_mode: string;
  cubic_coeff_a: number;
  exclude_outside: number;
  extrapolation_value: number;
  nearest_mode: string;
  /** These three arrived in opset 18. */
  antialias?: number;
  axes?: number[];
  keep_aspect_ratio_policy?: string;
}

/** Whether sizes keep the aspect ratio ('stretch', or no policy before opset 18, does not). */
function isAspectPolicy(policy: string | undefined): boolean {
  return policy === 'not_larger' || policy === 'not_smaller';
}

/** Everything needed to resample one axis. */
export interface AxisPlan {
  axis: number;
  inSize: number;
  outSize: number;
  /** Taps per output index. */
  taps: number;
  /** outSize * taps input indices and weights. */
  index: Int32Array;
  weight: Float64Array;
  /** 1 where the output index samples outside the input (tf_crop_and_resize): use the extrapolation value. */
  outside: Uint8Array;
}

/** Output dims, one AxisPlan per entry of `axes` (in that order), and the value of samples outside the roi. */
export interface ResizePlan {
  out: number[];
  axes: AxisPlan[];
  extrapolation: number;
}

/**
 * Output sizes and per-axis sampling tables. Scales and sizes refer to `axes` (all axes by
 * default); exactly one of them must be given (an empty tensor counts as absent).
 */
function resizePlan(inDims: readonly number[], o: ResizeAttrs & { scales?: number[]; sizes?: number[]; roi?: number[] }): ResizePlan {
  const rank = inDims.length;
  const axes = o.axes ? normalizeAxes(o.axes, rank) : inDims.map((_, i) => i);
  const scalesGiven = o.scales !== undefined && o.scales.length > 0;
  const sizesGiven = o.sizes !== undefined && o.sizes.length > 0;
  if (scalesGiven === sizesGiven) throw new ShapeError(`Resize needs exactly one of scales and sizes (got ${scalesGiven ? 'both' : 'neither'})`);
  const given = (scalesGiven ? o.scales : o.sizes)!;
  if (given.length !== axes.length) {
    throw new ShapeError(`Resize: ${scalesGiven ? 'scales' : 'sizes'} [${given.join(',')}] should have ${axes.length} entries for input [${inDims.join(',')}]`);
  }
  const ctm = o.coordinate_transformation_mode;
  const crop = ctm === 'tf_crop_and_resize';
  const roiStart = axes.map((_, i) => (crop && o.roi?.length ? o.roi[i] : 0));
  const roiEnd = axes.map((_, i) => (crop && o.roi?.length ? o.roi[i + axes.length] : 1));
  const out = [...inDims];
  const scale = axes.map(() => 1);
  if (scalesGiven) {
    axes.forEach((a, i) => {
      if (!(given[i] > 0)) throw new ShapeError(`Resize: scales must be positive, got [${given.join(',')}]`);
      scale[i] = given[i];
      out[a] = Math.floor(inDims[a] * (roiEnd[i] - roiStart[i]) * given[i]);
    });
  } else {
    checkSizes(inDims, axes, given, o.keep_aspect_ratio_policy);
    const policy = o.keep_aspect_ratio_policy;
    if (!isAspectPolicy(policy)) {
      axes.forEach((a, i) => { out[a] = given[i]; scale[i] = given[i] / inDims[a]; });
    } else {
      const ratios = axes.map((a, i) => given[i] / inDims[a]);
      const s = policy === 'not_larger' ? Math.min(...ratios) : Math.max(...ratios);
      // round_int rounds halfway cases up.
      axes.forEach((a, i) => { out[a] = Math.floor(s * inDims[a] + 0.5); scale[i] = s; });
    }
  }
  axes.forEach((a) => {
    // (A reversed roi gives a negative size; a huge scale an unallocatable one.)
    if (!(out[a] >= 0 && Number.isSafeInteger(out[a]))) {
      throw new ShapeError(`Resize: axis ${a} of input [${inDims.join(',')}] would get size ${out[a]}`);
    }
    // Every output index samples some input index (or, cropping, the roi around them): an empty axis has none.
    if (inDims[a] === 0 && out[a] > 0) {
      throw new ShapeError(`Resize: axis ${a} of input [${inDims.join(',')}] is empty and cannot be resized to ${out[a]}`);
    }
  });
  const plans = axes.map((a, i) => axisPlan(a, inDims[a], out[a], scale[i], roiStart[i], roiEnd[i], ctm, o));
  return { out, axes: plans, extrapolation: o.extrapolation_value };
}

/**
 * Sizes must be whole and non-negative. Under keep_aspect_ratio_policy the common scale is
 * sizes[i] / input dim over the resized axes, which an empty input axis makes infinite or 0/0 (ONNX
 * leaves it undefined; the output sizes came out infinite), so that is refused too.
 */
function checkSizes(inDims: readonly number[], axes: readonly number[], sizes: readonly number[], policy: string | undefined): void {
  if (!sizes.every((v) => Number.isInteger(v) && v >= 0)) {
    throw new ShapeError(`Resize: sizes [${sizes.join(',')}] must be non-negative integers (input [${inDims.join(',')}])`);
  }
  if (isAspectPolicy(policy) && axes.some((a) => inDims[a] === 0)) {
    throw new ShapeError(`Resize: keep_aspect_ratio_policy '${policy}' needs non-empty resized axes, got input [${inDims.join(',')}] resized on axes [${axes.join(',')}]`);
  }
}

/** Maps output index `i` to a (fractional) input coordinate, per coordinate_transformation_mode. */
function sourceCoordinate(i: number, inSize: number, outSize: number, scale: number, roiStart: number, roiEnd: number, ctm: string): number {
  switch (ctm) {
    case 'half_pixel': return (i + 0.5) / scale - 0.5;
    case 'half_pixel_symmetric': {
      // Centres the sampled grid when the output size was rounded down from in*scale.
      const adjustment = outSize / (inSize * scale);
      const offset = (inSize / 2) * (1 - adjustment);
      return offset + (i + 0.5) / scale - 0.5;
    }
    case 'pytorch_half_pixel': return outSize > 1 ? (i + 0.5) / scale - 0.5 : 0;
    // The spec's length_resized is the unrounded in*scale (it matters when scales are given).
    case 'align_corners': return outSize === 1 ? 0 : (i * (inSize - 1)) / (inSize * scale - 1);
    case 'asymmetric': return i / scale;
    case 'tf_half_pixel_for_nn': return (i + 0.5) / scale;
    case 'tf_crop_and_resize':
      return outSize > 1
        ? roiStart * (inSize - 1) + (i * (roiEnd - roiStart) * (inSize - 1)) / (outSize - 1)
        : 0.5 * (roiStart + roiEnd) * (inSize - 1);
    default: throw new ShapeError(`Resize: unknown coordinate_transformation_mode '${ctm}'`);
  }
}

function nearestIndex(x: number, mode: string): number {
  switch (mode) {
    case 'round_prefer_floor': return x - Math.floor(x) === 0.5 ? Math.floor(x) : Math.round(x);
    case 'round_prefer_ceil': return Math.round(x);
    case 'floor': return Math.floor(x);
    case 'ceil': return Math.ceil(x);
    default: throw new ShapeError(`Resize: unknown nearest_mode '${mode}'`);
  }
}

/** Keys' cubic convolution kernel with parameter a. */
function cubicKernel(t: number, a: number): number {
  const x = Math.abs(t);
  if (x <= 1) return ((a + 2) * x - (a + 3)) * x * x + 1;
  if (x < 2) return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a;
  return 0;
}

/**
 * Sampling table of one axis. Linear and cubic filters are evaluated at (tap - fraction) * s, with
 * s = min(scale, 1) under antialias (the filter widens by 1/scale when downsampling) and 1
 * otherwise; weights are normalized to sum to 1. Taps outside the input are clamped to the edge,
 * or dropped (with renormalization) when exclude_outside is set.
 */
function axisPlan(axis: number, inSize: number, outSize: number, scale: number, roiStart: number, roiEnd: number,
  ctm: string, o: ResizeAttrs): AxisPlan {
  const mode = o.mode;
  if (mode !== 'nearest' && mode !== 'linear' && mode !== 'cubic') throw new ShapeError(`Resize: unknown mode '${mode}'`);
  const s = o.antialias && mode !== 'nearest' ? Math.min(scale, 1) : 1;
  const radius = mode === 'cubic' ? 2 : 1;
  const first = mode === 'nearest' ? 0 : Math.floor(-radius / s) + 1;
  const taps = mode === 'nearest' ? 1 : 2 - 2 * first;
  const index = new Int32Array(outSize * taps);
  const weight = new Float64Array(outSize * taps);
  const outside = new Uint8Array(outSize);
  for (let i = 0; i < outSize; i++) {
    const x = sourceCoordinate(i, inSize, outSize, scale, roiStart, roiEnd, ctm);
    if (ctm === 'tf_crop_and_resize' && (x < 0 || x > inSize - 1)) { outside[i] = 1; continue; }
    const base = i * taps;
    if (mode === 'nearest') {
      index[base] = clamp(nearestIndex(x, o.nearest_mode), inSize);
      weight[base] = 1;
      continue;
    }
    const x0 = Math.floor(x), frac = x - x0;
    let sum = 0;
    for (let t = 0; t < taps; t++) {
      const tap = first + t;
      let w = mode === 'cubic' ? cubicKernel((tap - frac) * s, o.cubic_coeff_a) : Math.max(0, 1 - Math.abs((tap - frac) * s));
      const src = x0 + tap;
      if (o.exclude_outside && (src < 0 || src >= inSize)) w = 0;
      index[base + t] = clamp(src, inSize);
      weight[base + t] = w;
      sum += w;
    }
    if (sum !== 0) for (let t = 0; t < taps; t++) weight[base + t] /= sum;
  }
  return { axis, inSize, outSize, taps, index, weight, outside };
}

function clamp(i: number, size: number): number {
  return i < 0 ? 0 : i >= size ? size - 1 : i;
}

/** Applies the per-axis tables one axis at a time: [outer, in, inner] -> [outer, out, inner]. */
function resample(x: Tensor, plan: ResizePlan): Tensor {
  let values: ArrayLike<number> = isBigInt(x.type) ? Float64Array.from(x.data as BigInt64Array, Number) : readValues(x);
  let resampled = false;
  const dims = [...x.dims];
  for (const p of plan.axes) {
    if (isIdentity(p)) continue;
    const outer = dims.slice(0, p.axis).reduce((q, r) => q * r, 1);
    const inner = dims.slice(p.axis + 1).reduce((q, r) => q * r, 1);
    const next = new Float64Array(outer * p.outSize * inner);
    for (let o = 0; o < outer; o++) {
      const srcBase = o * p.inSize * inner;
      for (let i = 0; i < p.outSize; i++) {
        const dst = (o * p.outSize + i) * inner;
        if (p.outside[i]) { next.fill(plan.extrapolation, dst, dst + inner); continue; }
        for (let t = 0; t < p.taps; t++) {
          const w = p.weight[i * p.taps + t];
          if (w === 0) continue;
          const src = srcBase + p.index[i * p.taps + t] * inner;
          for (let j = 0; j < inner; j++) next[dst + j] += w * values[src + j];
        }
      }
    }
    values = next;
    resampled = true;
    dims[p.axis] = p.outSize;
  }
  return Tensor.fromValues(x.type, dims, isIntegral(x.type) && resampled ? Float64Array.from(values, Math.round) : values);
}

/** Whether axis `p` samples every input index at itself with weight 1: resample leaves it untouched. */
export function isIdentity(p: AxisPlan): boolean {
  if (p.inSize !== p.outSize) return false;
  for (let i = 0; i < p.outSize; i++) {
    if (p.outside[i]) return false;
    for (let t = 0; t < p.taps; t++) {
      const w = p.weight[i * p.taps + t];
      if (w !== 0 && (w !== 1 || p.index[i * p.taps + t] !== i)) return false;
    }
  }
  return true;
}

/** Integer outputs of linear/cubic sampling round to nearest rather than truncate. */
function isIntegral(t: DType): boolean {
  return t !== 'float32' && t !== 'float64' && t !== 'float16' && t !== 'bfloat16';
}

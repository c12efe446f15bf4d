/**
 * Helpers shared by the quantization specs: how scales and zero points line up with the data
 * (per tensor, per axis, blocked), round-half-to-even, saturation, and the float precision in
 * which QuantizeLinear divides.
 */
import { type DType, INT_RANGE, isFloat } from '../../dtype.js';
import { ShapeError } from '../../errors.js';
import { bfloat16ToFloat, floatToBfloat16, floatToHalf, halfToFloat } from '../../float-formats.js';
import type { Dim } from '../../model.js';
import { Tensor } from '../../tensor.js';
import { normalizeAxis } from '../common/axes.js';

/** Rounds to the nearest integer, ties to even (numpy's rint), as every ONNX quantizer requires. */
export function roundHalfEven(v: number): number {
  const f = Math.floor(v);
  const d = v - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/**
 * A function that rounds a number to the precision of `dtype`, so arithmetic done in float64 can
 * mimic float32/float16/bfloat16 arithmetic (one correctly rounded result per operation).
 */
export function precisionOf(dtype: DType): (v: number) => number {
  switch (dtype) {
    case 'float32': return Math.fround;
    case 'float16': return (v) => halfToFloat(floatToHalf(v));
    case 'bfloat16': return (v) => bfloat16ToFloat(floatToBfloat16(v));
    case 'float64': case 'int32': return (v) => v;
    // Scales stored as powers of two (float8e8m0) divide exactly in float32.
    default: return Math.fround;
  }
}

/** How a scale/zero-point tensor maps onto the data: one value, one per slice of `axis`, or blocks. */
export interface QuantLayout {
  /** undefined: per tensor (a single parameter). */
  axis?: number;
  /** Block size along `axis` (blocked quantization); 0 for per-axis. */
  block: number;
}

/**
 * Checks the scale shape against the data shape and says which granularity it means: a single
 * element is per tensor; with block_size > 0 the scale has the data's rank with ceil(D/B) along
 * `axis`; otherwise it is 1-D with the length of `axis`.
 */
export function quantLayout(xDims: readonly Dim[], scaleDims: readonly Dim[], axisAttr: number | undefined, blockSize: number | undefined, what = 'scale'): QuantLayout {
  const scaleSize = scaleDims.reduce<number | undefined>((p, d) => (typeof d === 'number' && p !== undefined ? p * d : undefined), 1);
  if (scaleSize === 1) return { block: 0 };
  const rank = xDims.length;
  // Opset 10 has no `axis`: only per-tensor parameters exist there.
  if (axisAttr === undefined) throw new ShapeError(`${what} [${scaleDims.join(',')}] must be a single value before opset 13 (data [${xDims.join(',')}])`);
  const axis = normalizeAxis(axisAttr, rank);
  const d = xDims[axis];
  const shapes = `data [${xDims.join(',')}] and ${what} [${scaleDims.join(',')}]`;
  if (blockSize && blockSize > 0) {
    if (scaleDims.length !== rank) throw new ShapeError(`blocked quantization needs ${what} of the data's rank: ${shapes}`);
    for (let i = 0; i < rank; i++) {
      const s = scaleDims[i], x = xDims[i];
      if (typeof s !== 'number' || typeof x !== 'number') continue;
      const want = i === axis ? Math.ceil(x / blockSize) : x;
      if (s !== want) throw new ShapeError(`block_size ${blockSize} on axis ${axis} does not fit ${shapes}`);
    }
    return { axis, block: blockSize };
  }
  if (scaleDims.length !== 1) throw new ShapeError(`per-axis quantization needs a 1-D ${what}: ${shapes}`);
  if (typeof d === 'number' && typeof scaleDims[0] === 'number' && d !== scaleDims[0]) {
    throw new ShapeError(`${what} length ${scaleDims[0]} does not match axis ${axis} of ${shapes}`);
  }
  return { axis, block: 0 };
}

/** For each data element (row-major), the index of its scale/zero point; undefined for per tensor. */
export function paramIndex(xDims: readonly number[], scaleDims: readonly number[], layout: QuantLayout): Int32Array | undefined {
  if (layout.axis === undefined) return undefined;
  const axis = layout.axis;
  const d = xDims[axis];
  let inner = 1;
  for (let i = axis + 1; i < xDims.length; i++) inner *= xDims[i];
  let outer = 1;
  for (let i = 0; i < axis; i++) outer *= xDims[i];
  const out = new Int32Array(outer * d * inner);
  const sAxis = layout.block ? scaleDims[axis] : d;
  let k = 0;
  for (let o = 0; o < outer; o++) {
    for (let a = 0; a < d; a++) {
      const s = layout.block ? Math.floor(a / layout.block) : a;
      // Per-axis params are 1-D (no outer/inner part); blocked ones keep the data's other dims.
      const base = layout.block ? (o * sAxis + s) * inner : s;
      for (let r = 0; r < inner; r++) out[k++] = layout.block ? base + r : base;
    }
  }
  return out;
}

/**
 * Stores real-valued quantized levels `q` (already divided by the scale, zero point added) as
 * `outType`: integers round half to even and saturate to the type's range; float8/float4 targets
 * round to nearest even, with `saturate` choosing max or Inf/NaN for overflow.
 */
export function storeQuantized(q: Float64Array, outType: DType, dims: readonly number[], saturate = true): Tensor {
  if (isFloat(outType)) return Tensor.fromValues(outType, dims, q, { saturate });
  const range = INT_RANGE[outType];
  if (!range) throw new ShapeError(`cannot quantize to ${outType}`);
  const [lo, hi] = range;
  const out = new Float64Array(q.length);
  for (let i = 0; i < q.length; i++) {
    const r = roundHalfEven(q[i]);
    out[i] = r < lo ? lo : r > hi ? hi : r;
  }
  return Tensor.fromValues(outType, dims, out);
}

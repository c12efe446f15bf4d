/**
 * Shared pieces of the random ops: the `dtype` attribute (an ONNX data-type number) and sampling
 * from the uniform stream that `ctx.random` provides.
 */
import { type DType, dtypeFromOnnx } from '../../dtype.js';
import { AttributeError } from '../../errors.js';
import { FLOATS, NUMERIC } from '../common/types.js';

/** The output types every random generator allows. */
export const RANDOM_FLOATS = FLOATS;

/** The *Like ops' input types: any tensor (only its shape, and maybe its type, is used). */
export const ALL_LIKE_INPUTS: readonly DType[] = [...NUMERIC, 'string', 'bool', 'complex64', 'complex128'];

/**
 * The output dtype: the `dtype` attribute when set, else `fallback` (the input's type for the
 * *Like ops); it must be one of `allowed`.
 */
export function outputDType(dtypeAttr: number | undefined, fallback: DType | undefined, allowed: readonly DType[], op: string): DType | undefined {
  const dtype = dtypeAttr === undefined ? fallback : dtypeFromOnnx(dtypeAttr);
  if (dtypeAttr !== undefined && dtype === undefined) throw new AttributeError(`${op}: dtype ${dtypeAttr} is not an ONNX data type`);
  if (dtype !== undefined && !allowed.includes(dtype)) throw new AttributeError(`${op}: output type ${dtype} is not one of ${allowed.join(', ')}`);
  return dtype;
}

/** `n` draws from U[low, high). */
export function uniformSamples(next: () => number, n: number, low: number, high: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = low + (high - low) * next();
  return out;
}

/** `n` draws from N(mean, scale²) by the Box–Muller transform, which yields two per pair of uniforms. */
export function normalSamples(next: () => number, n: number, mean: number, scale: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i += 2) {
    // 1 - u lies in (0, 1], so the log is finite.
    const r = Math.sqrt(-2 * Math.log(1 - next()));
    const theta = 2 * Math.PI * next();
    out[i] = mean + scale * r * Math.cos(theta);
    if (i + 1 < n) out[i + 1] = mean + scale * r * Math.sin(theta);
  }
  return out;
}

/**
 * Add/Sub/Mul/Div (same shape, scalar, or a trailing-axis row repeated) and Relu/Clip on the
 * generated elementwise module. Other broadcasts go to the spec's reference kernel.
 */
import { broadcastShapes } from '../../ir/ops/common/broadcast.js';
import type { Value } from '../../ir/ops/spec.js';
import type { Tensor } from '../../ir/tensor.js';
import type { KernelContext } from '../kernel.js';
import { f32Tensor, reference, sizeOfDims } from './common.js';
import { wasmOutput } from './output.js';
import { currentRuntime } from './runtime.js';

type Attrs = Readonly<Record<string, unknown>>;

/** numeric_limits<float>::max(). */
export const FLT_MAX = 3.4028234663852886e38;
type BinOp = 'add' | 'sub' | 'mul' | 'div';

/** How b repeats over a: 0 same shape, 1 scalar, 2 trailing row; undefined when neither. */
function bMode(a: readonly number[], b: readonly number[], bSize: number, aSize: number): 0 | 1 | 2 | undefined {
  if (bSize === aSize && sizeOfDims(broadcastShapes(a, b)) === aSize && stripOnes(a).join() === stripOnes(b).join()) return 0;
  if (bSize === 1) return 1;
  const bs = stripOnes(b);
  if (bs.length <= a.length && a.slice(a.length - bs.length).join() === bs.join()) return 2;
  return undefined;
}

function stripOnes(d: readonly number[]): number[] {
  let i = 0;
  while (i < d.length && d[i] === 1) i++;
  return d.slice(i);
}

/** A binary elementwise kernel for `op`. */
export function binaryKernel(op: BinOp, commutative: boolean) {
  return (ctx: KernelContext, inputs: readonly (Value | undefined)[], attrs: Attrs): Value[] | Promise<Value[]> => {
    let a = inputs[0] as Tensor, b = inputs[1] as Tensor;
    if (a.type !== 'float32' || b.type !== 'float32') return reference(ctx, inputs, attrs);
    if (commutative && b.size > a.size) [a, b] = [b, a];
    const mode = a.size > 0 ? bMode(a.dims, b.dims, b.size, a.size) : undefined;
    if (mode === undefined || b.size > a.size) return reference(ctx, inputs, attrs);
    const outDims = broadcastShapes(a.dims, b.dims);
    const rt = currentRuntime();
    return rt.kernelCall(ctx, () => {
      const ap = rt.copyIn(a.data as Float32Array), bp = rt.copyIn(b.data as Float32Array), out = wasmOutput(ctx, rt, a.size);
      const inner = mode === 2 ? b.size : a.size;
      rt.ew[op](ap, bp, out.ptr, a.size / inner, inner, mode);
      return [f32Tensor(outDims, out.take())];
    });
  };
}

/** Relu. */
export function runRelu(ctx: KernelContext, inputs: readonly (Value | undefined)[], attrs: Attrs): Value[] | Promise<Value[]> {
  const x = inputs[0] as Tensor;
  if (x.type !== 'float32') return reference(ctx, inputs, attrs);
  const rt = currentRuntime();
  return rt.kernelCall(ctx, () => {
    const xp = rt.copyIn(x.data as Float32Array), out = wasmOutput(ctx, rt, x.size);
    rt.ew.relu(xp, out.ptr, x.size);
    return [f32Tensor(x.dims, out.take())];
  });
}

/** Clip: bounds from the optional inputs (opset 11+) or the attributes (before). */
export function runClip(ctx: KernelContext, inputs: readonly (Value | undefined)[], attrs: Attrs): Value[] | Promise<Value[]> {
  const x = inputs[0] as Tensor;
  if (x.type !== 'float32') return reference(ctx, inputs, attrs);
  const loT = inputs[1] as Tensor | null | undefined, hiT = inputs[2] as Tensor | null | undefined;
  // Absent bounds are float32's numeric_limits lowest()/max(), as in the spec (they clamp ±Inf).
  let lo = ctx.version < 11 ? (attrs.min as number) : -FLT_MAX;
  let hi = ctx.version < 11 ? (attrs.max as number) : FLT_MAX;
  if (loT) lo = (loT.data as Float32Array)[0];
  if (hiT) hi = (hiT.data as Float32Array)[0];
  // min > max: every element becomes max (the spec's rule); min(max(x, lo), hi) already gives that.
  const rt = currentRuntime();
  return rt.kernelCall(ctx, () => {
    const xp = rt.copyIn(x.data as Float32Array), out = wasmOutput(ctx, rt, x.size);
    rt.ew.clip(xp, out.ptr, x.size, lo, hi);
    return [f32Tensor(x.dims, out.take())];
  });
}

/**
 * Gelu (exact erf form: com.onnx-ts Gelu, ai.onnx Gelu-20 with approximate='none') on the
 * generated gelu module, as the FusedMatMul epilogue uses it.
 */
export function runGelu(ctx: KernelContext, inputs: readonly (Value | undefined)[], attrs: Attrs): Value[] | Promise<Value[]> {
  const x = inputs[0] as Tensor;
  if (x.type !== 'float32' || (attrs.approximate !== undefined && attrs.approximate !== 'none')) return reference(ctx, inputs, attrs);
  const rt = currentRuntime();
  return rt.kernelCall(ctx, () => {
    const xp = rt.copyIn(x.data as Float32Array), out = wasmOutput(ctx, rt, x.size);
    rt.gelu.gelu(xp, out.ptr, x.size);
    return [f32Tensor(x.dims, out.take())];
  });
}

/**
 * Resize in 'linear' mode (bilinear on the last two axes) on the generated resize module, split by
 * planes across threads. The sampling tables are the spec's own (../resize-taps.ts, shared with the
 * cpu kernel). Node-level cases it leaves to the next provider (`resizeSupports`): other modes,
 * tf_crop_and_resize (samples outside the roi take extrapolation_value) and antialias; shapes only
 * known at run time that the tables cannot express (outer axes resized) go to the reference.
 */
import type { Value } from '../../ir/ops/spec.js';
import type { Tensor } from '../../ir/tensor.js';
import type { KernelConfig, KernelContext } from '../kernel.js';
import { linear2dPlan } from '../resize-taps.js';
import { f32Tensor, reference } from './common.js';
import { wasmOutput } from './output.js';
import { currentRuntime } from './runtime.js';
import { splitChunk, THRESHOLDS } from './selection.js';
import { count, offset, perThread, splitCall, threadsFor } from './threads.js';

type Attrs = Readonly<Record<string, unknown>>;

export const resizeSupports: KernelConfig['supports'] = (_node, attrs) =>
  attrs.mode === 'linear' && attrs.coordinate_transformation_mode !== 'tf_crop_and_resize' && !attrs.antialias;

/** Bilinear Resize of float32 tensors (see the header). */
export function runResize(ctx: KernelContext, inputs: readonly (Value | undefined)[], attrs: Attrs): Value[] | Promise<Value[]> {
  const x = inputs[0] as Tensor;
  if (x.type !== 'float32' || x.size === 0) return reference(ctx, inputs, attrs);
  const plan = linear2dPlan(ctx, inputs, attrs);
  const [H, W] = x.dims.slice(-2);
  const OH = plan?.out[plan.out.length - 2] ?? 0, OW = plan?.out[plan.out.length - 1] ?? 0;
  // Every output sample inside the input (no roi cut), and something to write.
  if (!plan || plan.rows.lo !== 0 || plan.rows.hi !== OH || plan.cols.lo !== 0 || plan.cols.hi !== OW || OH * OW === 0) {
    return reference(ctx, inputs, attrs);
  }
  const planes = x.size / (H * W);
  const rt = currentRuntime();
  return rt.kernelCall(ctx, () => {
    const xp = rt.copyIn(x.data as Float32Array);
    const tables = rt.alloc((4 * OH + 4 * OW) * 4);
    const rows = tables, rowW = rows + 2 * OH * 4, cols = rowW + 2 * OH * 4, colW = cols + 2 * OW * 4;
    const threads = Math.min(planes, threadsFor(planes * OH * OW, THRESHOLDS.minResizeOutputsPerThread));
    const tBytes = ((W + 4) * 4 + 63) & ~63;
    const t = rt.alloc(tBytes * threads);
    const out = wasmOutput(ctx, rt, planes * OH * OW);
    // (Views after the allocations above: a memory that grew has a new buffer.)
    const i32 = new Int32Array(rt.f32.buffer), f32 = rt.f32;
    i32.set(plan.rows.index, rows >> 2);
    f32.set(plan.rows.weight, rowW >> 2);
    i32.set(plan.cols.index, cols >> 2);
    f32.set(plan.cols.weight, colW >> 2);
    splitCall('resize-f32-linear2d-wasmsimd:linear2d', planes, splitChunk(planes, threads), threads, [offset(xp, H * W * 4),
      offset(out.ptr, OH * OW * 4), count(1, planes), H, W, OH, OW, rows, rowW, cols, colW, perThread(t, tBytes)],
    rt.resize.linear2d as unknown as (...args: number[]) => void);
    return [f32Tensor(plan.out, out.take())];
  });
}

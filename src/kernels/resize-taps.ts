/**
 * The sampling tables of a bilinear Resize on the last two axes, shared by the cpu (linear2d) and
 * wasm (resize-f32-linear2d) kernels: made from the spec's own plan (resizeCallPlan in
 * src/ir/ops/nn/resize.ts), so coordinates and weights are the reference's.
 */
import { type AxisPlan, isIdentity, type ResizeAttrs, resizeCallPlan } from '../ir/ops/nn/resize.js';
import type { Value } from '../ir/ops/spec.js';
import type { Tensor } from '../ir/tensor.js';
import type { KernelContext } from './kernel.js';

type Attrs = Readonly<Record<string, unknown>>;

/**
 * One axis of the linear2d kernel: two (index, weight) taps per output index, the range [lo, hi) of
 * output indices inside the roi, and the zero added after each blend (+0 as in the reference's
 * 0 + w·x, −0 on an axis it leaves untouched).
 */
export interface LinearTaps { index: Int32Array; weight: Float64Array; lo: number; hi: number; zero: number }

/**
 * The linear2d kernel's taps for one of the last two axes, from the reference's own plan `p`
 * (undefined: an axis it leaves untouched). A tap the reference skips (weight 0) goes second and
 * reads `slot` (index W of the blended row, a zero both kernels keep there: −0 on cpu, for the sign
 * of zero; undefined for rows, whose kernel loops test the weight instead). Undefined where the
 * kernels cannot follow the reference: both weights 0 (linear
 * weights are 1 − f and f, f in [0, 1), so never), or samples outside the roi that are not a prefix
 * and a suffix (tf_crop_and_resize coordinates are monotonic in the output index, so never).
 */
function linearTaps(p: AxisPlan | undefined, size: number, slot: number | undefined): LinearTaps | undefined {
  if (!p) {
    const index = new Int32Array(2 * size), weight = new Float64Array(2 * size);
    for (let i = 0; i < size; i++) { index[2 * i] = i; index[2 * i + 1] = slot ?? i; weight[2 * i] = 1; }
    // The reference leaves the axis as it is; adding −0 keeps a −0 input.
    return { index, weight, lo: 0, hi: size, zero: -0 };
  }
  const n = p.outSize;
  const index = new Int32Array(2 * n), weight = new Float64Array(2 * n);
  let lo = 0, hi = n;
  while (lo < n && p.outside[lo]) lo++;
  while (hi > lo && p.outside[hi - 1]) hi--;
  for (let i = lo; i < hi; i++) {
    if (p.outside[i]) return undefined;
    let a = 2 * i, b = a + 1;
    if (p.weight[a] === 0) [a, b] = [b, a];
    if (p.weight[a] === 0) return undefined;
    index[2 * i] = p.index[a];
    weight[2 * i] = p.weight[a];
    index[2 * i + 1] = p.weight[b] === 0 ? slot ?? p.index[a] : p.index[b];
    weight[2 * i + 1] = p.weight[b];
  }
  return { index, weight, lo, hi, zero: 0 };
}

/**
 * A linear Resize the linear2d kernel can run: the reference's plan (resizeCallPlan, the spec's
 * coordinate transforms and weights) leaves every axis but the last two untouched and samples those
 * with two taps each (linear mode, where antialias only widens a downsampling filter, to more taps),
 * rows before columns as the reference's axis order does. Any coordinate mode qualifies, with
 * scales or sizes, up or down. Undefined for anything else (cubic, antialiased downsampling, outer
 * axes resized, `axes` listing the columns first).
 */
export function linear2dPlan(ctx: KernelContext, inputs: readonly (Value | undefined)[], attrs: Attrs) {
  const x = inputs[0] as Tensor;
  const rank = x.dims.length;
  if (rank < 2 || attrs.mode !== 'linear') return undefined;
  const plan = resizeCallPlan(x.dims, inputs, attrs as unknown as ResizeAttrs, ctx.version);
  let hp: AxisPlan | undefined, wp: AxisPlan | undefined;
  for (const p of plan.axes) {
    if (isIdentity(p)) continue;
    if (p.axis < rank - 2 || p.taps !== 2 || (p.axis === rank - 2 && wp)) return undefined;
    if (p.axis === rank - 2) hp = p; else wp = p;
  }
  const [H, W] = x.dims.slice(-2);
  const rows = linearTaps(hp, H, undefined), cols = linearTaps(wp, W, W);
  return rows && cols ? { out: plan.out, rows, cols, extrapolation: plan.extrapolation } : undefined;
}

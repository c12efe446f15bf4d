/** MaxPool (src/ir/ops/nn/pool.ts), 2-D, Y only, on the generated maxpool2d kernel. */
import { windowGeometry } from '../../ir/ops/common/conv-shapes.js';
import type { Value } from '../../ir/ops/spec.js';
import type { Tensor } from '../../ir/tensor.js';
import type { KernelConfig, KernelContext } from '../kernel.js';
import { f32Tensor, reference } from './common.js';
import { wasmOutput } from './output.js';
import { currentRuntime } from './runtime.js';
import { splitChunk, THRESHOLDS } from './selection.js';
import { count, offset, splitCall, threadsFor } from './threads.js';

/** Only the Y output (no Indices) and row-major storage. */
export const maxPoolSupports: KernelConfig['supports'] = (node, attrs) =>
  node.outputs.filter((o) => o).length === 1 && !attrs.storage_order;

export function runMaxPool(ctx: KernelContext, inputs: readonly (Value | undefined)[], attrs: Readonly<Record<string, unknown>>): Value[] | Promise<Value[]> {
  const x = inputs[0] as Tensor;
  if (x.type !== 'float32' || x.dims.length !== 4 || ctx.outputCount > 1) return reference(ctx, inputs, attrs);
  const [N, C, H, W] = x.dims;
  const geo = windowGeometry([H, W], attrs.kernel_shape as number[], attrs as never);
  const [OH, OW] = geo.out;
  const rt = currentRuntime();
  return rt.kernelCall(ctx, () => {
    const xp = rt.copyIn(x.data as Float32Array), out = wasmOutput(ctx, rt, N * C * OH * OW), y = out.ptr;
    // Split by planes (each plane's input and output move together).
    const planes = N * C, taps = planes * OH * OW * geo.kernel[0] * geo.kernel[1];
    const threads = Math.min(planes, threadsFor(taps, THRESHOLDS.minPoolTapsPerThread));
    const chunk = splitChunk(planes, threads);
    splitCall('maxpool-f32-2d-wasmsimd:maxpool2d', planes, chunk, threads, [offset(xp, H * W * 4), offset(y, OH * OW * 4), count(1, planes),
      H, W, geo.kernel[0], geo.kernel[1], geo.strides[0], geo.strides[1], geo.dilations[0], geo.dilations[1], geo.pads[0], geo.pads[1], OH, OW],
    rt.pool.maxpool2d as unknown as (...args: number[]) => void);
    return [f32Tensor([N, C, OH, OW], out.take())];
  });
}

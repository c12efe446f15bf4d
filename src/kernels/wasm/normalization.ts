/**
 * LayerNormalization (ai.onnx 17 and com.onnx-ts) and SkipLayerNormalization (com.onnx-ts) on the
 * generated layernorm module: rows of the normalized size, Scale and B one row each. Other shapes
 * (Scale/B broadcasting inside the row, rows not a multiple of 4 floats, the Mean/InvStdDev
 * outputs) go to the reference kernel.
 */
import { isRowParam } from '../../ir/ops/normalization/layer-normalization.js';
import type { Value } from '../../ir/ops/spec.js';
import { sameDims, type Tensor } from '../../ir/tensor.js';
import type { KernelContext } from '../kernel.js';
import { f32Tensor, isConstant, reference } from './common.js';
import { wasmOutput } from './output.js';
import { currentRuntime } from './runtime.js';

type Attrs = Readonly<Record<string, unknown>>;

/** Row length (the dims from `axis` on) when the kernel applies, else undefined. */
function rowLength(x: Tensor, gamma: Tensor, beta: Tensor | null | undefined, axis: number): number | undefined {
  const a = axis < 0 ? axis + x.dims.length : axis;
  if (a < 0 || a >= x.dims.length) return undefined;
  let cols = 1;
  for (let i = a; i < x.dims.length; i++) cols *= x.dims[i];
  // Scale/B must be one row each (a Scale [4,1] for X [4,4] has a row's element count but varies by row).
  if (cols === 0 || cols % 4 !== 0 || !isRowParam(gamma.dims, x.dims, a) || (beta && !isRowParam(beta.dims, x.dims, a))) return undefined;
  if (gamma.type !== 'float32' || (beta && beta.type !== 'float32')) return undefined;
  return cols;
}


/** LayerNormalization (Y only; the statistics outputs fall back). */
export function runLayerNorm(ctx: KernelContext, inputs: readonly (Value | undefined)[], attrs: Attrs): Value[] | Promise<Value[]> {
  return normalize(ctx, inputs, attrs, false);
}

/** SkipLayerNormalization: LayerNormalization(input + skip), and the sum as the optional second output. */
export function runSkipLayerNorm(ctx: KernelContext, inputs: readonly (Value | undefined)[], attrs: Attrs): Value[] | Promise<Value[]> {
  return normalize(ctx, inputs, attrs, true);
}

function normalize(ctx: KernelContext, inputs: readonly (Value | undefined)[], attrs: Attrs, withSkip: boolean): Value[] | Promise<Value[]> {
  const x = inputs[0] as Tensor;
  const skip = withSkip ? inputs[1] as Tensor : undefined;
  const gamma = inputs[withSkip ? 2 : 1] as Tensor, beta = inputs[withSkip ? 3 : 2] as Tensor | null | undefined;
  const cols = rowLength(x, gamma, beta, attrs.axis as number);
  const statistics = !withSkip && ctx.outputCount > 1 && ctx.node.outputs.some((o, i) => i > 0 && !!o);
  if (cols === undefined || statistics || x.type !== 'float32' || (skip && (skip.type !== 'float32' || !sameDims(skip.dims, x.dims)))) {
    return reference(ctx, inputs, attrs);
  }
  const wantSum = withSkip && ctx.outputCount > 1;
  const rt = currentRuntime();
  return rt.kernelCall(ctx, () => {
    const gOff = withSkip ? 2 : 1;
    const gPtr = rt.tensorPtr(gamma, isConstant(ctx, gOff, gamma));
    const bPtr = beta ? rt.tensorPtr(beta, isConstant(ctx, gOff + 1, beta)) : 0;
    const xPtr = rt.copyIn(x.data as Float32Array);
    const sPtr = skip ? rt.copyIn(skip.data as Float32Array) : 0;
    const y = wasmOutput(ctx, rt, x.size);
    const sum = wantSum ? wasmOutput(ctx, rt, x.size) : undefined;
    rt.ln.layernorm(xPtr, sPtr, gPtr, bPtr, y.ptr, sum ? sum.ptr : 0, x.size / cols, cols, attrs.epsilon as number);
    const yT = f32Tensor(x.dims, y.take());
    return sum ? [yT, f32Tensor(x.dims, sum.take())] : [yT];
  });
}

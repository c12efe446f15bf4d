/**
 * LSTM (src/ir/ops/recurrent/lstm.ts) with the default activations (Sigmoid, Tanh, Tanh), no
 * peepholes, no clip, no coupled input/forget gate, layout 0. The input projection X·Wᵀ + Wb + Rb
 * of every step and direction is one GEMM; then one call of the `lstm` module
 * (codegen/wasm/templates/recurrent.ts) per direction runs the whole recurrence: R·H(t-1) as a
 * SIMD matrix-vector product, the gates with SIMD sigmoid/tanh, Y written as it goes. The two
 * directions of a bidirectional LSTM run on two threads where the session has them. Gate order
 * is ONNX's i, o, f, c. W, R and B are packed once (resident) when they are initializers.
 *
 * Before (one GEMM per step plus the gate math in JS), lstm_bidi2_opset13 ran at 1.27 ms against
 * ORT-web's 0.62 ms (bench/run.ts, 1 thread, 09:10 UTC, loaded box).
 */
import type { Value } from '../../ir/ops/spec.js';
import type { Tensor } from '../../ir/tensor.js';
import type { KernelConfig, KernelContext } from '../kernel.js';
import { f32Tensor, reference } from './common.js';
import { defaultActivationsOnly, packedR, packedW, paddedHidden, paddedState, project, projectionBias, recurrentShape, stateOut } from './recurrent.js';
import { wasmOutput } from './output.js';
import { currentRuntime } from './runtime.js';
import { THRESHOLDS } from './selection.js';
import { offset, splitEach, start, threadsFor } from './threads.js';

const GATES = 4;
/** Resident keys (constant strings: per-call template keys cost ~1 % of lstm_bidi2 in a profile). */
const KEYS = { w: 'lstm:W', r: 'lstm:R', bias: 'lstm:B' } as const;
/** Rb joins Wb in the projection for every gate. */
const WITH_RB = [true, true, true, true];

/** Only the plain LSTM: default activations, no clip, no input_forget, layout 0, no peepholes. */
export const lstmSupports: KernelConfig['supports'] = (node, attrs) =>
  defaultActivationsOnly(attrs, ['Sigmoid', 'Tanh', 'Tanh']) && attrs.clip === undefined && !attrs.input_forget && !attrs.layout && !node.inputs[7];

export function runLstm(ctx: KernelContext, inputs: readonly (Value | undefined)[], attrs: Readonly<Record<string, unknown>>): Value[] | Promise<Value[]> {
  const shape = recurrentShape(inputs, GATES);
  if (!shape) return reference(ctx, inputs, attrs);
  const { seq, batch, I, H, dirs } = shape;
  const [x, w, r, b, , h0, c0] = inputs as (Tensor | null | undefined)[];
  const direction = attrs.direction as string;
  const Hp = paddedHidden(H), N = GATES * Hp;
  const rt = currentRuntime();
  return rt.kernelCall(ctx, () => {
    const pw = packedW(rt, ctx, w!, dirs, GATES, H, I, KEYS.w);
    const pr = packedR(rt, ctx, r!, dirs, GATES, H, 0, N, KEYS.r);
    const bias = projectionBias(rt, ctx, b, dirs, H, WITH_RB, KEYS.bias);
    const xw = project(rt, x!, pw, bias, seq * batch, I, dirs * N);
    const hs = paddedState(rt, h0, dirs * batch, H), cs = paddedState(rt, c0, dirs * batch, H);
    const out = wasmOutput(ctx, rt, seq * dirs * batch * H), y = out.ptr;
    // One call per direction, each direction on its own thread where there are two (directions
    // are independent: their own R, states and Y columns).
    const reverse = direction === 'bidirectional' ? start(1) : direction === 'reverse' ? 1 : 0;
    splitEach(`${rt.recurrentVariants.lstm}:lstm`, dirs, threadsFor(dirs * seq * batch * N * H, THRESHOLDS.minRecurrentMacsPerThread),
      [offset(xw, N * 4), dirs * N * 4, offset(pr, N * H * 4), offset(hs, batch * Hp * 4), offset(cs, batch * Hp * 4),
        offset(y, batch * H * 4), dirs * batch * H * 4, seq, batch, H, Hp, reverse], rt.lstm.lstm as unknown as (...args: number[]) => void);
    return [f32Tensor([seq, dirs, batch, H], out.take()),
      f32Tensor([dirs, batch, H], stateOut(ctx, rt, hs, dirs * batch, H)), f32Tensor([dirs, batch, H], stateOut(ctx, rt, cs, dirs * batch, H))];
  });
}

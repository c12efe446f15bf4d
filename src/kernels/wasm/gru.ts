/**
 * GRU (src/ir/ops/recurrent/gru.ts) with the default activations (Sigmoid, Tanh), no clip,
 * layout 0, either linear_before_reset. As the LSTM kernel (lstm.ts): one GEMM projects X for
 * every step and direction, then one call of the `gru` module (codegen/wasm/templates/recurrent.ts)
 * per direction runs the recurrence (a bidirectional GRU's two on two threads where the session
 * has them). Gate order is ONNX's z, r, h. Rb of z and r joins the projection's bias; Rb of h
 * does too when linear_before_reset = 0 (it is added outside the reset gate's product), and is
 * passed separately when it is 1 (h̃ = tanh(xh + r ⊙ (Rh·H + Rbh))).
 */
import type { Value } from '../../ir/ops/spec.js';
import type { Tensor } from '../../ir/tensor.js';
import type { KernelConfig, KernelContext } from '../kernel.js';
import { f32Tensor, reference } from './common.js';
import { defaultActivationsOnly, packedR, packedW, paddedHidden, paddedState, project, projectionBias, recurrentShape, stateOut } from './recurrent.js';
import { wasmOutput } from './output.js';
import { currentRuntime, type WasmRuntime } from './runtime.js';
import { THRESHOLDS } from './selection.js';
import { offset, perThread, splitEach, start, threadsFor } from './threads.js';

const GATES = 3;
/** Resident keys (constant strings, as in lstm.ts); the bias differs with linear_before_reset. */
const KEYS = { w: 'gru:W', rzr: 'gru:Rzr', rh: 'gru:Rh', bias: ['gru:B0', 'gru:B1'] } as const;
/** Gates whose Rb joins Wb in the projection, by linear_before_reset. */
const WITH_RB = [[true, true, true], [true, true, false]] as const;

/** Only the plain GRU: default activations, no clip, layout 0. */
export const gruSupports: KernelConfig['supports'] = (_node, attrs) =>
  defaultActivationsOnly(attrs, ['Sigmoid', 'Tanh']) && attrs.clip === undefined && !attrs.layout;

/** Rb of the h gate per direction, padded to Hp: [dirs, Hp] in scratch (zeros without B). */
function hiddenGateBias(rt: WasmRuntime, b: Tensor | null | undefined, dirs: number, H: number): number {
  const Hp = paddedHidden(H);
  const p = rt.alloc(dirs * Hp * 4);
  const f32 = rt.f32, base = p >> 2;
  f32.fill(0, base, base + dirs * Hp);
  if (b) {
    const bv = b.data as Float32Array;
    for (let d = 0; d < dirs; d++) f32.set(bv.subarray(d * 6 * H + 5 * H, d * 6 * H + 6 * H), base + d * Hp);
  }
  return p;
}

export function runGru(ctx: KernelContext, inputs: readonly (Value | undefined)[], attrs: Readonly<Record<string, unknown>>): Value[] | Promise<Value[]> {
  const shape = recurrentShape(inputs, GATES);
  if (!shape) return reference(ctx, inputs, attrs);
  const { seq, batch, I, H, dirs } = shape;
  const [x, w, r, b, , h0] = inputs as (Tensor | null | undefined)[];
  const direction = attrs.direction as string;
  const lbr = attrs.linear_before_reset ? 1 : 0;
  const Hp = paddedHidden(H), N = GATES * Hp;
  const rt = currentRuntime();
  return rt.kernelCall(ctx, () => {
    const pw = packedW(rt, ctx, w!, dirs, GATES, H, I, KEYS.w);
    const rzr = packedR(rt, ctx, r!, dirs, GATES, H, 0, 2 * Hp, KEYS.rzr), rh = packedR(rt, ctx, r!, dirs, GATES, H, 2 * Hp, Hp, KEYS.rh);
    const bias = projectionBias(rt, ctx, b, dirs, H, WITH_RB[lbr], KEYS.bias[lbr]);
    const xw = project(rt, x!, pw, bias, seq * batch, I, dirs * N);
    const rbh = hiddenGateBias(rt, lbr ? b : undefined, dirs, H);
    const hs = paddedState(rt, h0, dirs * batch, H);
    const threads = threadsFor(dirs * seq * batch * N * H, THRESHOLDS.minRecurrentMacsPerThread);
    const tmpBytes = (Hp * 4 + 63) & ~63, tmp = rt.alloc(tmpBytes * threads);
    const out = wasmOutput(ctx, rt, seq * dirs * batch * H), y = out.ptr;
    // One call per direction, each on its own thread where there are two (as in lstm.ts).
    const reverse = direction === 'bidirectional' ? start(1) : direction === 'reverse' ? 1 : 0;
    splitEach(`${rt.recurrentVariants.gru}:gru`, dirs, threads, [offset(xw, N * 4), dirs * N * 4, offset(rzr, 2 * Hp * H * 4), offset(rh, Hp * H * 4),
      offset(rbh, Hp * 4), offset(hs, batch * Hp * 4), perThread(tmp, tmpBytes), offset(y, batch * H * 4), dirs * batch * H * 4, seq, batch, H, Hp,
      reverse, lbr], rt.gru.gru as unknown as (...args: number[]) => void);
    return [f32Tensor([seq, dirs, batch, H], out.take()), f32Tensor([dirs, batch, H], stateOut(ctx, rt, hs, dirs * batch, H))];
  });
}

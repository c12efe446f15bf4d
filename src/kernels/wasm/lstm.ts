/**
 * LSTM (src/ir/ops/recurrent/lstm.ts) with the default activations (Sigmoid, Tanh, Tanh), no
 * peepholes, no clip, no coupled input/forget gate, layout 0. Per direction, the input projection
 * X·Wᵀ + Wb + Rb of every time step is one GEMM; each step then adds H(t-1)·Rᵀ with a second GEMM
 * (accumulating into that step's rows) and applies the gate math on the host over the
 * [batch, 4·hidden] result. Gate order is ONNX's i, o, f, c. W and R are packed once (resident).
 */
import type { Value } from '../../ir/ops/spec.js';
import type { Tensor } from '../../ir/tensor.js';
import type { KernelConfig, KernelContext } from '../kernel.js';
import { f32Tensor, isConstant, reference } from './common.js';
import { BIAS, packedABytes, packedBBytes, packedBStrides, runGemm } from './gemm.js';
import { currentRuntime, type WasmRuntime } from './runtime.js';

const DEFAULT_ACTS = ['Sigmoid', 'Tanh', 'Tanh'];

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/**
 * tanh through one exp of a non-positive argument (no overflow). In a CPU profile of this kernel
 * (lstm_bidi2's shapes) the host gate loop took 23 % of samples and the GEMMs 9 %; this form
 * instead of Math.tanh took a call from 1.09 to 0.73–0.85 ms of CPU time (07:03 UTC, loaded box).
 */
function tanh(x: number): number {
  const e = Math.exp(-2 * Math.abs(x));
  const r = (1 - e) / (1 + e);
  return x < 0 ? -r : r;
}

/** Only the plain LSTM: default activations, no clip, no input_forget, layout 0, no peepholes. */
export const lstmSupports: KernelConfig['supports'] = (node, attrs) => {
  const acts = attrs.activations as string[] | undefined;
  const actsOk = !acts || acts.every((a, i) => a.toLowerCase() === DEFAULT_ACTS[i % 3].toLowerCase());
  return actsOk && attrs.clip === undefined && !attrs.input_forget && !attrs.layout && !node.inputs[7];
};

function packedWeight(rt: WasmRuntime, ctx: KernelContext, index: number, t: Tensor, d: number, rows: number, cols: number): number {
  // B[k, j] = T[d][j][k]: the transpose of one direction's [4H, cols] block.
  const fill = (dst: number) => {
    const raw = rt.copyIn((t.data as Float32Array).subarray(d * rows * cols, (d + 1) * rows * cols));
    rt.gemm.packB(raw, 1, cols, cols, rows, dst);
  };
  const bytes = packedBBytes(rt, cols, rows);
  if (isConstant(ctx, index, t)) return rt.residentFor(t, `lstmT:${d}:${rt.gemmVariant}`, bytes, fill);
  const p = rt.alloc(bytes);
  fill(p);
  return p;
}

export function runLstm(ctx: KernelContext, inputs: readonly (Value | undefined)[], attrs: Readonly<Record<string, unknown>>): Value[] | Promise<Value[]> {
  const [x, w, r, b, seqLens, h0, c0] = inputs as (Tensor | null | undefined)[];
  if (!x || !w || !r || x.type !== 'float32' || x.dims.length !== 3) return reference(ctx, inputs, attrs);
  const [seq, batch, I] = x.dims;
  const dirs = w.dims[0], G = w.dims[1], H = G / 4;
  if (seqLens && Array.from(seqLens.data as Int32Array).some((v) => v !== seq)) return reference(ctx, inputs, attrs);
  if (seq === 0 || batch === 0) return reference(ctx, inputs, attrs);
  const direction = attrs.direction as string;
  const rt = currentRuntime();
  return rt.exclusive(async () => {
    try {
      const Y = new Float32Array(seq * dirs * batch * H);
      const Yh = new Float32Array(dirs * batch * H), Yc = new Float32Array(dirs * batch * H);
      // Resident operands first (they must precede this call's scratch).
      const pw: number[] = [], pr: number[] = [];
      for (let d = 0; d < dirs; d++) { pw.push(packedWeight(rt, ctx, 1, w, d, G, I)); pr.push(packedWeight(rt, ctx, 2, r, d, G, H)); }
      const xp = rt.copyIn(x.data as Float32Array);
      const bias = rt.alloc(G * 4);
      const gates = rt.alloc(seq * batch * G * 4);
      const hBuf = rt.alloc(batch * H * 4);
      const pa = rt.alloc(packedABytes(rt, Math.max(batch, seq * batch), Math.max(I, H)));
      const bData = b?.data as Float32Array | undefined;
      for (let d = 0; d < dirs; d++) {
        const reverse = direction === 'reverse' || (direction === 'bidirectional' && d === 1);
        const f32 = rt.f32;
        for (let j = 0; j < G; j++) f32[(bias >> 2) + j] = bData ? bData[d * 2 * G + j] + bData[d * 2 * G + G + j] : 0;
        // Input projection of all steps: [seq·batch, I] × Wᵀ + (Wb + Rb).
        rt.gemm.packA(xp, I, 1, seq * batch, I, pa, 1);
        const pending = runGemm(rt, { a: pa, b: pw[d], ...packedBStrides(rt, I), c: gates, ldc: G, M: seq * batch, N: G, K: I,
          bias, biasMode: BIAS.col, accumulate: 0, act: 0, lo: 0, hi: 0 });
        if (pending) await pending;
        const h = h0 ? (h0.data as Float32Array).slice(d * batch * H, (d + 1) * batch * H) : new Float32Array(batch * H);
        const c = c0 ? (c0.data as Float32Array).slice(d * batch * H, (d + 1) * batch * H) : new Float32Array(batch * H);
        for (let s = 0; s < seq; s++) {
          const t = reverse ? seq - 1 - s : s;
          const g0 = gates + t * batch * G * 4;
          rt.f32.set(h, hBuf >> 2);
          rt.gemm.packA(hBuf, H, 1, batch, H, pa, 1);
          const pending = runGemm(rt, { a: pa, b: pr[d], ...packedBStrides(rt, H), c: g0, ldc: G, M: batch, N: G, K: H,
            bias: 0, biasMode: BIAS.none, accumulate: 1, act: 0, lo: 0, hi: 0 });
          if (pending) await pending;
          const gv = rt.f32, base = g0 >> 2;
          for (let n = 0; n < batch; n++) {
            const row = base + n * G, sOff = n * H, yOff = ((t * dirs + d) * batch + n) * H;
            for (let k = 0; k < H; k++) {
              const i = sigmoid(gv[row + k]);
              const o = sigmoid(gv[row + H + k]);
              const f = sigmoid(gv[row + 2 * H + k]);
              const ct = f * c[sOff + k] + i * tanh(gv[row + 3 * H + k]);
              c[sOff + k] = ct;
              const ht = o * tanh(ct);
              h[sOff + k] = ht;
              Y[yOff + k] = ht;
            }
          }
        }
        Yh.set(h, d * batch * H);
        Yc.set(c, d * batch * H);
      }
      return [f32Tensor([seq, dirs, batch, H], Y), f32Tensor([dirs, batch, H], Yh), f32Tensor([dirs, batch, H], Yc)];
    } finally {
      rt.resetScratch();
    }
  });
}

/*
 * generated, do not edit: run `npm run codegen`
 * spec:     src/ir/ops/recurrent/lstm.ts, src/ir/ops/recurrent/recurrent.ts, src/ir/ops/recurrent/activations.ts
 * template: codegen/cpu/templates-recurrent.ts (recurrent)
 * variant:  lstm-f64-sequence-ts  { op: 'LSTM', template: 'recurrent', dtype: 'float64', tile: 'sequence' }
 */
import type { Activation } from '../../ir/ops/recurrent/activations.js';
import type { Panels } from './panels.js';
/** The activations by kind number, in the order of the cases of `activate` in src/ir/ops/recurrent/activations.ts. */
const KINDS: readonly string[] = ['relu', 'tanh', 'sigmoid', 'affine', 'leakyrelu', 'thresholdedrelu', 'scaledtanh', 'hardsigmoid', 'elu', 'softsign', 'softplus'];
/** The math of each activation, copied from the cases of `activate` in src/ir/ops/recurrent/activations.ts. */
function activation(kind: number, x: number, alpha: number, beta: number): number {
  switch (kind) {
    case 0: return Math.max(0, x); // relu
    case 1: return Math.tanh(x); // tanh
    case 2: return sigmoid(x); // sigmoid
    case 3: return alpha * x + beta; // affine
    case 4: return x >= 0 ? x : alpha * x; // leakyrelu
    case 5: return x >= alpha ? x : 0; // thresholdedrelu
    case 6: return alpha * Math.tanh(beta * x); // scaledtanh
    case 7: return Math.min(Math.max(alpha * x + beta, 0), 1); // hardsigmoid
    case 8: return x >= 0 ? x : alpha * Math.expm1(x); // elu
    case 9: return x / (1 + Math.abs(x)); // softsign
    case 10: return softplus(x); // softplus
  }
  return NaN;
}
/** `clip` as `activate` applies it before every activation (src/ir/ops/recurrent/activations.ts); Infinity clips nothing. */
const clamp = (x: number, clip: number): number => Math.min(Math.max(x, -clip), clip);
/** The default gate activations, inlined in the plain step loop (same math as `activation`). */
const sigmoidOf = (x: number): number => sigmoid(x);
const tanhOf = (x: number): number => Math.tanh(x);
function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}
function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}
/** A kind number for `KINDS`. */
const kindOf = (a: Activation): number => KINDS.indexOf(a.name);

/**
 * One direction of LSTM over the whole sequence, float64 Y.
 * `xw` holds the input projections (the glue's GEMM): the row of step t, batch row b starts at
 * `xwOff + t·xwStep + b·xwBatch`, its gates at multiples of H. `rp` is R of this direction packed per
 * gate as 4-row panels (gate g's ⌈H/4⌉ panels from g·Hp·H, Hp = H rounded up to 4). The state rows
 * (float64, [batch, H]) start at `stateOff` and are updated in place. Y of (t, b) is written at
 * `yOff + t·yStep + b·yBatch`. Row b runs `lens[b]` steps, backwards from its own last step when
 * `reverse`; Y past a row's length is not written.
 * `c` is the cell state (same rows as `h`), `p` this direction's peepholes [3H] or undefined;
 * `acts` the direction's f, g, h activations, `clip` the attribute (undefined for none), `inputForget` couples f to 1 − i.
 */
export function lstm_f64_sequence__ts(seq: number, batch: number, H: number, xw: Float64Array, xwOff: number, xwStep: number, xwBatch: number, rp: Panels, h: Float64Array, stateOff: number, y: Float64Array, yOff: number, yStep: number, yBatch: number, lens: Int32Array, reverse: boolean, c: Float64Array, p: Float64Array | undefined, acts: readonly Activation[], clip: number | undefined, inputForget: boolean): void {
  seq = seq | 0; batch = batch | 0; H = H | 0; xwOff = xwOff | 0; xwStep = xwStep | 0; xwBatch = xwBatch | 0; stateOff = stateOff | 0; yOff = yOff | 0; yStep = yStep | 0; yBatch = yBatch | 0; // int32 arguments (see codegen/cpu/templates.ts)
  // Gate g's pre-activations R·H(t-1) at g·Hp (the panels' padded rows land past H).
  const Hp = (H + 3) & ~3;
  // A JS array, as the panels (1.43 → 1.41 ms on lstm_bidi2, within the noise of five interleaved runs).
  const g = [0.5]; g.length = 4 * Hp; g.fill(0.5);
  if (acts[0].name === 'sigmoid' && acts[1].name === 'tanh' && acts[2].name === 'tanh' && clip === undefined && !p && !inputForget) {
    // The state rows again as a JS array, which the product reads (kept in step with h).
    const hs = [0.5]; hs.length = batch * H; hs.fill(0.5);
    for (let i = 0; i < batch * H; i++) hs[i] = h[stateOff + i];
    for (let s = 0; s < seq; s++) {
      for (let b = 0; b < batch; b++) {
        const len = lens[b];
        if (s >= len) continue;
        // Reverse runs from each row's own last valid step, as the spec's driver does.
        const t = reverse ? len - 1 - s : s;
        const x = xwOff + t * xwStep + b * xwBatch, st = stateOff + b * H, yo = yOff + t * yStep + b * yBatch;
        for (let q = 0, pr = 0, qEnd = Hp; q < qEnd; q += 2) {
          if (q + 1 === qEnd) {
            let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
            for (let k = 0; k < H; k++, pr = (pr + 4) | 0) {
              const hv = hs[(st - stateOff + k) | 0];
              a0 += rp[pr] * hv; a1 += rp[(pr + 1) | 0] * hv; a2 += rp[(pr + 2) | 0] * hv; a3 += rp[(pr + 3) | 0] * hv;
            }
            const r = 4 * q;
            g[r] = a0; g[r + 1] = a1; g[r + 2] = a2; g[r + 3] = a3;
            break;
          }
          let a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;
          const H4 = 4 * H;
          for (let k = 0; k < H; k++, pr = (pr + 4) | 0) {
            const hv = hs[(st - stateOff + k) | 0];
            a0 += rp[pr] * hv; a1 += rp[(pr + 1) | 0] * hv; a2 += rp[(pr + 2) | 0] * hv; a3 += rp[(pr + 3) | 0] * hv;
            a4 += rp[(pr + H4) | 0] * hv; a5 += rp[(pr + H4 + 1) | 0] * hv; a6 += rp[(pr + H4 + 2) | 0] * hv; a7 += rp[(pr + H4 + 3) | 0] * hv;
          }
          pr = (pr + H4) | 0;
          const r = 4 * q;
          g[r] = a0; g[r + 1] = a1; g[r + 2] = a2; g[r + 3] = a3; g[r + 4] = a4; g[r + 5] = a5; g[r + 6] = a6; g[r + 7] = a7;
        }
        for (let j = 0; j < H; j++) {
          const cNew = sigmoidOf(xw[x + 2 * H + j] + g[2 * Hp + j]) * c[st + j] + sigmoidOf(xw[x + j] + g[j]) * tanhOf(xw[x + 3 * H + j] + g[3 * Hp + j]);
          c[st + j] = cNew;
          const hNew = sigmoidOf(xw[x + H + j] + g[Hp + j]) * tanhOf(cNew);
          h[st + j] = hNew;
          hs[st - stateOff + j] = hNew;
          y[yo + j] = hNew;
        }
      }
    }
    return;
  }
  const fk = kindOf(acts[0]), gk = kindOf(acts[1]), hk = kindOf(acts[2]);
  const fa = acts[0].alpha, fb = acts[0].beta, ga = acts[1].alpha, gb = acts[1].beta, ha = acts[2].alpha, hb = acts[2].beta;
  const lim = clip ?? Infinity;
  for (let s = 0; s < seq; s++) {
    for (let b = 0; b < batch; b++) {
      const len = lens[b];
      if (s >= len) continue;
      // Reverse runs from each row's own last valid step, as the spec's driver does.
      const t = reverse ? len - 1 - s : s;
      const x = xwOff + t * xwStep + b * xwBatch, st = stateOff + b * H, yo = yOff + t * yStep + b * yBatch;
      for (let q = 0, pr = 0, qEnd = Hp; q < qEnd; q += 2) {
        if (q + 1 === qEnd) {
          let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
          for (let k = 0; k < H; k++, pr = (pr + 4) | 0) {
            const hv = h[(st + k) | 0];
            a0 += rp[pr] * hv; a1 += rp[(pr + 1) | 0] * hv; a2 += rp[(pr + 2) | 0] * hv; a3 += rp[(pr + 3) | 0] * hv;
          }
          const r = 4 * q;
          g[r] = a0; g[r + 1] = a1; g[r + 2] = a2; g[r + 3] = a3;
          break;
        }
        let a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;
        const H4 = 4 * H;
        for (let k = 0; k < H; k++, pr = (pr + 4) | 0) {
          const hv = h[(st + k) | 0];
          a0 += rp[pr] * hv; a1 += rp[(pr + 1) | 0] * hv; a2 += rp[(pr + 2) | 0] * hv; a3 += rp[(pr + 3) | 0] * hv;
          a4 += rp[(pr + H4) | 0] * hv; a5 += rp[(pr + H4 + 1) | 0] * hv; a6 += rp[(pr + H4 + 2) | 0] * hv; a7 += rp[(pr + H4 + 3) | 0] * hv;
        }
        pr = (pr + H4) | 0;
        const r = 4 * q;
        g[r] = a0; g[r + 1] = a1; g[r + 2] = a2; g[r + 3] = a3; g[r + 4] = a4; g[r + 5] = a5; g[r + 6] = a6; g[r + 7] = a7;
      }
      for (let j = 0; j < H; j++) {
        const cPrev = c[st + j];
        let pi = xw[x + j] + g[j], pf = xw[x + 2 * H + j] + g[2 * Hp + j];
        if (p) { pi += p[j] * cPrev; pf += p[2 * H + j] * cPrev; }
        const it = activation(fk, clamp(pi, lim), fa, fb);
        const ft = inputForget ? 1 - it : activation(fk, clamp(pf, lim), fa, fb);
        const ct = activation(gk, clamp(xw[x + 3 * H + j] + g[3 * Hp + j], lim), ga, gb);
        const cNew = ft * cPrev + it * ct;
        c[st + j] = cNew;
        // The output gate peeks at the new cell state Ct, the others at Ct-1.
        let po = xw[x + H + j] + g[Hp + j];
        if (p) po += p[H + j] * cNew;
        const hNew = activation(fk, clamp(po, lim), fa, fb) * activation(hk, clamp(cNew, lim), ha, hb);
        h[st + j] = hNew;
        y[yo + j] = hNew;
      }
    }
  }
}

/*
 * generated, do not edit: run `npm run codegen`
 * spec:     src/ir/ops/recurrent/gru.ts, src/ir/ops/recurrent/recurrent.ts, src/ir/ops/recurrent/activations.ts
 * template: codegen/cpu/templates-recurrent.ts (recurrent)
 * variant:  gru-f64-sequence-ts  { op: 'GRU', template: 'recurrent', dtype: 'float64', tile: 'sequence' }
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
 * One direction of GRU over the whole sequence, float64 Y.
 * `xw` holds the input projections (the glue's GEMM): the row of step t, batch row b starts at
 * `xwOff + t·xwStep + b·xwBatch`, its gates at multiples of H. `rp` is R of this direction packed per
 * gate as 4-row panels (gate g's ⌈H/4⌉ panels from g·Hp·H, Hp = H rounded up to 4). The state rows
 * (float64, [batch, H]) start at `stateOff` and are updated in place. Y of (t, b) is written at
 * `yOff + t·yStep + b·yBatch`. Row b runs `lens[b]` steps, backwards from its own last step when
 * `reverse`; Y past a row's length is not written.
 * `rbh` is this direction's Rbh [H]; `acts` its f, g activations, `clip` the attribute (undefined for none).
 */
export function gru_f64_sequence__ts(seq: number, batch: number, H: number, xw: Float64Array, xwOff: number, xwStep: number, xwBatch: number, rp: Panels, h: Float64Array, stateOff: number, y: Float64Array, yOff: number, yStep: number, yBatch: number, lens: Int32Array, reverse: boolean, rbh: Float64Array, acts: readonly Activation[], clip: number | undefined, linearBeforeReset: boolean): void {
  seq = seq | 0; batch = batch | 0; H = H | 0; xwOff = xwOff | 0; xwStep = xwStep | 0; xwBatch = xwBatch | 0; stateOff = stateOff | 0; yOff = yOff | 0; yStep = yStep | 0; yBatch = yBatch | 0; // int32 arguments (see codegen/cpu/templates.ts)
  // Gate g's recurrent sums at g·Hp (the panels' padded rows land past H); rh holds rt ⊙ Ht-1.
  const Hp = (H + 3) & ~3;
  const g = new Float64Array(3 * Hp), rh = new Float64Array(Hp);
  const plain = acts[0].name === 'sigmoid' && acts[1].name === 'tanh' && clip === undefined;
  if (plain && linearBeforeReset) {
    for (let s = 0; s < seq; s++) {
      for (let b = 0; b < batch; b++) {
        const len = lens[b];
        if (s >= len) continue;
        // Reverse runs from each row's own last valid step, as the spec's driver does.
        const t = reverse ? len - 1 - s : s;
        const x = xwOff + t * xwStep + b * xwBatch, st = stateOff + b * H, yo = yOff + t * yStep + b * yBatch;
        for (let q = 0, pr = 0, qEnd = (3 * Hp) >> 2; q < qEnd; q += 2) {
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
          const rt = sigmoidOf(xw[x + H + j] + g[Hp + j]);
          const zt = sigmoidOf(xw[x + j] + g[j]);
          const ht = tanhOf(xw[x + 2 * H + j] + rt * (g[2 * Hp + j] + rbh[j]));
          const hNew = (1 - zt) * ht + zt * h[st + j];
          h[st + j] = hNew;
          y[yo + j] = hNew;
        }
      }
    }
    return;
  }
  if (plain) {
    for (let s = 0; s < seq; s++) {
      for (let b = 0; b < batch; b++) {
        const len = lens[b];
        if (s >= len) continue;
        // Reverse runs from each row's own last valid step, as the spec's driver does.
        const t = reverse ? len - 1 - s : s;
        const x = xwOff + t * xwStep + b * xwBatch, st = stateOff + b * H, yo = yOff + t * yStep + b * yBatch;
        for (let q = 0, pr = 0, qEnd = (2 * Hp) >> 2; q < qEnd; q += 2) {
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
        // rt ⊙ Ht-1 first: the hidden gate multiplies it by Rh.
        for (let j = 0; j < H; j++) {
          const rt = sigmoidOf(xw[x + H + j] + g[Hp + j]);
          rh[j] = rt * h[st + j];
        }
        for (let q = 0, pr = 2 * Hp * H, qEnd = Hp >> 2; q < qEnd; q += 2) {
          if (q + 1 === qEnd) {
            let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
            for (let k = 0; k < H; k++, pr = (pr + 4) | 0) {
              const hv = rh[(0 + k) | 0];
              a0 += rp[pr] * hv; a1 += rp[(pr + 1) | 0] * hv; a2 += rp[(pr + 2) | 0] * hv; a3 += rp[(pr + 3) | 0] * hv;
            }
            const r = 2 * Hp + 4 * q;
            g[r] = a0; g[r + 1] = a1; g[r + 2] = a2; g[r + 3] = a3;
            break;
          }
          let a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;
          const H4 = 4 * H;
          for (let k = 0; k < H; k++, pr = (pr + 4) | 0) {
            const hv = rh[(0 + k) | 0];
            a0 += rp[pr] * hv; a1 += rp[(pr + 1) | 0] * hv; a2 += rp[(pr + 2) | 0] * hv; a3 += rp[(pr + 3) | 0] * hv;
            a4 += rp[(pr + H4) | 0] * hv; a5 += rp[(pr + H4 + 1) | 0] * hv; a6 += rp[(pr + H4 + 2) | 0] * hv; a7 += rp[(pr + H4 + 3) | 0] * hv;
          }
          pr = (pr + H4) | 0;
          const r = 2 * Hp + 4 * q;
          g[r] = a0; g[r + 1] = a1; g[r + 2] = a2; g[r + 3] = a3; g[r + 4] = a4; g[r + 5] = a5; g[r + 6] = a6; g[r + 7] = a7;
        }
        for (let j = 0; j < H; j++) {
          const zt = sigmoidOf(xw[x + j] + g[j]);
          const ht = tanhOf(xw[x + 2 * H + j] + rbh[j] + g[2 * Hp + j]);
          const hNew = (1 - zt) * ht + zt * h[st + j];
          h[st + j] = hNew;
          y[yo + j] = hNew;
        }
      }
    }
    return;
  }
  const fk = kindOf(acts[0]), gk = kindOf(acts[1]);
  const fa = acts[0].alpha, fb = acts[0].beta, ga = acts[1].alpha, gb = acts[1].beta;
  const lim = clip ?? Infinity;
  if (linearBeforeReset) {
    for (let s = 0; s < seq; s++) {
      for (let b = 0; b < batch; b++) {
        const len = lens[b];
        if (s >= len) continue;
        // Reverse runs from each row's own last valid step, as the spec's driver does.
        const t = reverse ? len - 1 - s : s;
        const x = xwOff + t * xwStep + b * xwBatch, st = stateOff + b * H, yo = yOff + t * yStep + b * yBatch;
        for (let q = 0, pr = 0, qEnd = (3 * Hp) >> 2; q < qEnd; q += 2) {
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
          const rt = activation(fk, clamp(xw[x + H + j] + g[Hp + j], lim), fa, fb);
          const zt = activation(fk, clamp(xw[x + j] + g[j], lim), fa, fb);
          const ht = activation(gk, clamp(xw[x + 2 * H + j] + rt * (g[2 * Hp + j] + rbh[j]), lim), ga, gb);
          const hNew = (1 - zt) * ht + zt * h[st + j];
          h[st + j] = hNew;
          y[yo + j] = hNew;
        }
      }
    }
    return;
  }
  for (let s = 0; s < seq; s++) {
    for (let b = 0; b < batch; b++) {
      const len = lens[b];
      if (s >= len) continue;
      // Reverse runs from each row's own last valid step, as the spec's driver does.
      const t = reverse ? len - 1 - s : s;
      const x = xwOff + t * xwStep + b * xwBatch, st = stateOff + b * H, yo = yOff + t * yStep + b * yBatch;
      for (let q = 0, pr = 0, qEnd = (2 * Hp) >> 2; q < qEnd; q += 2) {
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
      // rt ⊙ Ht-1 first: the hidden gate multiplies it by Rh.
      for (let j = 0; j < H; j++) {
        const rt = activation(fk, clamp(xw[x + H + j] + g[Hp + j], lim), fa, fb);
        rh[j] = rt * h[st + j];
      }
      for (let q = 0, pr = 2 * Hp * H, qEnd = Hp >> 2; q < qEnd; q += 2) {
        if (q + 1 === qEnd) {
          let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
          for (let k = 0; k < H; k++, pr = (pr + 4) | 0) {
            const hv = rh[(0 + k) | 0];
            a0 += rp[pr] * hv; a1 += rp[(pr + 1) | 0] * hv; a2 += rp[(pr + 2) | 0] * hv; a3 += rp[(pr + 3) | 0] * hv;
          }
          const r = 2 * Hp + 4 * q;
          g[r] = a0; g[r + 1] = a1; g[r + 2] = a2; g[r + 3] = a3;
          break;
        }
        let a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;
        const H4 = 4 * H;
        for (let k = 0; k < H; k++, pr = (pr + 4) | 0) {
          const hv = rh[(0 + k) | 0];
          a0 += rp[pr] * hv; a1 += rp[(pr + 1) | 0] * hv; a2 += rp[(pr + 2) | 0] * hv; a3 += rp[(pr + 3) | 0] * hv;
          a4 += rp[(pr + H4) | 0] * hv; a5 += rp[(pr + H4 + 1) | 0] * hv; a6 += rp[(pr + H4 + 2) | 0] * hv; a7 += rp[(pr + H4 + 3) | 0] * hv;
        }
        pr = (pr + H4) | 0;
        const r = 2 * Hp + 4 * q;
        g[r] = a0; g[r + 1] = a1; g[r + 2] = a2; g[r + 3] = a3; g[r + 4] = a4; g[r + 5] = a5; g[r + 6] = a6; g[r + 7] = a7;
      }
      for (let j = 0; j < H; j++) {
        const zt = activation(fk, clamp(xw[x + j] + g[j], lim), fa, fb);
        const ht = activation(gk, clamp(xw[x + 2 * H + j] + rbh[j] + g[2 * Hp + j], lim), ga, gb);
        const hNew = (1 - zt) * ht + zt * h[st + j];
        h[st + j] = hNew;
        y[yo + j] = hNew;
      }
    }
  }
}

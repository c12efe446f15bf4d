/**
 * Templates `lstm` and `gru`: the whole recurrence of one direction of an LSTM or GRU
 * (src/ir/ops/recurrent/lstm.ts, gru.ts) with the default activations, in one call. The input
 * projection X·Wᵀ (+ biases) of every step is computed before, by the GEMM; per time step and batch
 * row this module adds R·H(t-1) with a SIMD matrix-vector product and applies the gate math with
 * SIMD sigmoid/tanh, updating the state in place and copying H(t) into Y.
 *
 * Layout: every gate block is padded from `H` to `Hp` (H rounded up to 4), so that each gate starts
 * on a vector. The caller pads the projections, biases and state the same way (zeros in the pad,
 * which the gate math keeps at zero: c = ½·0 + ½·tanh(0), h = ½·tanh(0)).
 *
 * Packed R ("panels"): R·h is computed over N = gates·Hp columns (padded gate index j) and K = H
 * rows. Full panels of 4·nv columns come first, each holding R[j, k] for its columns at
 * k·4nv + (j − panel start); the remaining columns (N mod 4nv, a multiple of 4) follow as one
 * narrower panel of the same form. Packing happens once, on the host (src/kernels/wasm/recurrent.ts).
 */
import { TANH } from '../../approximations.js';
import { forLoop, I32, type FuncBuilder, type Local, ModuleBuilder, V128 } from '../emitter.js';

/** One variant's parameters. */
export interface RecurrentParams {
  /**
   * Vectors per column panel of the matrix-vector product: that many accumulators stay in
   * registers while each k step splats v[k] once. The choice (6) and its measurement are in
   * src/kernels/wasm/selection.ts.
   */
  nv: number;
  /** f32x4.relaxed_madd for the product's multiply-adds. */
  relaxed: boolean;
}

/** v128.const with four equal f32 lanes (the emitter has no v128.const of its own). */
function splatConst(f: FuncBuilder, v: number): FuncBuilder {
  const lane = [...new Uint8Array(new Float32Array([v]).buffer)];
  return f.raw(0xfd, 0x0c, ...lane, ...lane, ...lane, ...lane);
}

/** Pushes tanh(x) (four lanes; TANH of codegen/approximations.ts, shared with the cpu templates); clobbers `x` and `x2`. NaN passes through the clamp (pmax/pmin keep it). */
function emitTanh(f: FuncBuilder, x: Local, x2: Local): void {
  f.get(x);
  splatConst(f, -TANH.clamp).f32x4_pmax();
  splatConst(f, TANH.clamp).f32x4_pmin().tee(x);
  f.get(x).f32x4_mul().set(x2);
  // Horner in x²: P, times x, then Q, then the division.
  splatConst(f, TANH.p[TANH.p.length - 1]);
  for (let i = TANH.p.length - 2; i >= 0; i--) { f.get(x2).f32x4_mul(); splatConst(f, TANH.p[i]).f32x4_add(); }
  f.get(x).f32x4_mul();
  splatConst(f, TANH.q[TANH.q.length - 1]);
  for (let i = TANH.q.length - 2; i >= 0; i--) { f.get(x2).f32x4_mul(); splatConst(f, TANH.q[i]).f32x4_add(); }
  f.f32x4_div();
}

/** Pushes sigmoid(x) = ½ + ½·tanh(x/2); clobbers `x` and `x2`. */
function emitSigmoid(f: FuncBuilder, x: Local, x2: Local): void {
  f.get(x);
  splatConst(f, 0.5).f32x4_mul().set(x);
  emitTanh(f, x, x2);
  splatConst(f, 0.5).f32x4_mul();
  splatConst(f, 0.5).f32x4_add();
}

interface MatVecLocals {
  /** Temporaries owned by the product. */
  col: Local; colEnd: Local; rp: Local; vp: Local; vEnd: Local; s: Local; acc: Local[];
}

function matVecLocals(f: FuncBuilder, nv: number): MatVecLocals {
  return {
    col: f.local(I32), colEnd: f.local(I32), rp: f.local(I32), vp: f.local(I32), vEnd: f.local(I32), s: f.local(V128),
    acc: Array.from({ length: nv }, () => f.local(V128)),
  };
}

/**
 * out[j] = init[j] + Σ_k R[j, k]·v[k] for j < N (N a multiple of 4; `out` may be `init`), R packed
 * in panels (file comment). `n4` holds N·4 and `k4` K·4 (bytes); pointers are locals.
 */
function emitMatVec(f: FuncBuilder, p: RecurrentParams, l: MatVecLocals, a: { init: Local; out: Local; r: Local; n4: Local; k4: Local; v: Local }): void {
  const nv = p.nv, panel = 16 * nv;
  const { col, colEnd, rp, vp, vEnd, s, acc } = l;
  f.get(a.r).set(rp);
  f.get(a.v).get(a.k4).i32_add().set(vEnd);
  // colEnd: bytes of columns in full panels.
  f.get(a.n4).i32(panel).i32_div_s().i32(panel).i32_mul().set(colEnd);
  const kLoop = (vecs: number, stride: number) => {
    // K ≥ 1 (the caller never runs H = 0), so the body runs before the test.
    f.get(a.v).set(vp);
    f.loop();
    f.get(vp).v128_load32_splat().set(s);
    for (let q = 0; q < vecs; q++) {
      if (p.relaxed) f.get(rp).v128_load(16 * q).get(s).get(acc[q]).f32x4_relaxed_madd().set(acc[q]);
      else f.get(acc[q]).get(rp).v128_load(16 * q).get(s).f32x4_mul().f32x4_add().set(acc[q]);
    }
    f.get(rp).i32(stride).i32_add().set(rp);
    f.get(vp).i32(4).i32_add().tee(vp).get(vEnd).i32_lt_u().br_if(0);
    f.end();
  };
  forLoop(f, col, () => f.i32(0), () => f.get(colEnd), panel, () => {
    for (let q = 0; q < nv; q++) f.get(a.init).get(col).i32_add().v128_load(16 * q).set(acc[q]);
    kLoop(nv, panel);
    for (let q = 0; q < nv; q++) f.get(a.out).get(col).i32_add().get(acc[q]).v128_store(16 * q);
  });
  // The narrower last panel, w vectors wide: one branch per w, so that it too keeps w independent
  // add chains (as panels of one vector, lstm_bidi2's recurrence at nv = 6 took 66.5 µs, not 63.6).
  for (let w = 1; w < nv; w++) {
    f.get(a.n4).get(colEnd).i32_sub().i32(16 * w).i32_eq().if_();
    for (let q = 0; q < w; q++) f.get(a.init).get(colEnd).i32_add().v128_load(16 * q).set(acc[q]);
    kLoop(w, 16 * w);
    for (let q = 0; q < w; q++) f.get(a.out).get(colEnd).i32_add().get(acc[q]).v128_store(16 * q);
    f.end();
  }
}

/** Locals of the step and batch loops and of the gate math, shared by both functions. */
interface StepLocals { s: Local; t: Local; n: Local; row: Local; hn: Local; hp4: Local; k4: Local; kb: Local; x: Local; x2: Local }

/** The step loop, t running forward or backward, then the batch loop; `row` and `hn` point at (t, n). */
function stepLoops(f: FuncBuilder, p: { seq: Local; batch: Local; reverse: Local; xw: Local; xwRow: Local; hs: Local }, l: StepLocals,
  body: () => void): void {
  forLoop(f, l.s, () => f.i32(0), () => f.get(p.seq), 1, () => {
    f.get(p.seq).i32(1).i32_sub().get(l.s).i32_sub().get(l.s).get(p.reverse).select().set(l.t);
    forLoop(f, l.n, () => f.i32(0), () => f.get(p.batch), 1, () => {
      f.get(p.xw).get(l.t).get(p.batch).i32_mul().get(l.n).i32_add().get(p.xwRow).i32_mul().i32_add().set(l.row);
      f.get(p.hs).get(l.n).get(l.hp4).i32_mul().i32_add().set(l.hn);
      body();
    });
  });
}

/** Copies H(t) of batch row n (H floats at hn) to y + t·yStep + n·H·4, unless y is 0 (Y not wanted). */
function copyToY(f: FuncBuilder, y: Local, yStep: Local, l: StepLocals): void {
  f.get(y).if_();
  f.get(y).get(l.t).get(yStep).i32_mul().i32_add().get(l.n).get(l.k4).i32_mul().i32_add();
  f.get(l.hn).get(l.k4).memory_copy();
  f.end();
}

function stepLocals(f: FuncBuilder, H: Local, Hp: Local): StepLocals {
  const l: StepLocals = {
    s: f.local(I32), t: f.local(I32), n: f.local(I32), row: f.local(I32), hn: f.local(I32), hp4: f.local(I32), k4: f.local(I32),
    kb: f.local(I32), x: f.local(V128), x2: f.local(V128),
  };
  f.get(Hp).i32(2).i32_shl().set(l.hp4);
  f.get(H).i32(2).i32_shl().set(l.k4);
  return l;
}

/**
 * `lstm(xw, xwRow, r, hs, cs, y, yStep, seq, batch, H, Hp, reverse)`, gates i, o, f, c (ONNX order):
 * - xw: this direction's projections X·Wᵀ + Wb + Rb, row (t, n) at xw + (t·batch + n)·xwRow, [4·Hp]
 *   padded; overwritten with the gate pre-activations.
 * - r: packed R (N = 4·Hp, K = H); hs, cs: states [batch, Hp], initial on entry, final on return.
 * - y: Y for t = 0, row n at + n·H·4, step t at + t·yStep (0: no Y).
 */
function emitLstm(m: ModuleBuilder, p: RecurrentParams): void {
  const f = m.func('lstm', Array(12).fill(I32));
  const [xw, xwRow, r, hs, cs, y, yStep, seq, batch, H, Hp, reverse] = f.params;
  const l = stepLocals(f, H, Hp);
  const mv = matVecLocals(f, p.nv);
  const n4 = f.local(I32), cn = f.local(I32), g = f.local(I32);
  f.get(l.hp4).i32(2).i32_shl().set(n4);
  stepLoops(f, { seq, batch, reverse, xw, xwRow, hs }, l, () => {
    f.get(cs).get(l.n).get(l.hp4).i32_mul().i32_add().set(cn);
    emitMatVec(f, p, mv, { init: l.row, out: l.row, r, n4, k4: l.k4, v: l.hn });
    // The gate math in three passes, each with one activation per vector: their iterations are
    // independent, so the CPU overlaps them (one pass with all five activations per vector was
    // bound by their latency chains; measurement in src/kernels/wasm/selection.ts).
    // i, o, f: sigmoid in place over their 3·Hp contiguous lanes.
    forLoop(f, l.kb, () => f.i32(0), () => f.get(n4).get(l.hp4).i32_sub(), 16, () => {
      f.get(l.row).get(l.kb).i32_add().tee(g).v128_load().set(l.x);
      f.get(g);
      emitSigmoid(f, l.x, l.x2);
      f.v128_store();
    });
    // c = f·c + i·tanh(g)
    forLoop(f, l.kb, () => f.i32(0), () => f.get(l.hp4), 16, () => {
      f.get(l.row).get(l.kb).i32_add().set(g);
      f.get(g).get(l.hp4).i32(3).i32_mul().i32_add().v128_load().set(l.x);
      f.get(cn).get(l.kb).i32_add();
      f.get(g).get(l.hp4).i32(1).i32_shl().i32_add().v128_load().get(cn).get(l.kb).i32_add().v128_load().f32x4_mul();
      f.get(g).v128_load();
      emitTanh(f, l.x, l.x2);
      f.f32x4_mul().f32x4_add().v128_store();
    });
    // h = o·tanh(c)
    forLoop(f, l.kb, () => f.i32(0), () => f.get(l.hp4), 16, () => {
      f.get(cn).get(l.kb).i32_add().v128_load().set(l.x);
      f.get(l.hn).get(l.kb).i32_add();
      emitTanh(f, l.x, l.x2);
      f.get(l.row).get(l.kb).i32_add().get(l.hp4).i32_add().v128_load().f32x4_mul().v128_store();
    });
    copyToY(f, y, yStep, l);
  });
}

/**
 * `gru(xw, xwRow, rzr, rh, rbh, hs, tmp, y, yStep, seq, batch, H, Hp, reverse, lbr)`, gates z, r, h:
 * - xw: projections X·Wᵀ + Wb, plus Rb of z and r (and of h when lbr = 0), row (t, n) as in lstm,
 *   [3·Hp] padded; overwritten.
 * - rzr: packed R of z and r (N = 2·Hp), rh: packed R of h (N = Hp), both K = H.
 * - rbh: Rb of h, [Hp] (read when lbr = 1); tmp: [Hp] scratch; hs: state [batch, Hp].
 * - lbr (linear_before_reset): 1: h̃ = tanh(xh + r ⊙ (Rh·H + Rbh)); 0: h̃ = tanh(xh + Rh·(r ⊙ H)).
 * Then H = h̃ + z ⊙ (H − h̃), i.e. (1 − z) ⊙ h̃ + z ⊙ H.
 */
function emitGru(m: ModuleBuilder, p: RecurrentParams): void {
  const f = m.func('gru', Array(15).fill(I32));
  const [xw, xwRow, rzr, rh, rbh, hs, tmp, y, yStep, seq, batch, H, Hp, reverse, lbr] = f.params;
  const l = stepLocals(f, H, Hp);
  const mv = matVecLocals(f, p.nv);
  const n4 = f.local(I32), rowH = f.local(I32), g = f.local(I32);
  const zv = f.local(V128), hv = f.local(V128), ht = f.local(V128);
  f.get(l.hp4).i32(1).i32_shl().set(n4);
  stepLoops(f, { seq, batch, reverse, xw, xwRow, hs }, l, () => {
    f.get(l.row).get(l.hp4).i32(1).i32_shl().i32_add().set(rowH);
    emitMatVec(f, p, mv, { init: l.row, out: l.row, r: rzr, n4, k4: l.k4, v: l.hn });
    // z and r in place.
    forLoop(f, l.kb, () => f.i32(0), () => f.get(n4), 16, () => {
      f.get(l.row).get(l.kb).i32_add().tee(g).v128_load().set(l.x);
      f.get(g);
      emitSigmoid(f, l.x, l.x2);
      f.v128_store();
    });
    f.get(lbr).if_();
    {
      emitMatVec(f, p, mv, { init: rbh, out: tmp, r: rh, n4: l.hp4, k4: l.k4, v: l.hn });
      // xh += r ⊙ (Rh·H + Rbh)
      forLoop(f, l.kb, () => f.i32(0), () => f.get(l.hp4), 16, () => {
        f.get(rowH).get(l.kb).i32_add().tee(g);
        f.get(g).v128_load().get(g).get(l.hp4).i32_sub().v128_load().get(tmp).get(l.kb).i32_add().v128_load().f32x4_mul().f32x4_add();
        f.v128_store();
      });
    }
    f.else_();
    {
      // tmp = r ⊙ H, then xh += Rh·tmp
      forLoop(f, l.kb, () => f.i32(0), () => f.get(l.hp4), 16, () => {
        f.get(tmp).get(l.kb).i32_add();
        f.get(rowH).get(l.kb).i32_add().get(l.hp4).i32_sub().v128_load().get(l.hn).get(l.kb).i32_add().v128_load().f32x4_mul();
        f.v128_store();
      });
      emitMatVec(f, p, mv, { init: rowH, out: rowH, r: rh, n4: l.hp4, k4: l.k4, v: tmp });
    }
    f.end();
    forLoop(f, l.kb, () => f.i32(0), () => f.get(l.hp4), 16, () => {
      f.get(l.row).get(l.kb).i32_add().v128_load().set(zv);
      f.get(rowH).get(l.kb).i32_add().v128_load().set(l.x);
      emitTanh(f, l.x, l.x2);
      f.set(ht);
      f.get(l.hn).get(l.kb).i32_add().tee(g).v128_load().set(hv);
      f.get(g).get(ht).get(zv).get(hv).get(ht).f32x4_sub().f32x4_mul().f32x4_add().v128_store();
    });
    copyToY(f, y, yStep, l);
  });
}

/** Emits the LSTM module: exports `lstm`. */
export function emitLstmModule(p: RecurrentParams): ModuleBuilder {
  const m = new ModuleBuilder();
  emitLstm(m, p);
  return m;
}

/** Emits the GRU module: exports `gru`. */
export function emitGruModule(p: RecurrentParams): ModuleBuilder {
  const m = new ModuleBuilder();
  emitGru(m, p);
  return m;
}

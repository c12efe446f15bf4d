/**
 * Winograd F(2×2, 3×3) for Conv (src/ir/ops/nn/conv.ts) with 3×3 stride-1 windows: each 2×2 output
 * tile costs 16 multiplies per (input, output) channel pair instead of 36. The multiplies are 16
 * GEMMs, one per transform position ξ, [M, C]·[C, T] on the runtime's GEMM; this module holds the
 * two transforms around them, SIMD over four neighbouring tiles:
 *
 * - `input`: V_ξ = (Bᵀ·d·B)_ξ for every channel and tile, Bᵀ = [[1,0,−1,0],[0,1,1,0],[0,−1,1,0],[0,1,0,−1]];
 * - `output`: Y = Aᵀ·m·A (+ bias, Relu/Clip), Aᵀ = [[1,1,1,0],[0,1,−1,−1]], tiles cut at the output edge.
 *
 * The weights' transform U = G·g·Gᵀ runs once per filter in JavaScript (src/kernels/wasm/winograd.ts).
 * Tiles are laid out as TH rows of TWp (TW rounded up to 4) so a vector of four tiles never crosses
 * a tile row; the padding tiles are computed and dropped.
 */
import { F32, forLoop, I32, type FuncBuilder, type Local, ModuleBuilder, V128 } from '../emitter.js';

/** Byte lanes of `i8x16.shuffle` picking float lanes 0, 2 (even) or 1, 3 (odd) of two vectors. */
const EVEN = [0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 24, 25, 26, 27];
const ODD = [4, 5, 6, 7, 12, 13, 14, 15, 20, 21, 22, 23, 28, 29, 30, 31];
/** Interleaves the first (LOW) or last (HIGH) two lanes of a and b: a0 b0 a1 b1 / a2 b2 a3 b3. */
const LOW = [0, 1, 2, 3, 16, 17, 18, 19, 4, 5, 6, 7, 20, 21, 22, 23];
const HIGH = [8, 9, 10, 11, 24, 25, 26, 27, 12, 13, 14, 15, 28, 29, 30, 31];

export function emitWinograd2(): ModuleBuilder {
  const m = new ModuleBuilder();
  emitInput(m);
  emitOutput(m);
  return m;
}

/** Pushes a − b or a + b of two v128 locals. */
function sub(f: FuncBuilder, a: Local, b: Local): FuncBuilder { return f.get(a).get(b).f32x4_sub(); }
function add(f: FuncBuilder, a: Local, b: Local): FuncBuilder { return f.get(a).get(b).f32x4_add(); }

/**
 * input(x, V, C, H, W, pt, pl, TH, TWp, xiBytes, pad): for `C` channel planes [H, W] from `x`, the
 * 16 transformed values of every tile, V_ξ[c][th·TWp + tw] at V + ξ·xiBytes. Each plane is first
 * copied into `pad`, a zero-bordered [2·TH + 2, 2·TWp + 2] buffer (the caller zeroes it; only its
 * interior is rewritten), so every tile reads a full 4×4 window.
 */
function emitInput(m: ModuleBuilder): void {
  const f = m.func('input', Array(11).fill(I32));
  const [x, V, C, H, W, pt, pl, TH, TWp, xiBytes, pad] = f.params;
  const c = f.local(I32), ih = f.local(I32), th = f.local(I32), tw = f.local(I32);
  const Wp4 = f.local(I32), T4 = f.local(I32), rb = f.local(I32), vp = f.local(I32);
  const d: Local[] = Array.from({ length: 16 }, () => f.local(V128));
  const e: Local[] = Array.from({ length: 16 }, () => f.local(V128));
  const lo = f.local(V128), hi = f.local(V128);
  // Row bytes of the padded plane, and of one channel's row of V.
  f.get(TWp).i32(1).i32_shl().i32(2).i32_add().i32(2).i32_shl().set(Wp4);
  f.get(TH).get(TWp).i32_mul().i32(2).i32_shl().set(T4);
  forLoop(f, c, () => f.i32(0), () => f.get(C), 1, () => {
    forLoop(f, ih, () => f.i32(0), () => f.get(H), 1, () => {
      f.get(pad).get(ih).get(pt).i32_add().get(Wp4).i32_mul().i32_add().get(pl).i32(2).i32_shl().i32_add();
      f.get(x).get(c).get(H).i32_mul().get(ih).i32_add().get(W).i32_mul().i32(2).i32_shl().i32_add();
      f.get(W).i32(2).i32_shl().memory_copy();
    });
    forLoop(f, th, () => f.i32(0), () => f.get(TH), 1, () => {
      forLoop(f, tw, () => f.i32(0), () => f.get(TWp), 4, () => {
        // d[i][j], four tiles per vector: padded row 2·th + i, columns 2·(tw..tw+3) + j.
        for (let i = 0; i < 4; i++) {
          f.get(pad).get(th).i32(1).i32_shl().i32(i).i32_add().get(Wp4).i32_mul().i32_add().get(tw).i32(3).i32_shl().i32_add().set(rb);
          for (const [off, j] of [[0, 0], [8, 2]] as const) {
            f.get(rb).v128_load(off).set(lo);
            f.get(rb).v128_load(off + 16).set(hi);
            f.get(lo).get(hi).i8x16_shuffle(EVEN).set(d[i * 4 + j]);
            f.get(lo).get(hi).i8x16_shuffle(ODD).set(d[i * 4 + j + 1]);
          }
        }
        // Bᵀ·d (rows), then ·B (columns).
        for (let j = 0; j < 4; j++) {
          const [d0, d1, d2, d3] = [0, 1, 2, 3].map((i) => d[i * 4 + j]);
          sub(f, d0, d2).set(e[j]);
          add(f, d1, d2).set(e[4 + j]);
          sub(f, d2, d1).set(e[8 + j]);
          sub(f, d1, d3).set(e[12 + j]);
        }
        // V_ξ at V + ξ·xiBytes + c·T·4 + (th·TWp + tw)·4.
        f.get(V).get(c).get(T4).i32_mul().i32_add().get(th).get(TWp).i32_mul().get(tw).i32_add().i32(2).i32_shl().i32_add().set(vp);
        for (let i = 0; i < 4; i++) {
          const [e0, e1, e2, e3] = [0, 1, 2, 3].map((j) => e[i * 4 + j]);
          const put = (j: number, value: () => void) => {
            f.get(vp).get(xiBytes).i32(i * 4 + j).i32_mul().i32_add();
            value();
            f.v128_store();
          };
          put(0, () => sub(f, e0, e2));
          put(1, () => add(f, e1, e2));
          put(2, () => sub(f, e2, e1));
          put(3, () => sub(f, e1, e3));
        }
      });
    });
  });
}

/**
 * output(Mm, bias, y, M, TH, TWp, xiBytes, OH, OW, act, lo, hi): for `M` output channels, the 2×2
 * outputs of every tile from the GEMM results m_ξ[o][th·TWp + tw] at Mm + ξ·xiBytes, plus the bias
 * (`bias` 0: none) and the activation (act as in the GEMM: 1 Relu, 2 Clip to [lo, hi]), written to
 * the [OH, OW] planes at `y`. Columns and rows past the output edge are not written, so threads
 * that split the channels never touch each other's planes.
 */
function emitOutput(m: ModuleBuilder): void {
  const f = m.func('output', [...Array(10).fill(I32), F32, F32]);
  const [Mm, bias, y, M, TH, TWp, xiBytes, OH, OW, act, lo, hi] = f.params;
  const o = f.local(I32), th = f.local(I32), tw = f.local(I32), mp = f.local(I32), T4 = f.local(I32);
  const row = f.local(I32), col = f.local(I32), plane = f.local(I32);
  const mv: Local[] = Array.from({ length: 16 }, () => f.local(V128));
  const s: Local[] = Array.from({ length: 8 }, () => f.local(V128));
  const out: Local[] = Array.from({ length: 4 }, () => f.local(V128));
  const bv = f.local(V128), zero = f.local(V128), loV = f.local(V128), hiV = f.local(V128), first = f.local(V128), second = f.local(V128);
  f.f32(0).f32x4_splat().set(zero);
  f.get(lo).f32x4_splat().set(loV);
  f.get(hi).f32x4_splat().set(hiV);
  f.get(TH).get(TWp).i32_mul().i32(2).i32_shl().set(T4);
  forLoop(f, o, () => f.i32(0), () => f.get(M), 1, () => {
    f.get(bias).if_(V128).get(bias).get(o).i32(2).i32_shl().i32_add().v128_load32_splat().else_().get(zero).end().set(bv);
    f.get(y).get(o).get(OH).i32_mul().get(OW).i32_mul().i32(2).i32_shl().i32_add().set(plane);
    forLoop(f, th, () => f.i32(0), () => f.get(TH), 1, () => {
      forLoop(f, tw, () => f.i32(0), () => f.get(TWp), 4, () => {
        f.get(Mm).get(o).get(T4).i32_mul().i32_add().get(th).get(TWp).i32_mul().get(tw).i32_add().i32(2).i32_shl().i32_add().set(mp);
        for (let xi = 0; xi < 16; xi++) f.get(mp).get(xiBytes).i32(xi).i32_mul().i32_add().v128_load().set(mv[xi]);
        // Aᵀ·m (2×4), then ·A: out[i·2 + j] for output (2·th + i, 2·tw + j) of each of the four tiles.
        for (let j = 0; j < 4; j++) {
          const [m0, m1, m2, m3] = [0, 1, 2, 3].map((i) => mv[i * 4 + j]);
          add(f, m0, m1).get(m2).f32x4_add().set(s[j]);
          sub(f, m1, m2).get(m3).f32x4_sub().set(s[4 + j]);
        }
        for (let i = 0; i < 2; i++) {
          add(f, s[i * 4], s[i * 4 + 1]).get(s[i * 4 + 2]).f32x4_add().get(bv).f32x4_add().set(out[i * 2]);
          sub(f, s[i * 4 + 1], s[i * 4 + 2]).get(s[i * 4 + 3]).f32x4_sub().get(bv).f32x4_add().set(out[i * 2 + 1]);
        }
        for (const v of out) {
          f.get(act).i32(1).i32_eq().if_().get(v).get(zero).f32x4_pmax().set(v).end();
          f.get(act).i32(2).i32_eq().if_().get(v).get(loV).f32x4_pmax().get(hiV).f32x4_pmin().set(v).end();
        }
        f.get(tw).i32(1).i32_shl().set(col);
        for (let i = 0; i < 2; i++) {
          f.get(th).i32(1).i32_shl().i32(i).i32_add().set(row);
          f.get(row).get(OH).i32_lt_s().if_();
          // Columns 2·tw .. 2·tw + 7 of this row: the tiles' j = 0 and j = 1 outputs interleaved.
          f.get(out[i * 2]).get(out[i * 2 + 1]).i8x16_shuffle(LOW).set(first);
          f.get(out[i * 2]).get(out[i * 2 + 1]).i8x16_shuffle(HIGH).set(second);
          f.get(plane).get(row).get(OW).i32_mul().get(col).i32_add().i32(2).i32_shl().i32_add().set(mp);
          f.get(col).i32(8).i32_add().get(OW).i32_le_s().if_();
          f.get(mp).get(first).v128_store();
          f.get(mp).get(second).v128_store(16);
          f.else_();
          for (let lane = 0; lane < 8; lane++) {
            f.get(col).i32(lane).i32_add().get(OW).i32_lt_s().if_();
            f.get(mp).get(lane < 4 ? first : second).f32x4_extract_lane(lane % 4).f32_store(lane * 4);
            f.end();
          }
          f.end();
          f.end();
        }
      });
    });
  });
}

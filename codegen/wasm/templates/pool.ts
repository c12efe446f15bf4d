/**
 * Template `maxpool2d`: MaxPool (src/ir/ops/nn/pool.ts) over 2-D windows with strides, pads,
 * dilations (ceil_mode is resolved by the caller's window geometry).
 *
 * Where a window lies wholly inside the input (all rows and columns), with column dilation 1 and
 * column stride 1 or 2, four outputs are computed at once: `f32x4.pmax(acc, v)` is
 * `acc < v ? v : acc`, the reference's rule (the first tap is taken as it is, NaN included; a later
 * NaN never wins). Stride 2 takes the even lanes of two loads. Every other output (near the
 * borders, other strides) goes through the scalar loop, which skips taps in the padding. The
 * scalar-only version took 17 ms of squeezenet's 52 ms (three MaxPools) and 38 ms of resnet18's
 * 393 ms (profiles at 06:47 and 07:24 UTC, loaded box).
 */
import { F32, forLoop, I32, type FuncBuilder, type Local, ModuleBuilder, V128 } from '../emitter.js';

const EVEN_LANES = [0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 24, 25, 26, 27];
const ODD_LANES = EVEN_LANES.map((b) => b + 4);

/** maxpool2d(x, y, planes, H, W, KH, KW, sh, sw, dh, dw, pt, pl, OH, OW). */
export function emitMaxPool2d(): ModuleBuilder {
  const m = new ModuleBuilder();
  const f = m.func('maxpool2d', Array(15).fill(I32));
  const [x, y, planes, H, W, KH, KW, sh, sw, dh, dw, pt, pl, OH, OW] = f.params;
  const c = f.local(I32), oh = f.local(I32), ow = f.local(I32), kh = f.local(I32), kw = f.local(I32);
  const ih0 = f.local(I32), iw0 = f.local(I32), ih = f.local(I32), iw = f.local(I32), yp = f.local(I32), row = f.local(I32);
  const owLo = f.local(I32), owHi = f.local(I32), vecEnd = f.local(I32), base = f.local(I32);
  const acc = f.local(F32), v = f.local(F32), seen = f.local(I32);
  const accV = f.local(V128), va = f.local(V128), vb = f.local(V128);
  const r0 = f.local(I32), wB = f.local(I32), rp = f.local(I32);
  forLoop(f, c, () => f.i32(0), () => f.get(planes), 1, () => {
    forLoop(f, oh, () => f.i32(0), () => f.get(OH), 1, () => {
      f.get(oh).get(sh).i32_mul().get(pt).i32_sub().set(ih0);
      // yp: this output row.
      f.get(y).get(c).get(OH).i32_mul().get(oh).i32_add().get(OW).i32_mul().i32(2).i32_shl().i32_add().set(yp);
      // Columns whose whole window is inside: ow·sw − pl ≥ 0 and ow·sw − pl + (KW−1)·dw ≤ W − 1.
      f.get(pl).get(sw).i32_add().i32(1).i32_sub().get(sw).i32_div_s().set(owLo);
      f.get(W).i32(1).i32_sub().get(KW).i32(1).i32_sub().get(dw).i32_mul().i32_sub().get(pl).i32_add().set(owHi);
      f.get(owHi).i32(0).i32_lt_s().if_(I32).i32(0).else_().get(owHi).get(sw).i32_div_s().i32(1).i32_add().end().set(owHi);
      f.get(owHi).get(OW).i32_gt_s().if_().get(OW).set(owHi).end();
      f.get(owLo).set(vecEnd);
      // Vector path: rows inside, dw = 1, sw ∈ {1, 2}.
      f.get(ih0).i32(0).i32_ge_s()
        .get(ih0).get(KH).i32(1).i32_sub().get(dh).i32_mul().i32_add().get(H).i32_lt_s().i32_and()
        .get(dw).i32(1).i32_eq().i32_and()
        .get(sw).i32(3).i32_lt_s().i32_and();
      f.if_();
      f.get(owLo).set(ow);
      // 3×3 windows with row dilation 1 (ResNet's and SqueezeNet's pools): the nine taps unrolled.
      f.get(KH).i32(3).i32_eq().get(KW).i32(3).i32_eq().i32_and().get(dh).i32(1).i32_eq().i32_and();
      f.if_();
      // r0: byte address of column −pl of row ih0; wB: bytes per row.
      f.get(x).get(c).get(H).i32_mul().get(ih0).i32_add().get(W).i32_mul().get(pl).i32_sub().i32(2).i32_shl().i32_add().set(r0);
      f.get(W).i32(2).i32_shl().set(wB);
      f.get(sw).i32(1).i32_eq().if_();
      unrolled3x3(f, { ow, owHi, yp, r0, wB, rp, accV, va, vb }, 1);
      f.else_();
      unrolled3x3(f, { ow, owHi, yp, r0, wB, rp, accV, va, vb }, 2);
      f.end();
      f.else_();
      f.block().loop();
      f.get(ow).i32(4).i32_add().get(owHi).i32_gt_s().br_if(1);
      // First tap as it is, then pmax over all taps (the first again is harmless).
      vectorTap(f, { x, c, H, W, ih0, kh: undefined, dh, ow, sw, pl, kw: undefined, base }, accV, true);
      forLoop(f, kh, () => f.i32(0), () => f.get(KH), 1, () => {
        forLoop(f, kw, () => f.i32(0), () => f.get(KW), 1, () => {
          vectorTap(f, { x, c, H, W, ih0, kh, dh, ow, sw, pl, kw, base }, accV, false);
        });
      });
      f.get(yp).get(ow).i32(2).i32_shl().i32_add().get(accV).v128_store();
      f.get(ow).i32(4).i32_add().set(ow);
      f.br(0).end().end();
      f.end();
      f.get(ow).set(vecEnd);
      f.end();
      // Scalar path for the other columns.
      forLoop(f, ow, () => f.i32(0), () => f.get(OW), 1, () => {
        f.get(ow).get(owLo).i32_lt_s().get(ow).get(vecEnd).i32_ge_s().i32_or().if_();
        f.get(ow).get(sw).i32_mul().get(pl).i32_sub().set(iw0);
        f.f32(-Infinity).set(acc);
        f.i32(0).set(seen);
        forLoop(f, kh, () => f.i32(0), () => f.get(KH), 1, () => {
          f.get(ih0).get(kh).get(dh).i32_mul().i32_add().set(ih);
          f.get(ih).i32(0).i32_ge_s().get(ih).get(H).i32_lt_s().i32_and().if_();
          f.get(x).get(c).get(H).i32_mul().get(ih).i32_add().get(W).i32_mul().i32(2).i32_shl().i32_add().set(row);
          forLoop(f, kw, () => f.i32(0), () => f.get(KW), 1, () => {
            f.get(iw0).get(kw).get(dw).i32_mul().i32_add().set(iw);
            f.get(iw).i32(0).i32_ge_s().get(iw).get(W).i32_lt_s().i32_and().if_();
            f.get(row).get(iw).i32(2).i32_shl().i32_add().f32_load().set(v);
            // The first tap inside the input is taken as it is (NaN included), then `v > acc`.
            f.get(v).get(acc).get(v).get(acc).f32_gt().get(seen).i32_eqz().i32_or().select().set(acc);
            f.i32(1).set(seen);
            f.end();
          });
          f.end();
        });
        f.get(yp).get(ow).i32(2).i32_shl().i32_add().get(acc).f32_store();
        f.end();
      });
    });
  });
  return m;
}

/**
 * The vector loop for 3×3 windows (row dilation 1, column stride `stride`), four outputs per step
 * from ow while their windows end by owHi: per window row, the three taps come from the row's
 * address (rp, advanced by wB) without the per-tap address arithmetic and stride test of
 * `vectorTap`. At stride 2 the first two taps are the even and odd lanes of the same two loads.
 * The taps are combined in the reference's order (row by row, column by column), so NaN behaves
 * as in the general loop. squeezenet's three MaxPools: 1.89 → 1.50 ms (per-node profile, 2026-11-27).
 */
function unrolled3x3(f: FuncBuilder, l: { ow: Local; owHi: Local; yp: Local; r0: Local; wB: Local; rp: Local; accV: Local; va: Local; vb: Local },
  stride: 1 | 2): void {
  f.block().loop();
  f.get(l.ow).i32(4).i32_add().get(l.owHi).i32_gt_s().br_if(1);
  // rp = r0 + ow·stride·4 bytes: column ow·stride − pl of the first window row.
  f.get(l.r0).get(l.ow).i32(stride === 1 ? 2 : 3).i32_shl().i32_add().set(l.rp);
  for (let r = 0; r < 3; r++) {
    if (r > 0) f.get(l.rp).get(l.wB).i32_add().set(l.rp);
    for (let kw = 0; kw < 3; kw++) {
      const first = r === 0 && kw === 0;
      if (!first) f.get(l.accV);
      if (stride === 1) f.get(l.rp).v128_load(4 * kw);
      else if (kw === 0) {
        f.get(l.rp).v128_load(0).set(l.va);
        f.get(l.rp).v128_load(16).set(l.vb);
        f.get(l.va).get(l.vb).i8x16_shuffle(EVEN_LANES);
      } else if (kw === 1) f.get(l.va).get(l.vb).i8x16_shuffle(ODD_LANES);
      else f.get(l.rp).v128_load(8).get(l.rp).v128_load(24).i8x16_shuffle(EVEN_LANES);
      if (!first) f.f32x4_pmax();
      f.set(l.accV);
    }
  }
  f.get(l.yp).get(l.ow).i32(2).i32_shl().i32_add().get(l.accV).v128_store();
  f.get(l.ow).i32(4).i32_add().set(l.ow);
  f.br(0).end().end();
}

interface TapLocals { x: Local; c: Local; H: Local; W: Local; ih0: Local; kh?: Local; dh: Local; ow: Local; sw: Local; pl: Local; kw?: Local; base: Local }

/** acc = (first ? v : pmax(acc, v)) with v the tap (kh, kw) of outputs ow..ow+3 (tap (0, 0) when first). */
function vectorTap(f: FuncBuilder, l: TapLocals, accV: Local, first: boolean): void {
  // base = x + ((c·H + ih0 + kh·dh)·W + ow·sw − pl + kw)·4
  f.get(l.x).get(l.c).get(l.H).i32_mul().get(l.ih0).i32_add();
  if (l.kh) f.get(l.kh).get(l.dh).i32_mul().i32_add();
  f.get(l.W).i32_mul().get(l.ow).get(l.sw).i32_mul().i32_add().get(l.pl).i32_sub();
  if (l.kw) f.get(l.kw).i32_add();
  f.i32(2).i32_shl().i32_add().set(l.base);
  if (!first) f.get(accV);
  f.get(l.sw).i32(1).i32_eq().if_(V128);
  f.get(l.base).v128_load();
  f.else_();
  f.get(l.base).v128_load().get(l.base).v128_load(16).i8x16_shuffle(EVEN_LANES);
  f.end();
  if (!first) f.f32x4_pmax();
  f.set(accV);
}

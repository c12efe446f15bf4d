/**
 * Templates for Conv (src/ir/ops/nn/conv.ts) beside the GEMM: `im2col` unrolls 2-D windows into
 * the [C·KH·KW, OH·OW] matrix that the GEMM multiplies (the spec's own reference takes the same
 * route), and `dwconv` is a direct depthwise 3×3 kernel (group == C == M), SIMD over output
 * columns, with the bias and Relu/Clip epilogue fused.
 */
import { F32, forLoop, I32, type FuncBuilder, type Local, ModuleBuilder, V128 } from '../emitter.js';

/**
 * im2col(x, C, H, W, KH, KW, sh, sw, dh, dw, ph, pw, OH, OW, dst): rows (c, kh, kw), each OH·OW
 * long; zeros where a tap falls into the padding. Stride-1 runs are copied with v128 loads/stores.
 * Also `col2im`, its adjoint, for ConvTranspose (below).
 */
export function emitIm2col(): ModuleBuilder {
  const m = new ModuleBuilder();
  emitCol2im(m);
  const f = m.func('im2col', Array(15).fill(I32));
  const [x, C, H, W, KH, KW, sh, sw, dh, dw, ph, pw, OH, OW, dst] = f.params;
  const c = f.local(I32), kh = f.local(I32), kw = f.local(I32), oh = f.local(I32), row = f.local(I32);
  const colOff = f.local(I32), o0 = f.local(I32), o1 = f.local(I32), ih = f.local(I32), rp = f.local(I32), xs = f.local(I32);
  const ow = f.local(I32), P4 = f.local(I32), OW4 = f.local(I32), t = f.local(I32);
  f.get(OH).get(OW).i32_mul().i32(2).i32_shl().set(P4);
  f.get(OW).i32(2).i32_shl().set(OW4);
  f.get(dst).set(row);
  forLoop(f, c, () => f.i32(0), () => f.get(C), 1, () => {
    forLoop(f, kh, () => f.i32(0), () => f.get(KH), 1, () => {
      forLoop(f, kw, () => f.i32(0), () => f.get(KW), 1, () => {
        // Output columns whose input column ow·sw + colOff lies in [0, W).
        f.get(kw).get(dw).i32_mul().get(pw).i32_sub().set(colOff);
        strideRange(f, colOff, sw, OW, W, o0, o1);
        forLoop(f, oh, () => f.i32(0), () => f.get(OH), 1, () => {
          f.get(oh).get(sh).i32_mul().get(ph).i32_sub().get(kh).get(dh).i32_mul().i32_add().set(ih);
          f.get(row).get(oh).get(OW4).i32_mul().i32_add().set(rp);
          f.get(ih).i32(0).i32_lt_s().get(ih).get(H).i32_ge_s().i32_or().if_();
          zeroFill(f, rp, () => f.i32(0), () => f.get(OW), t);
          f.else_();
          zeroFill(f, rp, () => f.i32(0), () => f.get(o0), t);
          zeroFill(f, rp, () => f.get(o1), () => f.get(OW), t);
          f.get(x).get(c).get(H).i32_mul().get(ih).i32_add().get(W).i32_mul().get(o0).get(sw).i32_mul().i32_add().get(colOff).i32_add()
            .i32(2).i32_shl().i32_add().set(xs);
          f.get(sw).i32(1).i32_eq().if_();
          // Stride 1: a contiguous run, copied four floats at a time (memory.copy is a runtime call in
          // V8, too slow for runs of a few dozen floats: 32K calls per 56×56 3×3 layer).
          f.get(o0).set(ow);
          f.block().loop();
          f.get(ow).i32(4).i32_add().get(o1).i32_gt_s().br_if(1);
          f.get(rp).get(ow).i32(2).i32_shl().i32_add().get(xs).v128_load().v128_store();
          f.get(xs).i32(16).i32_add().set(xs);
          f.get(ow).i32(4).i32_add().set(ow);
          f.br(0).end().end();
          forLoop(f, ow, () => f.get(ow), () => f.get(o1), 1, () => {
            f.get(rp).get(ow).i32(2).i32_shl().i32_add().get(xs).f32_load().f32_store();
            f.get(xs).i32(4).i32_add().set(xs);
          });
          f.else_();
          forLoop(f, ow, () => f.get(o0), () => f.get(o1), 1, () => {
            f.get(rp).get(ow).i32(2).i32_shl().i32_add().get(xs).f32_load().f32_store();
            f.get(xs).get(sw).i32(2).i32_shl().i32_add().set(xs);
          });
          f.end();
          f.end();
        });
        f.get(row).get(P4).i32_add().set(row);
      });
    });
  });
  return m;
}

/**
 * Sets [lo, hi) to the positions i in [0, count) whose target i·step + off lies in [0, limit), so the
 * loop over them needs no bounds test: im2col's output columns that read an input column, and
 * col2im's input columns that land on an output column.
 */
function strideRange(f: FuncBuilder, off: Local, step: Local, count: Local, limit: Local, lo: Local, hi: Local): void {
  f.i32(0).set(lo);
  f.get(off).i32(0).i32_lt_s().if_()
    .i32(0).get(off).i32_sub().get(step).i32_add().i32(1).i32_sub().get(step).i32_div_s().set(lo).end();
  f.get(lo).get(count).i32_gt_s().if_().get(count).set(lo).end();
  f.get(limit).i32(1).i32_sub().get(off).i32_sub().set(hi);
  f.get(hi).i32(0).i32_lt_s().if_(I32).get(lo).else_().get(hi).get(step).i32_div_s().i32(1).i32_add().end().set(hi);
  f.get(hi).get(count).i32_gt_s().if_().get(count).set(hi).end();
  f.get(hi).get(lo).i32_lt_s().if_().get(lo).set(hi).end();
}

/**
 * col2im(cols, M, H, W, KH, KW, sh, sw, dh, dw, ph, pw, OH, OW, y, bias): ConvTranspose's scatter
 * after its GEMM (src/kernels/wasm/conv-transpose.ts). `cols` holds rows (m, kh, kw), each H·W
 * long (one value per input pixel); input pixel (ih, iw) of tap (kh, kw) lands on output
 * (ih·sh − ph + kh·dh, iw·sw − pw + kw·dw) of plane m of the [M, OH, OW] output at `y`, and taps
 * that land outside are dropped. Plane m starts from bias[m] (`bias` 0: none). The sums run in
 * float32, tap after tap, as ONNX Runtime's col2im does. Planes are independent: threads split M.
 */
function emitCol2im(m: ModuleBuilder): void {
  const f = m.func('col2im', Array(16).fill(I32));
  const [cols, M, H, W, KH, KW, sh, sw, dh, dw, ph, pw, OH, OW, y, bias] = f.params;
  const mi = f.local(I32), kh = f.local(I32), kw = f.local(I32), ih = f.local(I32), iw = f.local(I32), row = f.local(I32);
  const off = f.local(I32), i0 = f.local(I32), i1 = f.local(I32), oh = f.local(I32), plane = f.local(I32);
  const src = f.local(I32), dst = f.local(I32), j = f.local(I32), OP = f.local(I32), sw4 = f.local(I32), b = f.local(V128);
  f.get(OH).get(OW).i32_mul().set(OP);
  f.get(sw).i32(2).i32_shl().set(sw4);
  f.get(cols).set(row);
  f.get(y).set(plane);
  forLoop(f, mi, () => f.i32(0), () => f.get(M), 1, () => {
    // The plane starts from its bias: four floats a store, then the tail.
    f.get(bias).if_(V128).get(bias).get(mi).i32(2).i32_shl().i32_add().v128_load32_splat().else_().f32(0).f32x4_splat().end().set(b);
    f.i32(0).set(j);
    f.block().loop();
    f.get(j).i32(4).i32_add().get(OP).i32_gt_s().br_if(1);
    f.get(plane).get(j).i32(2).i32_shl().i32_add().get(b).v128_store();
    f.get(j).i32(4).i32_add().set(j);
    f.br(0).end().end();
    forLoop(f, j, () => f.get(j), () => f.get(OP), 1, () => {
      f.get(plane).get(j).i32(2).i32_shl().i32_add().get(b).f32x4_extract_lane(0).f32_store();
    });
    forLoop(f, kh, () => f.i32(0), () => f.get(KH), 1, () => {
      forLoop(f, kw, () => f.i32(0), () => f.get(KW), 1, () => {
        // Input columns whose output column iw·sw + off lies in [0, OW): [i0, i1).
        f.get(kw).get(dw).i32_mul().get(pw).i32_sub().set(off);
        strideRange(f, off, sw, W, OW, i0, i1);
        forLoop(f, ih, () => f.i32(0), () => f.get(H), 1, () => {
          f.get(ih).get(sh).i32_mul().get(ph).i32_sub().get(kh).get(dh).i32_mul().i32_add().set(oh);
          f.get(oh).i32(0).i32_ge_s().get(oh).get(OH).i32_lt_s().i32_and().if_();
          f.get(row).get(ih).get(W).i32_mul().get(i0).i32_add().i32(2).i32_shl().i32_add().set(src);
          f.get(plane).get(oh).get(OW).i32_mul().get(i0).get(sw).i32_mul().i32_add().get(off).i32_add().i32(2).i32_shl().i32_add().set(dst);
          forLoop(f, iw, () => f.get(i0), () => f.get(i1), 1, () => {
            f.get(dst).get(dst).f32_load().get(src).f32_load().f32_add().f32_store();
            f.get(src).i32(4).i32_add().set(src);
            f.get(dst).get(sw4).i32_add().set(dst);
          });
          f.end();
        });
        f.get(row).get(H).get(W).i32_mul().i32(2).i32_shl().i32_add().set(row);
      });
    });
    f.get(plane).get(OP).i32(2).i32_shl().i32_add().set(plane);
  });
}

/** Zeroes row[from..to) (floats): four at a time, then one at a time. */
function zeroFill(f: FuncBuilder, row: Local, from: () => void, to: () => void, t: Local): void {
  from();
  f.set(t);
  f.block().loop();
  f.get(t).i32(4).i32_add(); to(); f.i32_gt_s().br_if(1);
  f.get(row).get(t).i32(2).i32_shl().i32_add().f32(0).f32x4_splat().v128_store();
  f.get(t).i32(4).i32_add().set(t);
  f.br(0).end().end();
  f.block().loop();
  f.get(t); to(); f.i32_ge_s().br_if(1);
  f.get(row).get(t).i32(2).i32_shl().i32_add().f32(0).f32_store();
  f.get(t).i32(1).i32_add().set(t);
  f.br(0).end().end();
}

/**
 * dwconv3x3(x, w, bias, y, C, H, W, OH, OW, stride, pt, pl, Hp, Wp, pad, act, lo, hi):
 * per channel, the input is copied into a zero-bordered buffer `pad` of Hp×Wp (the caller zeroes
 * it once; only its interior is rewritten), then the outputs are computed four columns at a time;
 * at stride 1, two output rows at once, so each of the four input rows they span is loaded once
 * for both (12 loads per 8 outputs instead of 18). A row's last vector stores only the lanes
 * below OW, so no write leaves the channel's own output plane (callers split the channels across
 * threads). `bias` 0 means none; act as in the GEMM. `relaxed`: f32x4.relaxed_madd.
 */
export function emitDwconv3x3(stride: 1 | 2, relaxed = false): ModuleBuilder {
  const m = new ModuleBuilder();
  const f = m.func('dwconv3x3', [...Array(16).fill(I32), F32, F32]);
  const [x, w, bias, y, C, H, W, OH, OW, , pt, pl, , Wp, pad, act, lo, hi] = f.params;
  const c = f.local(I32), ih = f.local(I32), oh = f.local(I32), ow = f.local(I32), yp = f.local(I32), rp = f.local(I32);
  const wv: Local[] = Array.from({ length: 9 }, () => f.local(V128));
  const acc = f.local(V128), acc2 = f.local(V128), v = f.local(V128), bv = f.local(V128), zero = f.local(V128), loV = f.local(V128), hiV = f.local(V128);
  const Wp4 = f.local(I32), OW4 = f.local(I32);
  /** acc += wv[t] · (the value on the stack's top, stashed in v). */
  const madd = (into: Local, t: number) => {
    if (relaxed) f.get(wv[t]).get(v).get(into).f32x4_relaxed_madd().set(into);
    else f.get(into).get(wv[t]).get(v).f32x4_mul().f32x4_add().set(into);
  };
  const finish = (a: Local, row: () => void) => {
    f.get(act).i32(1).i32_eq().if_().get(a).get(zero).f32x4_pmax().set(a).end();
    f.get(act).i32(2).i32_eq().if_().get(a).get(loV).f32x4_pmax().get(hiV).f32x4_pmin().set(a).end();
    // A row's last vector stores only the columns below OW: with the channels split across
    // threads, a spill past a plane's end would land in another thread's channel.
    f.get(ow).i32(4).i32_add().get(OW).i32_le_s().if_();
    row(); f.get(ow).i32(2).i32_shl().i32_add().get(a).v128_store();
    f.else_();
    for (let lane = 0; lane < 3; lane++) {
      f.get(ow).i32(lane).i32_add().get(OW).i32_lt_s().if_();
      row(); f.get(ow).i32(2).i32_shl().i32_add().get(a).f32x4_extract_lane(lane).f32_store(lane * 4);
      f.end();
    }
    f.end();
  };
  f.f32(0).f32x4_splat().set(zero);
  f.get(lo).f32x4_splat().set(loV);
  f.get(hi).f32x4_splat().set(hiV);
  f.get(Wp).i32(2).i32_shl().set(Wp4);
  f.get(OW).i32(2).i32_shl().set(OW4);
  f.get(y).set(yp);
  forLoop(f, c, () => f.i32(0), () => f.get(C), 1, () => {
    // Copy the channel into the padded buffer's interior.
    forLoop(f, ih, () => f.i32(0), () => f.get(H), 1, () => {
      f.get(pad).get(ih).get(pt).i32_add().get(Wp).i32_mul().get(pl).i32_add().i32(2).i32_shl().i32_add();
      f.get(x).get(c).get(H).i32_mul().get(ih).i32_add().get(W).i32_mul().i32(2).i32_shl().i32_add();
      f.get(W).i32(2).i32_shl().memory_copy();
    });
    for (let t = 0; t < 9; t++) f.get(w).get(c).i32(36).i32_mul().i32_add().v128_load32_splat(t * 4).set(wv[t]);
    f.get(bias).if_(V128).get(bias).get(c).i32(2).i32_shl().i32_add().v128_load32_splat().else_().get(zero).end().set(bv);
    f.i32(0).set(oh);
    f.block().loop();
    f.get(oh).get(OH).i32_ge_s().br_if(1);
    // rp: padded row oh·stride, column 0.
    f.get(pad).get(oh).i32(stride).i32_mul().get(Wp4).i32_mul().i32_add().set(rp);
    if (stride === 1) {
      // Two rows (oh, oh + 1) while both exist: input rows oh .. oh + 3, each loaded once.
      f.get(oh).i32(1).i32_add().get(OH).i32_lt_s().if_();
      forLoop(f, ow, () => f.i32(0), () => f.get(OW), 4, () => {
        f.get(bv).set(acc);
        f.get(bv).set(acc2);
        for (let r = 0; r < 4; r++) {
          for (let kw = 0; kw < 3; kw++) {
            loadTap(f, rp, Wp4, ow, r, kw, 1);
            f.set(v);
            if (r <= 2) madd(acc, r * 3 + kw);
            if (r >= 1) madd(acc2, (r - 1) * 3 + kw);
          }
        }
        finish(acc, () => f.get(yp));
        finish(acc2, () => f.get(yp).get(OW4).i32_add());
      });
      f.get(yp).get(OW4).i32(1).i32_shl().i32_add().set(yp);
      f.get(oh).i32(2).i32_add().set(oh);
      f.br(1);
      f.end();
    }
    forLoop(f, ow, () => f.i32(0), () => f.get(OW), 4, () => {
      f.get(bv).set(acc);
      for (let kh = 0; kh < 3; kh++) {
        for (let kw = 0; kw < 3; kw++) {
          loadTap(f, rp, Wp4, ow, kh, kw, stride);
          f.set(v);
          madd(acc, kh * 3 + kw);
        }
      }
      finish(acc, () => f.get(yp));
    });
    f.get(yp).get(OW4).i32_add().set(yp);
    f.get(oh).i32(1).i32_add().set(oh);
    f.br(0);
    f.end().end();
  });
  return m;
}

/** Pushes the 4 input values of tap (kh, kw) for output columns ow..ow+3. */
function loadTap(f: FuncBuilder, rp: Local, Wp4: Local, ow: Local, kh: number, kw: number, stride: 1 | 2): void {
  // address = rp + kh·Wp·4 + (ow·stride + kw)·4
  f.get(rp).get(Wp4).i32(kh).i32_mul().i32_add().get(ow).i32(stride === 1 ? 2 : 3).i32_shl().i32_add();
  if (stride === 1) {
    f.v128_load(kw * 4);
  } else {
    // Even lanes of two consecutive vectors: columns 0, 2, 4, 6 from the tap's start.
    const base = f.local(I32);
    f.set(base);
    f.get(base).v128_load(kw * 4).get(base).v128_load(kw * 4 + 16);
    f.i8x16_shuffle([0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 24, 25, 26, 27]);
  }
}

/**
 * Template `gemm`: a register-blocked f32 GEMM with an MR×NR microkernel, K/M cache blocking, and
 * a fused epilogue (accumulate into C, per-row or per-column bias, Relu or Clip), plus the packing
 * routines that feed it. The math is the Gemm/MatMul specs' (src/ir/ops/linalg/gemm.ts):
 * C[i,j] = act(bias + Σ_k A[i,k]·B[k,j]).
 *
 * Operand layouts:
 * - A is packed in panels of MR rows: panel p holds A[p·MR + r, k] at (p·K + k)·MR + r, zero-padded
 *   past M (packA writes it, from any row/column strides, scaled by alpha).
 * - B is read through two byte strides: `bRow` between consecutive k and `bPanel` between panels of
 *   NR columns. Packed B (packB) has bRow = NR·4, bPanel = K·NR·4; a plain row-major [K, ldb]
 *   matrix (im2col output) has bRow = ldb·4, bPanel = NR·4 and needs NR floats of slack at its end.
 *
 * Loop order (BLIS-like, without re-packing since the panels already hold all of K): K blocks of KC
 * (so one B micro-panel, KC·NR·4 bytes, stays in L1), then M blocks of MC rows (an A block of
 * MC·KC·4 bytes stays in L2), then B panels p0..p1 (the thread's share), then A panels.
 */
import { F32, forLoop, I32, type FuncBuilder, type Local, ModuleBuilder, V128 } from '../emitter.js';

/** One GEMM variant's parameters. */
export interface GemmParams {
  mr: number;
  nr: number;
  /** K block (elements). */
  kc: number;
  /** M block (rows; a multiple of mr). */
  mc: number;
  /** Use f32x4.relaxed_madd for the multiply-add. */
  relaxed: boolean;
  /**
   * k steps per loop iteration (1 or 2). 2 halves the counter/pointer updates but measured slower
   * in V8 (4x8 relaxed on resnet18's 3×3 layers: 14.7 vs 24.9 GFLOP/s of CPU time, 06:57 UTC), so no
   * variant uses it; kept to re-measure on other engines.
   */
  unroll?: number;
}

/** Activation codes shared with the runtime. */
export const ACT_NONE = 0, ACT_RELU = 1, ACT_CLIP = 2;

/** Emits the module: exports `gemm`, `packA`, `packB`. */
export function emitGemm(p: GemmParams): ModuleBuilder {
  if (p.nr % 4 !== 0 || p.mc % p.mr !== 0) throw new Error(`gemm: nr must be a multiple of 4 and mc of mr (${JSON.stringify(p)})`);
  const m = new ModuleBuilder();
  emitGemmDriver(m, p);
  emitPackA(m, p);
  emitPackB(m, p);
  return m;
}

function emitGemmDriver(m: ModuleBuilder, p: GemmParams): void {
  const { mr: MR, nr: NR } = p;
  const NV = NR / 4;
  const f = m.func('gemm', [I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, F32, F32, I32]);
  const [a, b, bRow, bPanel, c, ldc, M, N, K, p0, p1, bias, biasMode, accumulate, act, lo, hi, scratch] = f.params;
  const pc = f.local(I32), kc = f.local(I32), ic = f.local(I32), icEnd = f.local(I32), jp = f.local(I32), i = f.local(I32);
  const ap = f.local(I32), bp = f.local(I32), k = f.local(I32), accFlag = f.local(I32), lastFlag = f.local(I32);
  const j = f.local(I32), rp = f.local(I32), ldc4 = f.local(I32), r = f.local(I32), cc = f.local(I32);
  const mrv = f.local(I32), nrv = f.local(I32), addr = f.local(I32), t = f.local(I32);
  const val = f.local(F32);
  const acc: Local[][] = [];
  for (let rr = 0; rr < MR; rr++) acc.push(Array.from({ length: NV }, () => f.local(V128)));
  const bv = Array.from({ length: NV }, () => f.local(V128));
  const av = f.local(V128), zero = f.local(V128), loV = f.local(V128), hiV = f.local(V128);

  f.f32(0).f32x4_splat().set(zero);
  f.get(lo).f32x4_splat().set(loV);
  f.get(hi).f32x4_splat().set(hiV);
  f.get(ldc).i32(2).i32_shl().set(ldc4);

  forLoop(f, pc, () => f.i32(0), () => f.get(K), p.kc, () => {
    // kc = min(KC, K - pc)
    f.get(K).get(pc).i32_sub().set(kc);
    f.get(kc).i32(p.kc).i32_gt_s().if_().i32(p.kc).set(kc).end();
    f.get(accumulate).get(pc).i32(0).i32_ne().i32_or().set(accFlag);
    f.get(pc).get(kc).i32_add().get(K).i32_eq().set(lastFlag);
    forLoop(f, ic, () => f.i32(0), () => f.get(M), p.mc, () => {
      f.get(ic).i32(p.mc).i32_add().set(icEnd);
      f.get(icEnd).get(M).i32_gt_s().if_().get(M).set(icEnd).end();
      forLoop(f, jp, () => f.get(p0), () => f.get(p1), 1, () => {
        f.get(jp).i32(NR).i32_mul().set(j);
        forLoop(f, i, () => f.get(ic), () => f.get(icEnd), MR, () => {
          // ap = a + (i·K + pc·MR)·4 ; bp = b + jp·bPanel + pc·bRow
          f.get(a).get(i).get(K).i32_mul().get(pc).i32(MR).i32_mul().i32_add().i32(2).i32_shl().i32_add().set(ap);
          f.get(b).get(jp).get(bPanel).i32_mul().i32_add().get(pc).get(bRow).i32_mul().i32_add().set(bp);
          for (const row of acc) for (const v of row) f.get(zero).set(v);
          emitMicroLoop(f, p, { ap, bp, k, kc, bRow, acc, bv, av });
          emitTileStore(f, p, {
            acc, c, ldc, ldc4, i, j, M, N, rp, accFlag, lastFlag, bias, biasMode, act, zero, loV, hiV, lo, hi,
            scratch, r, cc, mrv, nrv, addr, t, val,
          });
        });
      });
    });
  });
}

function emitMicroLoop(f: FuncBuilder, p: GemmParams, l: { ap: Local; bp: Local; k: Local; kc: Local; bRow: Local; acc: Local[][]; bv: Local[]; av: Local }): void {
  const { ap, bp, k, kc, bRow, acc, bv, av } = l;
  // One k step: B row at `bAddr` (pushed by the callback), A at ap + aOff.
  const step = (bAddr: () => void, aOff: number) => {
    bv.forEach((v, q) => { bAddr(); f.v128_load(q * 16).set(v); });
    for (let r = 0; r < p.mr; r++) {
      f.get(ap).v128_load32_splat(aOff + r * 4).set(av);
      acc[r].forEach((acv, q) => {
        if (p.relaxed) f.get(av).get(bv[q]).get(acv).f32x4_relaxed_madd().set(acv);
        else f.get(acv).get(av).get(bv[q]).f32x4_mul().f32x4_add().set(acv);
      });
    }
  };
  if ((p.unroll ?? 1) === 2) {
    // Odd kc: one single step first, then pairs.
    f.get(kc).set(k);
    f.get(k).i32(1).i32_and().if_();
    step(() => f.get(bp), 0);
    f.get(ap).i32(p.mr * 4).i32_add().set(ap);
    f.get(bp).get(bRow).i32_add().set(bp);
    f.get(k).i32(1).i32_sub().set(k);
    f.end();
    f.block();
    f.get(k).i32_eqz().br_if(0);
    f.loop();
    step(() => f.get(bp), 0);
    step(() => f.get(bp).get(bRow).i32_add(), p.mr * 4);
    f.get(ap).i32(p.mr * 8).i32_add().set(ap);
    f.get(bp).get(bRow).get(bRow).i32_add().i32_add().set(bp);
    f.get(k).i32(2).i32_sub().tee(k).br_if(0);
    f.end();
    f.end();
    return;
  }
  f.get(kc).set(k);
  f.loop();
  step(() => f.get(bp), 0);
  f.get(ap).i32(p.mr * 4).i32_add().set(ap);
  f.get(bp).get(bRow).i32_add().set(bp);
  f.get(k).i32(1).i32_sub().tee(k).br_if(0);
  f.end();
}

interface StoreLocals {
  acc: Local[][]; c: Local; ldc: Local; ldc4: Local; i: Local; j: Local; M: Local; N: Local; rp: Local;
  accFlag: Local; lastFlag: Local; bias: Local; biasMode: Local; act: Local; zero: Local; loV: Local; hiV: Local;
  lo: Local; hi: Local; scratch: Local; r: Local; cc: Local; mrv: Local; nrv: Local; addr: Local; t: Local; val: Local;
}

function emitTileStore(f: FuncBuilder, p: GemmParams, l: StoreLocals): void {
  const { mr: MR, nr: NR } = p;
  const { acc } = l;
  const rowStart = () => f.get(l.c).get(l.i).get(l.ldc).i32_mul().get(l.j).i32_add().i32(2).i32_shl().i32_add().set(l.rp);
  const nextRow = () => f.get(l.rp).get(l.ldc4).i32_add().set(l.rp);
  // full = i + MR <= M && j + NR <= N
  f.get(l.i).i32(MR).i32_add().get(l.M).i32_le_s().get(l.j).i32(NR).i32_add().get(l.N).i32_le_s().i32_and();
  f.if_();
  {
    f.get(l.accFlag).if_();
    rowStart();
    acc.forEach((row, r) => {
      if (r) nextRow();
      row.forEach((v, q) => f.get(v).get(l.rp).v128_load(q * 16).f32x4_add().set(v));
    });
    f.end();
    f.get(l.lastFlag).if_();
    {
      // Per-row bias (Conv: one per output channel).
      f.get(l.biasMode).i32(1).i32_eq().if_();
      acc.forEach((row, r) => {
        row.forEach((v) => f.get(v).get(l.bias).get(l.i).i32(2).i32_shl().i32_add().v128_load32_splat(r * 4).f32x4_add().set(v));
      });
      f.end();
      // Per-column bias (Gemm C row vector, MatMul bias).
      f.get(l.biasMode).i32(2).i32_eq().if_();
      row0Loads(f, l, NR / 4);
      f.end();
      f.get(l.act).i32(1).i32_eq().if_();
      for (const row of acc) for (const v of row) f.get(v).get(l.zero).f32x4_pmax().set(v);
      f.end();
      f.get(l.act).i32(2).i32_eq().if_();
      for (const row of acc) for (const v of row) f.get(v).get(l.loV).f32x4_pmax().get(l.hiV).f32x4_pmin().set(v);
      f.end();
    }
    f.end();
    rowStart();
    acc.forEach((row, r) => {
      if (r) nextRow();
      row.forEach((v, q) => f.get(l.rp).get(v).v128_store(q * 16));
    });
  }
  f.else_();
  f.get(l.M).get(l.i).i32_sub().set(l.mrv);
  f.get(l.mrv).i32(MR).i32_gt_s().if_().i32(MR).set(l.mrv).end();
  f.get(l.N).get(l.j).i32_sub().set(l.nrv);
  f.get(l.nrv).i32(NR).i32_gt_s().if_().i32(NR).set(l.nrv).end();
  f.get(l.nrv).i32(NR).i32_eq().if_();
  {
    // Rows past M, columns complete: the vector epilogue row by row for the rows that exist
    // (an LSTM step is M = batch = 1; the scalar path below cost every one of its 32 tiles).
    rowStart();
    acc.forEach((row, r) => {
      if (r) nextRow();
      f.get(l.mrv).i32(r).i32_gt_s().if_();
      f.get(l.accFlag).if_();
      row.forEach((v, q) => f.get(v).get(l.rp).v128_load(q * 16).f32x4_add().set(v));
      f.end();
      f.get(l.lastFlag).if_();
      f.get(l.biasMode).i32(1).i32_eq().if_();
      row.forEach((v) => f.get(v).get(l.bias).get(l.i).i32(2).i32_shl().i32_add().v128_load32_splat(r * 4).f32x4_add().set(v));
      f.end();
      f.get(l.biasMode).i32(2).i32_eq().if_();
      row.forEach((v, q) => f.get(v).get(l.bias).get(l.j).i32(2).i32_shl().i32_add().v128_load(q * 16).f32x4_add().set(v));
      f.end();
      f.get(l.act).i32(1).i32_eq().if_();
      row.forEach((v) => f.get(v).get(l.zero).f32x4_pmax().set(v));
      f.end();
      f.get(l.act).i32(2).i32_eq().if_();
      row.forEach((v) => f.get(v).get(l.loV).f32x4_pmax().get(l.hiV).f32x4_pmin().set(v));
      f.end();
      f.end();
      row.forEach((v, q) => f.get(l.rp).get(v).v128_store(q * 16));
      f.end();
    });
  }
  f.else_();
  {
    // Edge tile: spill the accumulators, then finish the valid mr×nr part one element at a time.
    acc.forEach((row, r) => row.forEach((v, q) => f.get(l.scratch).get(v).v128_store((r * NR + q * 4) * 4)));
    forLoop(f, l.r, () => f.i32(0), () => f.get(l.mrv), 1, () => {
      forLoop(f, l.cc, () => f.i32(0), () => f.get(l.nrv), 1, () => {
        f.get(l.scratch).get(l.r).i32(NR).i32_mul().get(l.cc).i32_add().i32(2).i32_shl().i32_add().f32_load().set(l.val);
        f.get(l.c).get(l.i).get(l.r).i32_add().get(l.ldc).i32_mul().get(l.j).i32_add().get(l.cc).i32_add().i32(2).i32_shl().i32_add().set(l.addr);
        f.get(l.accFlag).if_().get(l.val).get(l.addr).f32_load().f32_add().set(l.val).end();
        f.get(l.lastFlag).if_();
        f.get(l.biasMode).i32(1).i32_eq().if_()
          .get(l.val).get(l.bias).get(l.i).get(l.r).i32_add().i32(2).i32_shl().i32_add().f32_load().f32_add().set(l.val).end();
        f.get(l.biasMode).i32(2).i32_eq().if_()
          .get(l.val).get(l.bias).get(l.j).get(l.cc).i32_add().i32(2).i32_shl().i32_add().f32_load().f32_add().set(l.val).end();
        // Relu/Clip as `x < lo ? lo : x` so that NaN passes through, like the reference.
        f.get(l.act).i32(1).i32_eq().if_()
          .get(l.val).f32(0).f32_lt().if_().f32(0).set(l.val).end().end();
        f.get(l.act).i32(2).i32_eq().if_()
          .get(l.val).get(l.lo).f32_lt().if_().get(l.lo).set(l.val).end()
          .get(l.val).get(l.hi).f32_gt().if_().get(l.hi).set(l.val).end()
          .end();
        f.end();
        f.get(l.addr).get(l.val).f32_store();
      });
    });
  }
  f.end();
  f.end();
}

/** Per-column bias: one load per NR/4 vector, added to every row. Reuses the row-pointer local as the address. */
function row0Loads(f: FuncBuilder, l: StoreLocals, nv: number): void {
  f.get(l.bias).get(l.j).i32(2).i32_shl().i32_add().set(l.t);
  for (let q = 0; q < nv; q++) {
    for (const row of l.acc) f.get(row[q]).get(l.t).v128_load(q * 16).f32x4_add().set(row[q]);
  }
}

/**
 * packA(src, rowStride, colStride, M, K, dst, alpha): strides in elements, output in MR-row panels.
 * For MR = 4, full panels of a row-major A (colStride 1) go four k at a time: four row vectors,
 * a 4×4 transpose in shuffles, four stores (a scalar loop with a bounds test per element took
 * 15 µs for tinybert's [16, 512] activations, 07:17 UTC).
 */
function emitPackA(m: ModuleBuilder, p: GemmParams): void {
  const f = m.func('packA', [I32, I32, I32, I32, I32, I32, F32]);
  const [src, rs, cs, M, K, dst, alpha] = f.params;
  const i0 = f.local(I32), k = f.local(I32), d = f.local(I32), rowPtr = f.local(I32), rs4 = f.local(I32), kEnd = f.local(I32);
  const alphaV = f.local(V128);
  const r = [f.local(V128), f.local(V128), f.local(V128), f.local(V128)];
  const t = [f.local(V128), f.local(V128), f.local(V128), f.local(V128)];
  const lanes = (idx: number[]) => idx.flatMap((l) => [4 * l, 4 * l + 1, 4 * l + 2, 4 * l + 3]);
  f.get(dst).set(d);
  f.get(alpha).f32x4_splat().set(alphaV);
  f.get(rs).i32(2).i32_shl().set(rs4);
  forLoop(f, i0, () => f.i32(0), () => f.get(M), p.mr, () => {
    f.i32(0).set(k);
    if (p.mr === 4) {
      f.get(i0).i32(4).i32_add().get(M).i32_le_s().get(cs).i32(1).i32_eq().i32_and().if_();
      f.get(K).i32(-4).i32_and().set(kEnd);
      forLoop(f, k, () => f.i32(0), () => f.get(kEnd), 4, () => {
        f.get(src).get(i0).get(rs).i32_mul().get(k).i32_add().i32(2).i32_shl().i32_add().set(rowPtr);
        for (let q = 0; q < 4; q++) {
          f.get(rowPtr).v128_load().get(alphaV).f32x4_mul().set(r[q]);
          if (q < 3) f.get(rowPtr).get(rs4).i32_add().set(rowPtr);
        }
        f.get(r[0]).get(r[1]).i8x16_shuffle(lanes([0, 4, 1, 5])).set(t[0]);
        f.get(r[0]).get(r[1]).i8x16_shuffle(lanes([2, 6, 3, 7])).set(t[1]);
        f.get(r[2]).get(r[3]).i8x16_shuffle(lanes([0, 4, 1, 5])).set(t[2]);
        f.get(r[2]).get(r[3]).i8x16_shuffle(lanes([2, 6, 3, 7])).set(t[3]);
        f.get(d).get(t[0]).get(t[2]).i8x16_shuffle(lanes([0, 1, 4, 5])).v128_store(0);
        f.get(d).get(t[0]).get(t[2]).i8x16_shuffle(lanes([2, 3, 6, 7])).v128_store(16);
        f.get(d).get(t[1]).get(t[3]).i8x16_shuffle(lanes([0, 1, 4, 5])).v128_store(32);
        f.get(d).get(t[1]).get(t[3]).i8x16_shuffle(lanes([2, 3, 6, 7])).v128_store(48);
        f.get(d).i32(64).i32_add().set(d);
      });
      f.end();
    }
    // The rest (all of it for MR != 4, partial panels, strided A, and the last K % 4 columns).
    forLoop(f, k, () => f.get(k), () => f.get(K), 1, () => {
      for (let rr = 0; rr < p.mr; rr++) {
        f.get(d);
        f.get(i0).i32(rr).i32_add().get(M).i32_lt_s().if_(F32);
        f.get(src).get(i0).i32(rr).i32_add().get(rs).i32_mul().get(k).get(cs).i32_mul().i32_add().i32(2).i32_shl().i32_add().f32_load()
          .get(alpha).f32_mul();
        f.else_().f32(0).end();
        f.f32_store(rr * 4);
      }
      f.get(d).i32(p.mr * 4).i32_add().set(d);
    });
  });
}

/** packB(src, rowStride, colStride, K, N, dst): strides in elements, output in NR-column panels (zero-padded). */
function emitPackB(m: ModuleBuilder, p: GemmParams): void {
  const f = m.func('packB', [I32, I32, I32, I32, I32, I32]);
  const [src, rs, cs, K, N, dst] = f.params;
  const j0 = f.local(I32), k = f.local(I32), d = f.local(I32), s = f.local(I32);
  f.get(dst).set(d);
  forLoop(f, j0, () => f.i32(0), () => f.get(N), p.nr, () => {
    f.get(j0).i32(p.nr).i32_add().get(N).i32_le_s().get(cs).i32(1).i32_eq().i32_and();
    f.if_();
    forLoop(f, k, () => f.i32(0), () => f.get(K), 1, () => {
      f.get(src).get(k).get(rs).i32_mul().get(j0).i32_add().i32(2).i32_shl().i32_add().set(s);
      for (let q = 0; q < p.nr / 4; q++) f.get(d).get(s).v128_load(q * 16).v128_store(q * 16);
      f.get(d).i32(p.nr * 4).i32_add().set(d);
    });
    f.else_();
    forLoop(f, k, () => f.i32(0), () => f.get(K), 1, () => {
      for (let c = 0; c < p.nr; c++) {
        f.get(d);
        f.get(j0).i32(c).i32_add().get(N).i32_lt_s().if_(F32);
        f.get(src).get(k).get(rs).i32_mul().get(j0).i32(c).i32_add().get(cs).i32_mul().i32_add().i32(2).i32_shl().i32_add().f32_load();
        f.else_().f32(0).end();
        f.f32_store(c * 4);
      }
      f.get(d).i32(p.nr * 4).i32_add().set(d);
    });
    f.end();
  });
}

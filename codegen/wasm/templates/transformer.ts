/**
 * Templates for the transformer-block ops the fusions produce (src/ir/ops/fused/): `attention`
 * (FusedAttention: scores, softmax and the weighted sum of V in one pass per pair of query rows),
 * `layernorm` (LayerNormalization and SkipLayerNormalization over rows) and `gelu` (the exact,
 * erf form, as FusedMatMul's Gelu epilogue). SIMD over four lanes.
 *
 * exp and erf are polynomial approximations accurate to a few float32 ulps: exp reduces x to
 * r = x - n·ln2 (n = round(x·log2 e), ln2 split in two parts for exactness) and evaluates a degree-6
 * polynomial in r (the Cephes expf coefficients); erf is an odd/even rational function on x clamped
 * to [-4, 4] (beyond it erf is ±1 in float32), the form XLA and Eigen use for float erf.
 */
import { ERF } from '../../approximations.js';
import { F32, forLoop, I32, type FuncBuilder, type Local, ModuleBuilder, V128 } from '../emitter.js';

/**
 * Pushes exp(x) for the v128 in `x` (softmax only needs x ≤ 0; x is clamped to [-87.3, 88]).
 * Below -87.33654, where exp leaves float32's normal range, the result is 0 (`low` holds the lanes):
 * clamped, a masked key's exp(-∞) came out as the smallest normal float, and its products with V in
 * the weighted sum were subnormal, which x86 computes in slow microcode. tinybert's FusedAttention
 * with 4 of 16 keys masked: 84 → 15 µs per call, and the whole model 0.57 → 0.43 ms; tinybert_dyn at
 * batch 2: 220 → 28 µs per call (per-node profiles, 2026-11-27). NaN lanes stay NaN.
 */
function expV(f: FuncBuilder, x: Local, fx: Local, r: Local, low: Local): void {
  f.get(x).f32(-87.33654).f32x4_splat().f32x4_lt().set(low);
  f.get(x).f32(-87.33654).f32x4_splat().f32x4_pmax().f32(88).f32x4_splat().f32x4_pmin().set(x);
  f.get(x).f32(1.44269504088896341).f32x4_splat().f32x4_mul().f32x4_nearest().set(fx);
  // r = x - fx·ln2, ln2 = 0.693359375 - 2.12194440e-4 (the first part exact in a few bits).
  f.get(x).get(fx).f32(0.693359375).f32x4_splat().f32x4_mul().f32x4_sub()
    .get(fx).f32(-2.12194440e-4).f32x4_splat().f32x4_mul().f32x4_sub().set(r);
  const coeffs = [1.9875691500e-4, 1.3981999507e-3, 8.3334519073e-3, 4.1665795894e-2, 1.6666665459e-1, 5.0000001201e-1];
  f.f32(coeffs[0]).f32x4_splat();
  for (const c of coeffs.slice(1)) f.get(r).f32x4_mul().f32(c).f32x4_splat().f32x4_add();
  // p·r² + r + 1, then · 2^fx built in the exponent bits.
  f.get(r).f32x4_mul().get(r).f32x4_mul().get(r).f32x4_add().f32(1).f32x4_splat().f32x4_add();
  f.get(fx).i32x4_trunc_sat_f32x4_s().i32(127).i32x4_splat().i32x4_add().i32(23).i32x4_shl();
  f.f32x4_mul();
  f.get(low).v128_andnot();
}

/** Sums or maxes the four lanes of `v` into one f32 on the stack. */
function horizontal(f: FuncBuilder, v: Local, op: 'add' | 'max'): void {
  f.get(v).f32x4_extract_lane(0);
  for (let l = 1; l < 4; l++) {
    f.get(v).f32x4_extract_lane(l);
    if (op === 'add') f.f32_add(); else f.f32_max();
  }
}

/** `p += 4 · stride` (a float stride turned into bytes). */
const toBytes = (f: FuncBuilder, l: Local) => f.get(l).i32(2).i32_shl().set(l);

/**
 * `packKT(k, ksN, ksS, ksD, N, Skv, D, dst, ld)`: dst[n][d][j] = K(n, j, d) for j < Skv and 0 up
 * to the padded row length `ld` (a multiple of 4), so the score loop reads four keys per vector.
 * Strides are in floats. `attention(q, qsN, qsS, kT, ld, v, vsN, vsS, mask, msN, msS, y, ysN,
 * ysS, N, Sq, Skv, D, Dv, scale, row)`: for each head n and query i, scores over the packed keys
 * plus the mask row (ld floats, padded with -inf), softmax, and y[n, i, :] = p · V. `Dv` must be a
 * multiple of 4; `row` is 2·ld floats of scratch (query rows go in pairs).
 *
 * A variant with relaxed madd in both dot-product loops ran no faster (one query row at a time,
 * tinybert's two attention calls: plain 30–33 µs, relaxed 35–39 µs; tinybert_dyn at changing
 * lengths: plain 118–119 µs, relaxed 115–118 µs; 2026-11-27): a fused multiply-add waits as long as
 * the add it replaces, and the sums are chains of them, so there is one plain SIMD variant.
 */
export function emitAttention(): ModuleBuilder {
  const m = new ModuleBuilder();
  {
    const f = m.func('packKT', [I32, I32, I32, I32, I32, I32, I32, I32, I32]);
    const [k, ksN, ksS, ksD, N, Skv, D, dst, ld] = f.params;
    const n = f.local(I32), d = f.local(I32), j = f.local(I32), src = f.local(I32), out = f.local(I32);
    for (const s of [ksN, ksS, ksD]) toBytes(f, s);
    f.get(dst).set(out);
    forLoop(f, n, () => f.i32(0), () => f.get(N), 1, () => {
      forLoop(f, d, () => f.i32(0), () => f.get(D), 1, () => {
        f.get(k).get(n).get(ksN).i32_mul().i32_add().get(d).get(ksD).i32_mul().i32_add().set(src);
        forLoop(f, j, () => f.i32(0), () => f.get(ld), 1, () => {
          f.get(out);
          f.get(j).get(Skv).i32_lt_s().if_(F32).get(src).f32_load().else_().f32(0).end();
          f.f32_store();
          f.get(src).get(ksS).i32_add().set(src);
          f.get(out).i32(4).i32_add().set(out);
        });
      });
    });
  }
  {
    const f = m.func('attention', [I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, F32, I32]);
    const [q, qsN, qsS, kT, ld, v, vsN, vsS, mask, msN, msS, y, ysN, ysS, N, Sq, Skv, D, Dv, scale, row] = f.params;
    const n = f.local(I32), i = f.local(I32), jv = f.local(I32), d = f.local(I32), j = f.local(I32);
    const kHead = f.local(I32), kp = f.local(I32), vp = f.local(I32);
    const ldB = f.local(I32), dB = f.local(I32), dvB = f.local(I32), skvB = f.local(I32), ldB16 = f.local(I32), dvB16 = f.local(I32);
    const scaleV = f.local(V128), x = f.local(V128), fx = f.local(V128), r = f.local(V128), low = f.local(V128), t = f.local(V128);
    const loads = [f.local(V128), f.local(V128), f.local(V128), f.local(V128)];
    // Per query row of a group of two: its Q, mask and Y rows, its scratch row of scores, its
    // running max and sum, 1 / sum, the splat of its current term and four accumulators.
    const rows = [0, 1].map(() => ({
      q: f.local(I32), m: f.local(I32), y: f.local(I32), buf: f.local(I32),
      mx: f.local(V128), sum: f.local(V128), inv: f.local(F32), spl: f.local(V128),
      acc: [f.local(V128), f.local(V128), f.local(V128), f.local(V128)],
    }));
    for (const st of [qsN, qsS, vsN, vsS, msN, msS, ysN, ysS]) toBytes(f, st);
    f.get(ld).i32(-16).i32_and().i32(2).i32_shl().set(ldB16);
    f.get(Dv).i32(-16).i32_and().i32(2).i32_shl().set(dvB16);
    f.get(ld).i32(2).i32_shl().set(ldB);
    f.get(D).i32(2).i32_shl().set(dB);
    f.get(Dv).i32(2).i32_shl().set(dvB);
    f.get(Skv).i32(2).i32_shl().set(skvB);
    f.get(scale).f32x4_splat().set(scaleV);
    /**
     * Σ_t splat(s_r[t]) · load(vec + t·stride + 16u) into each row's accumulators u < `width`, t
     * over [0, endB / 4); leaves `vec` past the last term. The sums are chains of adds, each waiting
     * on the last: four vectors per row gave four chains (one ran 26 µs per tinybert attention
     * call, two 21 µs, 09:50 UTC), and a second query row doubles them while each loaded vector
     * serves both rows (tinybert's attention 28–31 → 24–25 µs per run, at changing lengths 109–111
     * → 92–96 µs; the same bits, 2026-11-27).
     */
    const splatRows = (group: typeof rows, width: number, tl: Local, endB: Local, s: (g: (typeof rows)[number]) => Local, vec: Local, stride: Local) => {
      for (const g of group) for (let u = 0; u < width; u++) f.f32(0).f32x4_splat().set(g.acc[u]);
      forLoop(f, tl, () => f.i32(0), () => f.get(endB), 4, () => {
        for (const g of group) f.get(s(g)).get(tl).i32_add().v128_load32_splat().set(g.spl);
        for (let u = 0; u < width; u++) {
          f.get(vec).v128_load(16 * u).set(loads[u]);
          for (const g of group) f.get(g.acc[u]).get(g.spl).get(loads[u]).f32x4_mul().f32x4_add().set(g.acc[u]);
        }
        f.get(vec).get(stride).i32_add().set(vec);
      });
    };
    /** Query rows i, i + 1, … (one per entry of `group`) of head n: scores, softmax, y. */
    const attendRows = (group: typeof rows) => {
      group.forEach((g, k) => {
        f.get(q).get(n).get(qsN).i32_mul().i32_add().get(i).i32(k).i32_add().get(qsS).i32_mul().i32_add().set(g.q);
        f.get(mask).get(n).get(msN).i32_mul().i32_add().get(i).i32(k).i32_add().get(msS).i32_mul().i32_add().set(g.m);
        f.get(y).get(n).get(ysN).i32_mul().i32_add().get(i).i32(k).i32_add().get(ysS).i32_mul().i32_add().set(g.y);
        f.get(row).get(ldB).i32(k).i32_mul().i32_add().set(g.buf);
        f.f32(-Infinity).f32x4_splat().set(g.mx);
      });
      // Scores: Σ_d q[d] · kT[d][j..], 16 keys (four vectors, one splat of q[d] each) at a time,
      // then 4; scaled, plus the mask.
      const scores = (width: number) => {
        f.get(kHead).get(jv).i32_add().set(kp);
        splatRows(group, width, d, dB, (g) => g.q, kp, ldB);
        for (const g of group) {
          for (let u = 0; u < width; u++) {
            f.get(g.acc[u]).get(scaleV).f32x4_mul().get(g.m).get(jv).i32_add().v128_load(16 * u).f32x4_add().set(g.acc[u]);
            f.get(g.buf).get(jv).i32_add().get(g.acc[u]).v128_store(16 * u);
            f.get(g.mx).get(g.acc[u]).f32x4_max().set(g.mx);
          }
        }
      };
      forLoop(f, jv, () => f.i32(0), () => f.get(ldB16), 64, () => scores(4));
      forLoop(f, jv, () => f.get(ldB16), () => f.get(ldB), 16, () => scores(1));
      // Softmax per row: exp(s - max), summed.
      for (const g of group) {
        horizontal(f, g.mx, 'max');
        f.f32x4_splat().set(g.mx);
        f.f32(0).f32x4_splat().set(g.sum);
        forLoop(f, jv, () => f.i32(0), () => f.get(ldB), 16, () => {
          f.get(g.buf).get(jv).i32_add().v128_load().get(g.mx).f32x4_sub().set(x);
          f.get(g.buf).get(jv).i32_add();
          expV(f, x, fx, r, low);
          f.tee(t).v128_store();
          f.get(g.sum).get(t).f32x4_add().set(g.sum);
        });
        f.f32(1);
        horizontal(f, g.sum, 'add');
        f.f32_div().set(g.inv);
      }
      // y[n, i, :] = Σ_j p[j] · V[n, j, :] / Σ p: sixteen features (four vectors, one splat of
      // p[j] per row) at a time, then 4.
      const weighted = (width: number) => {
        f.get(v).get(n).get(vsN).i32_mul().i32_add().get(d).i32_add().set(vp);
        splatRows(group, width, j, skvB, (g) => g.buf, vp, vsS);
        for (const g of group) {
          for (let u = 0; u < width; u++) f.get(g.y).get(d).i32_add().get(g.acc[u]).get(g.inv).f32x4_splat().f32x4_mul().v128_store(16 * u);
        }
      };
      forLoop(f, d, () => f.i32(0), () => f.get(dvB16), 64, () => weighted(4));
      forLoop(f, d, () => f.get(dvB16), () => f.get(dvB), 16, () => weighted(1));
    };
    forLoop(f, n, () => f.i32(0), () => f.get(N), 1, () => {
      f.get(kT).get(n).get(D).i32_mul().get(ldB).i32_mul().i32_add().set(kHead);
      // Query rows two at a time (the pair shares every K and V load), then the odd one.
      forLoop(f, i, () => f.i32(0), () => f.get(Sq).i32(1).i32_sub(), 2, () => attendRows(rows));
      f.get(i).get(Sq).i32_lt_s().if_();
      attendRows(rows.slice(0, 1));
      f.end();
    });
  }
  return m;
}

/**
 * `layernorm(x, skip, gamma, beta, y, sumOut, rows, cols, eps)`: per row of `cols` floats (a
 * multiple of 4), s = x (+ skip when skip ≠ 0, written to sumOut when sumOut ≠ 0), then
 * y = (s - mean) / sqrt(var + eps) · gamma (+ beta when beta ≠ 0), mean and variance over the row
 * (two passes, as the reference computes them).
 */
export function emitLayerNorm(): ModuleBuilder {
  const m = new ModuleBuilder();
  const f = m.func('layernorm', [I32, I32, I32, I32, I32, I32, I32, I32, F32]);
  const [x, skip, gamma, beta, y, sumOut, rows, cols, eps] = f.params;
  const rIdx = f.local(I32), c = f.local(I32), colsB = f.local(I32), src = f.local(I32), rowOff = f.local(I32);
  const acc = f.local(V128), t = f.local(V128), meanV = f.local(V128), invV = f.local(V128), colsB16 = f.local(I32);
  const accs = [acc, f.local(V128), f.local(V128), f.local(V128)];
  f.get(cols).i32(2).i32_shl().set(colsB);
  f.get(colsB).i32(-64).i32_and().set(colsB16);
  forLoop(f, rIdx, () => f.i32(0), () => f.get(rows), 1, () => {
    f.get(rIdx).get(colsB).i32_mul().set(rowOff);
    // s: x itself, or x + skip staged in sumOut (or y) so the two passes read it.
    f.get(x).get(rowOff).i32_add().set(src);
    f.get(skip).if_();
    f.get(sumOut).if_(I32).get(sumOut).else_().get(y).end().get(rowOff).i32_add().set(src);
    forLoop(f, c, () => f.i32(0), () => f.get(colsB), 16, () => {
      f.get(src).get(c).i32_add();
      f.get(x).get(rowOff).i32_add().get(c).i32_add().v128_load();
      f.get(skip).get(rowOff).i32_add().get(c).i32_add().v128_load();
      f.f32x4_add().v128_store();
    });
    f.end();
    rowSum(f, accs, c, colsB16, colsB, (k) => f.get(src).get(c).i32_add().v128_load(16 * k));
    horizontal(f, acc, 'add');
    f.get(cols).f32_convert_i32_s().f32_div().f32x4_splat().set(meanV);
    rowSum(f, accs, c, colsB16, colsB, (k) => f.get(src).get(c).i32_add().v128_load(16 * k).get(meanV).f32x4_sub().tee(t).get(t).f32x4_mul());
    f.f32(1);
    horizontal(f, acc, 'add');
    f.get(cols).f32_convert_i32_s().f32_div().get(eps).f32_add().f32_sqrt().f32_div().f32x4_splat().set(invV);
    forLoop(f, c, () => f.i32(0), () => f.get(colsB), 16, () => {
      f.get(y).get(rowOff).i32_add().get(c).i32_add();
      f.get(src).get(c).i32_add().v128_load().get(meanV).f32x4_sub().get(invV).f32x4_mul();
      f.get(gamma).get(c).i32_add().v128_load().f32x4_mul();
      f.get(beta).if_(V128).get(beta).get(c).i32_add().v128_load().else_().f32(0).f32x4_splat().end().f32x4_add();
      f.v128_store();
    });
  });
  return m;
}

/**
 * accs[0] = Σ of the vectors `term(k)` pushes at byte `c` + 16·k, over c in [0, endB): four
 * accumulators over groups of four vectors up to `end16B`, then one; each row's sum is otherwise
 * one dependent chain of adds (the gelu note below has the measurements).
 */
function rowSum(f: FuncBuilder, accs: Local[], c: Local, end16B: Local, endB: Local, term: (k: number) => void): void {
  for (const a of accs) f.f32(0).f32x4_splat().set(a);
  forLoop(f, c, () => f.i32(0), () => f.get(end16B), 64, () => {
    accs.forEach((a, k) => { f.get(a); term(k); f.f32x4_add().set(a); });
  });
  forLoop(f, c, () => f.get(end16B), () => f.get(endB), 16, () => { f.get(accs[0]); term(0); f.f32x4_add().set(accs[0]); });
  f.get(accs[0]).get(accs[1]).f32x4_add().get(accs[2]).get(accs[3]).f32x4_add().f32x4_add().set(accs[0]);
}

/**
 * `gelu(x, y, n)`: y = x · (1 + erf(x / √2)) / 2 over ceil(n / 4) vectors (the arena leaves slack
 * after every block, so the last vector may run past n). Four vectors per pass, their steps
 * interleaved: the erf evaluation is one long dependent chain per vector, and one vector per pass
 * ran at the chain's latency (25 µs for 8192 floats; a lone 12-step multiply-add chain alone took
 * 11 µs, 24 steps 33 µs: a scratch timing script, 10:03 UTC).
 */
export function emitGelu(): ModuleBuilder {
  const m = new ModuleBuilder();
  const f = m.func('gelu', [I32, I32, I32]);
  const [x, y, n] = f.params;
  const i = f.local(I32), end = f.local(I32), end4 = f.local(I32);
  // erf's rational approximation (codegen/approximations.ts, shared with the cpu templates).
  const alpha = ERF.p, beta = ERF.q;
  const splat = (c: number) => { const l = f.local(V128); f.f32(c).f32x4_splat().set(l); return l; };
  const [a, b] = [alpha.map(splat), beta.map(splat)];
  const [rsqrt2, lo, hi, one, half] = [Math.SQRT1_2, -ERF.clamp, ERF.clamp, 1, 0.5].map(splat);
  const lanes = (count: number) => Array.from({ length: count }, () => ({ xv: f.local(V128), z: f.local(V128), z2: f.local(V128), p: f.local(V128), q: f.local(V128) }));
  // Bytes: all vectors (n rounded up to 4 floats), and the part that fills whole groups of four.
  f.get(n).i32(3).i32_add().i32(-4).i32_and().i32(2).i32_shl().set(end);
  f.get(end).i32(-64).i32_and().set(end4);
  const body = (group: ReturnType<typeof lanes>) => {
    const each = (fn: (l: (typeof group)[number], u: number) => void) => group.forEach(fn);
    each((l, u) => f.get(x).get(i).i32_add().v128_load(16 * u).set(l.xv));
    each((l) => f.get(l.xv).get(rsqrt2).f32x4_mul().get(lo).f32x4_pmax().get(hi).f32x4_pmin().tee(l.z).get(l.z).f32x4_mul().set(l.z2));
    // erf(z) = z · P(z²) / Q(z²), both by Horner, the vectors' steps interleaved.
    each((l) => f.get(a[0]).set(l.p));
    each((l) => f.get(b[0]).set(l.q));
    for (let k = 1; k < a.length; k++) {
      each((l) => f.get(l.p).get(l.z2).f32x4_mul().get(a[k]).f32x4_add().set(l.p));
      if (k < b.length) each((l) => f.get(l.q).get(l.z2).f32x4_mul().get(b[k]).f32x4_add().set(l.q));
    }
    each((l, u) => {
      f.get(y).get(i).i32_add();
      f.get(l.p).get(l.z).f32x4_mul().get(l.q).f32x4_div().get(one).f32x4_add().get(l.xv).f32x4_mul().get(half).f32x4_mul();
      f.v128_store(16 * u);
    });
  };
  forLoop(f, i, () => f.i32(0), () => f.get(end4), 64, () => body(lanes(4)));
  forLoop(f, i, () => f.get(end4), () => f.get(end), 16, () => body(lanes(1)));
  return m;
}

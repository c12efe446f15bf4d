/**
 * Template `resize`: bilinear Resize (src/ir/ops/nn/resize.ts, mode 'linear') on the last two axes,
 * from sampling tables the caller takes from the spec's own plan (src/kernels/resize-taps.ts): two
 * source rows and two source columns per output index, with their weights. Per output row, the two
 * source rows are blended into a scratch row, four columns a step; then every output column blends
 * two values of that row. The sums run in float32 (the reference rounds once from float64; the
 * difference is an ulp or so, within the op's tolerance).
 */
import { F32, forLoop, I32, ModuleBuilder, V128 } from '../emitter.js';

/**
 * linear2d(x, y, planes, H, W, OH, OW, rows, rowW, cols, colW, t): `planes` [H, W] planes from `x`
 * resampled to [OH, OW] planes at `y`. `rows`/`cols` are int32 pairs of source indices per output
 * row/column and `rowW`/`colW` float32 pairs of weights; a row's second tap is skipped where its
 * weight is 0 (0·∞ would be NaN, and the reference skips it), and a skipped column tap points at
 * t[W], which this function sets to 0. `t` is scratch for W + 4 floats.
 */
export function emitResize(): ModuleBuilder {
  const m = new ModuleBuilder();
  const f = m.func('linear2d', Array(12).fill(I32));
  const [x, y, planes, H, W, OH, OW, rows, rowW, cols, colW, t] = f.params;
  const p = f.local(I32), oh = f.local(I32), ow = f.local(I32), j = f.local(I32), vEnd = f.local(I32);
  const a = f.local(I32), b = f.local(I32), yp = f.local(I32), plane = f.local(I32), W4 = f.local(I32);
  const wa = f.local(F32), wb = f.local(F32), va = f.local(V128), vb = f.local(V128);
  f.get(W).i32(2).i32_shl().set(W4);
  f.get(W).i32(-4).i32_and().set(vEnd);
  f.get(t).get(W4).i32_add().f32(0).f32_store();
  f.get(y).set(yp);
  forLoop(f, p, () => f.i32(0), () => f.get(planes), 1, () => {
    f.get(x).get(p).get(H).i32_mul().get(W4).i32_mul().i32_add().set(plane);
    forLoop(f, oh, () => f.i32(0), () => f.get(OH), 1, () => {
      // Source rows a, b (byte addresses) and their weights.
      f.get(plane).get(rows).get(oh).i32(3).i32_shl().i32_add().i32_load().get(W4).i32_mul().i32_add().set(a);
      f.get(plane).get(rows).get(oh).i32(3).i32_shl().i32_add().i32_load(4).get(W4).i32_mul().i32_add().set(b);
      f.get(rowW).get(oh).i32(3).i32_shl().i32_add().f32_load().set(wa);
      f.get(rowW).get(oh).i32(3).i32_shl().i32_add().f32_load(4).set(wb);
      f.get(wa).f32x4_splat().set(va);
      f.get(wb).f32x4_splat().set(vb);
      f.get(wb).f32(0).f32_eq().if_();
      forLoop(f, j, () => f.i32(0), () => f.get(vEnd), 4, () => {
        f.get(t).get(j).i32(2).i32_shl().i32_add();
        f.get(a).get(j).i32(2).i32_shl().i32_add().v128_load().get(va).f32x4_mul();
        f.v128_store();
      });
      forLoop(f, j, () => f.get(vEnd), () => f.get(W), 1, () => {
        f.get(t).get(j).i32(2).i32_shl().i32_add();
        f.get(a).get(j).i32(2).i32_shl().i32_add().f32_load().get(wa).f32_mul();
        f.f32_store();
      });
      f.else_();
      forLoop(f, j, () => f.i32(0), () => f.get(vEnd), 4, () => {
        f.get(t).get(j).i32(2).i32_shl().i32_add();
        f.get(a).get(j).i32(2).i32_shl().i32_add().v128_load().get(va).f32x4_mul();
        f.get(b).get(j).i32(2).i32_shl().i32_add().v128_load().get(vb).f32x4_mul();
        f.f32x4_add().v128_store();
      });
      forLoop(f, j, () => f.get(vEnd), () => f.get(W), 1, () => {
        f.get(t).get(j).i32(2).i32_shl().i32_add();
        f.get(a).get(j).i32(2).i32_shl().i32_add().f32_load().get(wa).f32_mul();
        f.get(b).get(j).i32(2).i32_shl().i32_add().f32_load().get(wb).f32_mul();
        f.f32_add().f32_store();
      });
      f.end();
      // The columns: two taps of the blended row each.
      forLoop(f, ow, () => f.i32(0), () => f.get(OW), 1, () => {
        f.get(yp);
        f.get(t).get(cols).get(ow).i32(3).i32_shl().i32_add().i32_load().i32(2).i32_shl().i32_add().f32_load();
        f.get(colW).get(ow).i32(3).i32_shl().i32_add().f32_load().f32_mul();
        f.get(t).get(cols).get(ow).i32(3).i32_shl().i32_add().i32_load(4).i32(2).i32_shl().i32_add().f32_load();
        f.get(colW).get(ow).i32(3).i32_shl().i32_add().f32_load(4).f32_mul();
        f.f32_add().f32_store();
        f.get(yp).i32(4).i32_add().set(yp);
      });
    });
  });
  return m;
}

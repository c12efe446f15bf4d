/**
 * Template `maxpool2d`: MaxPool (src/ir/ops/nn/pool.ts) over 2-D windows with strides, pads,
 * dilations (ceil_mode is resolved by the caller's window geometry). Scalar: taps in the padding
 * are skipped with one compare per row and column; the first tap inside the input is taken as it
 * is (NaN included) and later ones when `v > acc`, as the reference does. resnet18's one MaxPool (64×112×112, 3×3 stride 2) was 38 ms of its 393 ms
 * on the cpu provider's kernel under load (06:47 UTC profile), the largest non-conv cost.
 */
import { F32, forLoop, I32, ModuleBuilder } from '../emitter.js';

/** maxpool2d(x, y, planes, H, W, KH, KW, sh, sw, dh, dw, pt, pl, OH, OW). */
export function emitMaxPool2d(): ModuleBuilder {
  const m = new ModuleBuilder();
  const f = m.func('maxpool2d', Array(15).fill(I32));
  const [x, y, planes, H, W, KH, KW, sh, sw, dh, dw, pt, pl, OH, OW] = f.params;
  const c = f.local(I32), oh = f.local(I32), ow = f.local(I32), kh = f.local(I32), kw = f.local(I32);
  const ih0 = f.local(I32), iw0 = f.local(I32), ih = f.local(I32), iw = f.local(I32), yp = f.local(I32), row = f.local(I32);
  const acc = f.local(F32), v = f.local(F32), seen = f.local(I32);
  f.get(y).set(yp);
  forLoop(f, c, () => f.i32(0), () => f.get(planes), 1, () => {
    forLoop(f, oh, () => f.i32(0), () => f.get(OH), 1, () => {
      f.get(oh).get(sh).i32_mul().get(pt).i32_sub().set(ih0);
      forLoop(f, ow, () => f.i32(0), () => f.get(OW), 1, () => {
        f.get(ow).get(sw).i32_mul().get(pl).i32_sub().set(iw0);
        f.f32(-Infinity).set(acc);
        f.i32(0).set(seen);
        forLoop(f, kh, () => f.i32(0), () => f.get(KH), 1, () => {
          f.get(ih0).get(kh).get(dh).i32_mul().i32_add().set(ih);
          // Rows in the padding contribute nothing.
          f.get(ih).i32(0).i32_ge_s().get(ih).get(H).i32_lt_s().i32_and().if_();
          f.get(x).get(c).get(H).i32_mul().get(ih).i32_add().get(W).i32_mul().i32(2).i32_shl().i32_add().set(row);
          forLoop(f, kw, () => f.i32(0), () => f.get(KW), 1, () => {
            f.get(iw0).get(kw).get(dw).i32_mul().i32_add().set(iw);
            f.get(iw).i32(0).i32_ge_s().get(iw).get(W).i32_lt_s().i32_and().if_();
            f.get(row).get(iw).i32(2).i32_shl().i32_add().f32_load().set(v);
            // The first tap inside the input is taken as it is (NaN included), then `v > acc`.
            // A select rather than a branch: on real data the comparison is unpredictable.
            f.get(v).get(acc).get(v).get(acc).f32_gt().get(seen).i32_eqz().i32_or().select().set(acc);
            f.i32(1).set(seen);
            f.end();
          });
          f.end();
        });
        f.get(yp).get(acc).f32_store();
        f.get(yp).i32(4).i32_add().set(yp);
      });
    });
  });
  return m;
}

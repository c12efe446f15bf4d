/**
 * Template `elementwise`: f32 binary ops (the Add/Sub/Mul/Div family of
 * src/ir/ops/math/arithmetic.ts) for same-shape, scalar and trailing-axis broadcast, and the
 * unary Relu/Clip (src/ir/ops/math/activations.ts, clip.ts). SIMD over four lanes with a scalar
 * tail.
 */
import { F32, forLoop, I32, type FuncBuilder, ModuleBuilder, V128 } from '../emitter.js';

type BinOp = 'add' | 'sub' | 'mul' | 'div';
const VEC: Record<BinOp, (f: FuncBuilder) => FuncBuilder> = {
  add: (f) => f.f32x4_add(), sub: (f) => f.f32x4_sub(), mul: (f) => f.f32x4_mul(), div: (f) => f.f32x4_div(),
};
const SCALAR: Record<BinOp, (f: FuncBuilder) => FuncBuilder> = {
  add: (f) => f.f32_add(), sub: (f) => f.f32_sub(), mul: (f) => f.f32_mul(), div: (f) => f.f32_div(),
};

/**
 * Emits `<op>(a, b, out, outer, inner, bMode)` for add/sub/mul/div: out[o, i] = a[o, i] op b[…],
 * b being same-shape (bMode 0), a scalar (1), or an `inner`-long row repeated `outer` times (2).
 * Also `relu(x, out, n)` and `clip(x, out, n, lo, hi)`.
 */
export function emitElementwise(ops: readonly BinOp[] = ['add', 'sub', 'mul', 'div']): ModuleBuilder {
  const m = new ModuleBuilder();
  for (const op of ops) emitBinary(m, op);
  emitUnary(m, 'relu');
  emitUnary(m, 'clip');
  return m;
}

function emitBinary(m: ModuleBuilder, op: BinOp): void {
  const f = m.func(op, [I32, I32, I32, I32, I32, I32]);
  const [a, b, out, outer, inner, bMode] = f.params;
  const o = f.local(I32), i = f.local(I32), ap = f.local(I32), bp = f.local(I32), op_ = f.local(I32), vEnd = f.local(I32);
  const bs = f.local(V128);
  f.get(inner).i32(-4).i32_and().set(vEnd);
  f.get(b).v128_load32_splat().set(bs);
  f.get(a).set(ap);
  f.get(out).set(op_);
  f.get(b).set(bp);
  forLoop(f, o, () => f.i32(0), () => f.get(outer), 1, () => {
    // Row start of b: same-shape rows advance with a; repeated rows restart at b.
    f.get(bMode).i32(2).i32_eq().if_().get(b).set(bp).end();
    forLoop(f, i, () => f.i32(0), () => f.get(vEnd), 4, () => {
      f.get(op_).get(ap).v128_load();
      f.get(bMode).i32(1).i32_eq().if_(V128).get(bs).else_().get(bp).v128_load().end();
      VEC[op](f);
      f.v128_store();
      f.get(ap).i32(16).i32_add().set(ap);
      f.get(bp).i32(16).i32_add().set(bp);
      f.get(op_).i32(16).i32_add().set(op_);
    });
    forLoop(f, i, () => f.get(vEnd), () => f.get(inner), 1, () => {
      f.get(op_).get(ap).f32_load();
      f.get(bMode).i32(1).i32_eq().if_(F32).get(b).f32_load().else_().get(bp).f32_load().end();
      SCALAR[op](f);
      f.f32_store();
      f.get(ap).i32(4).i32_add().set(ap);
      f.get(bp).i32(4).i32_add().set(bp);
      f.get(op_).i32(4).i32_add().set(op_);
    });
  });
}

function emitUnary(m: ModuleBuilder, kind: 'relu' | 'clip'): void {
  const f = kind === 'relu' ? m.func('relu', [I32, I32, I32]) : m.func('clip', [I32, I32, I32, F32, F32]);
  const [x, out, n] = f.params;
  const lo = kind === 'relu' ? undefined : f.params[3], hi = kind === 'relu' ? undefined : f.params[4];
  const i = f.local(I32), vEnd = f.local(I32), loV = f.local(V128), hiV = f.local(V128), v = f.local(F32);
  f.get(n).i32(-4).i32_and().set(vEnd);
  if (lo && hi) { f.get(lo).f32x4_splat().set(loV); f.get(hi).f32x4_splat().set(hiV); } else f.f32(0).f32x4_splat().set(loV);
  forLoop(f, i, () => f.i32(0), () => f.get(vEnd), 4, () => {
    f.get(out).get(i).i32(2).i32_shl().i32_add();
    f.get(x).get(i).i32(2).i32_shl().i32_add().v128_load().get(loV).f32x4_pmax();
    if (hi) f.get(hiV).f32x4_pmin();
    f.v128_store();
  });
  forLoop(f, i, () => f.get(vEnd), () => f.get(n), 1, () => {
    f.get(x).get(i).i32(2).i32_shl().i32_add().f32_load().set(v);
    // `v < lo ? lo : v` keeps NaN, like pmax.
    if (lo && hi) {
      f.get(v).get(lo).f32_lt().if_().get(lo).set(v).end();
      f.get(v).get(hi).f32_gt().if_().get(hi).set(v).end();
    } else {
      f.get(v).f32(0).f32_lt().if_().f32(0).set(v).end();
    }
    f.get(out).get(i).i32(2).i32_shl().i32_add().get(v).f32_store();
  });
}

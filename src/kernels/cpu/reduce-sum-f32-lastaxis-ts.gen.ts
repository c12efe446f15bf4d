/*
 * generated, do not edit: run `npm run codegen`
 * spec:     src/ir/ops/reduction/reduce.ts, src/ir/ops/reduction/reduce-ops.ts
 * template: codegen/cpu/templates.ts (reduce)
 * variant:  reduce-sum-f32-lastaxis-ts  { op: 'ReduceSum', template: 'reduce', dtype: 'float32', tile: 'lastaxis' }
 */
/** ReduceSum of x viewed as [outer, len] over its last axis (the reduced axes are the trailing ones). */
export function reduce_sum_f32_lastaxis__ts(x: Float32Array, y: Float32Array, outer: number, len: number): void {
  outer = outer | 0; len = len | 0; // int32 arguments (see codegen/cpu/templates.ts)
  if (len === 0) { y.fill(0); return; }
  for (let o = 0; o < outer; o++) {
    const base = o * len;
    let acc = 0;
    for (let j = 0; j < len; j++) acc += x[base + j];
    y[o] = acc;
  }
}

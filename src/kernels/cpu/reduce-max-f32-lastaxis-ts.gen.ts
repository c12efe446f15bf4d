/*
 * generated, do not edit: run `npm run codegen`
 * spec:     src/ir/ops/reduction/reduce.ts, src/ir/ops/reduction/reduce-ops.ts
 * template: codegen/cpu/templates.ts (reduce)
 * variant:  reduce-max-f32-lastaxis-ts  { op: 'ReduceMax', template: 'reduce', dtype: 'float32', tile: 'lastaxis' }
 */
/** ReduceMax of x viewed as [outer, len] over its last axis (the reduced axes are the trailing ones). */
export function reduce_max_f32_lastaxis__ts(x: Float32Array, y: Float32Array, outer: number, len: number): void {
  outer = outer | 0; len = len | 0; // int32 arguments (see codegen/cpu/templates.ts)
  if (len === 0) { y.fill(-Infinity); return; }
  for (let o = 0; o < outer; o++) {
    const base = o * len;
    let acc = x[base];
    for (let j = 1; j < len; j++) { const t = x[base + j]; if (t > acc || t !== t) acc = t; }
    y[o] = acc;
  }
}

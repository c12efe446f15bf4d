/*
 * generated, do not edit: run `npm run codegen`
 * spec:     src/ir/ops/reduction/reduce.ts, src/ir/ops/reduction/reduce-ops.ts
 * template: codegen/cpu/templates.ts (reduce)
 * variant:  reduce-sum-f32-general-ts  { op: 'ReduceSum', template: 'reduce', dtype: 'float32', tile: 'general' }
 */
/** ReduceSum over any set of axes: `bases` holds each output's first input offset, `offsets` the reduced positions relative to it (axisOffsets in the spec's reduce.ts builds both). */
export function reduce_sum_f32_general__ts(x: Float32Array, y: Float32Array, bases: Int32Array, offsets: Int32Array): void {
  const n = offsets.length;
  if (n === 0) { y.fill(0); return; }
  for (let o = 0; o < bases.length; o++) {
    const base = bases[o];
    let acc = 0;
    for (let j = 0; j < n; j++) acc += x[base + offsets[j]];
    y[o] = acc;
  }
}

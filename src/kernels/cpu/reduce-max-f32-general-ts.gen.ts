/*
 * generated, do not edit: run `npm run codegen`
 * spec:     src/ir/ops/reduction/reduce.ts, src/ir/ops/reduction/reduce-ops.ts
 * template: codegen/cpu/templates.ts (reduce)
 * variant:  reduce-max-f32-general-ts  { op: 'ReduceMax', template: 'reduce', dtype: 'float32', tile: 'general' }
 */
/** ReduceMax over any set of axes: `bases` holds each output's first input offset, `offsets` the reduced positions relative to it (axisOffsets in the spec's reduce.ts builds both). */
export function reduce_max_f32_general__ts(x: Float32Array, y: Float32Array, bases: Int32Array, offsets: Int32Array): void {
  const n = offsets.length;
  if (n === 0) { y.fill(-Infinity); return; }
  for (let o = 0; o < bases.length; o++) {
    const base = bases[o];
    let acc = x[base];
    for (let j = 1; j < n; j++) { const t = x[base + offsets[j]]; if (t > acc || t !== t) acc = t; }
    y[o] = acc;
  }
}

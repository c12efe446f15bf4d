/*
 * generated, do not edit: run `npm run codegen`
 * spec:     src/ir/ops/nn/global-pool.ts
 * template: codegen/cpu/templates.ts (pool)
 * variant:  global-average-pool-f64-global-ts  { op: 'GlobalAveragePool', template: 'pool', dtype: 'float64', tile: 'global' }
 */
/** GlobalAveragePool: one value per [n, c] plane of `plane` elements. */
export function global_average_pool_f64_global__ts(x: Float64Array, y: Float64Array, planes: number, plane: number): void {
  planes = planes | 0; plane = plane | 0; // int32 arguments (see codegen/cpu/templates.ts)
  // Four running sums, added at the end: one chain of adds waits out each add's latency per
  // element. squeezenet's 1000 planes of 13×13 (read from wasm memory): 0.15 → 0.12 ms.
  for (let p = 0; p < planes; p++) {
    const s = p * plane, e = s + plane, e4 = s + (plane & ~3);
    let a0 = 0, a1 = 0, a2 = 0, a3 = 0, i = s;
    for (; i < e4; i += 4) { a0 += x[i]; a1 += x[i + 1]; a2 += x[i + 2]; a3 += x[i + 3]; }
    for (; i < e; i++) a0 += x[i];
    y[p] = ((a0 + a1) + (a2 + a3)) / plane;
  }
}

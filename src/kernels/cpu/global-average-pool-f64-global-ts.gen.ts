/*
 * generated, do not edit: run `npm run codegen`
 * spec:     src/ir/ops/nn/global-pool.ts
 * template: codegen/cpu/templates.ts (pool)
 * variant:  global-average-pool-f64-global-ts  { op: 'GlobalAveragePool', template: 'pool', dtype: 'float64', tile: 'global' }
 */
/** GlobalAveragePool: one value per [n, c] plane of `plane` elements. */
export function global_average_pool_f64_global__ts(x: Float64Array, y: Float64Array, planes: number, plane: number): void {
  planes = planes | 0; plane = plane | 0; // int32 arguments (see codegen/cpu/templates.ts)
  for (let p = 0; p < planes; p++) {
    const s = p * plane, e = s + plane;
    let acc = 0;
    for (let i = s; i < e; i++) acc += x[i];
    y[p] = acc / plane;
  }
}

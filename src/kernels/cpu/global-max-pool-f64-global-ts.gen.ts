/*
 * generated, do not edit: run `npm run codegen`
 * spec:     src/ir/ops/nn/global-pool.ts
 * template: codegen/cpu/templates.ts (pool)
 * variant:  global-max-pool-f64-global-ts  { op: 'GlobalMaxPool', template: 'pool', dtype: 'float64', tile: 'global' }
 */
/** GlobalMaxPool: one value per [n, c] plane of `plane` elements. */
export function global_max_pool_f64_global__ts(x: Float64Array, y: Float64Array, planes: number, plane: number): void {
  planes = planes | 0; plane = plane | 0; // int32 arguments (see codegen/cpu/templates.ts)
  for (let p = 0; p < planes; p++) {
    const s = p * plane, e = s + plane;
    let acc = -Infinity;
    for (let i = s; i < e; i++) if (x[i] > acc) acc = x[i];
    y[p] = acc;
  }
}

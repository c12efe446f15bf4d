/*
 * generated, do not edit: run `npm run codegen`
 * spec:     src/ir/ops/tensor/slice.ts
 * template: codegen/cpu/templates.ts (slice)
 * variant:  slice-f64-runs-ts  { op: 'Slice', template: 'slice', dtype: 'float64', tile: 'runs' }
 */
/** `outer` runs of `run` elements: run o starts at `o·span + start` in `data` and at `o·run` in `out` (for an axis slice, span = axisDim·inner, start = first·inner, run = count·inner); copied with `set` when long, element by element when short, as the gather template does. */
export function slice_f64_runs__ts(data: Float64Array, out: Float64Array, outer: number, span: number, start: number, run: number): void {
  outer = outer | 0; span = span | 0; start = start | 0; run = run | 0; // int32 arguments (see codegen/cpu/templates.ts)
  for (let o = 0; o < outer; o++) {
    const a = o * span + start, b = o * run;
    if (run >= 16) out.set(data.subarray(a, a + run), b);
    else for (let k = 0; k < run; k++) out[b + k] = data[a + k];
  }
}

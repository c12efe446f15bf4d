/*
 * generated, do not edit: run `npm run codegen`
 * spec:     src/ir/ops/indexing/gather.ts
 * template: codegen/cpu/templates.ts (gather)
 * variant:  gather-f32-blocks-ts  { op: 'Gather', template: 'gather', dtype: 'float32', tile: 'blocks' }
 */
/** Gather of data viewed as [outer, axisDim, inner] with validated non-negative `idx`: blocks of `inner` elements are copied with `set` when long, element by element when short (a call per short block costs more than the copy). */
export function gather_f32_blocks__ts(data: Float32Array, idx: Int32Array, out: Float32Array, outer: number, axisDim: number, inner: number): void {
  outer = outer | 0; axisDim = axisDim | 0; inner = inner | 0; // int32 arguments (see codegen/cpu/templates.ts)
  const n = idx.length;
  for (let o = 0; o < outer; o++) {
    const src = o * axisDim, dst = o * n;
    for (let j = 0; j < n; j++) {
      const a = (src + idx[j]) * inner, b = (dst + j) * inner;
      if (inner >= 16) out.set(data.subarray(a, a + inner), b);
      else for (let k = 0; k < inner; k++) out[b + k] = data[a + k];
    }
  }
}

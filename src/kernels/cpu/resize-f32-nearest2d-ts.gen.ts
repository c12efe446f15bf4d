/*
 * generated, do not edit: run `npm run codegen`
 * spec:     src/ir/ops/nn/resize.ts
 * template: codegen/cpu/templates.ts (resize)
 * variant:  resize-f32-nearest2d-ts  { op: 'Resize', template: 'resize', dtype: 'float32', tile: 'nearest2d' }
 */
/** y[p][oh][ow] = x[p][floor(oh / sh)][floor(ow / sw)] for `planes` [H, W] planes and whole factors sh, sw ≥ 1. */
export function resize_f32_nearest2d__ts(x: Float32Array, y: Float32Array, planes: number, H: number, W: number, sh: number, sw: number): void {
  planes = planes | 0; H = H | 0; W = W | 0; sh = sh | 0; sw = sw | 0; // int32 arguments (see codegen/cpu/templates.ts)
  const OW = W * sw;
  let o = 0;
  for (let p = 0; p < planes; p++) {
    for (let ih = 0; ih < H; ih++) {
      const rowStart = o;
      const src = (p * H + ih) * W;
      for (let iw = 0; iw < W; iw++) {
        const value = x[src + iw];
        for (let k = 0; k < sw; k++) y[o++] = value;
      }
      for (let k = 1; k < sh; k++, o += OW) y.copyWithin(o, rowStart, rowStart + OW);
    }
  }
}

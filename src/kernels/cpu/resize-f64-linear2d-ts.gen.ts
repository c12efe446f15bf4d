/*
 * generated, do not edit: run `npm run codegen`
 * spec:     src/ir/ops/nn/resize.ts
 * template: codegen/cpu/templates.ts (resize)
 * variant:  resize-f64-linear2d-ts  { op: 'Resize', template: 'resize', dtype: 'float64', tile: 'linear2d' }
 */
/** t[off + j] = wa·x[a + j] + wb·x[b + j] + z for j < W, without the second tap where wb is 0 (the reference skips it: 0·∞ would be NaN). */
function blendRow(x: Float64Array, t: Float64Array, off: number, a: number, b: number, wa: number, wb: number, W: number, z: number): void {
  off = off | 0; a = a | 0; b = b | 0; W = W | 0; // int32 arguments (see codegen/cpu/templates.ts)
  if (wb === 0) for (let j = 0; j < W; j++) t[off + j] = wa * x[a + j] + z;
  else for (let j = 0; j < W; j++) t[off + j] = wa * x[a + j] + wb * x[b + j] + z;
}

/**
 * y[p][oh][ow] = Σ colW[2ow+k]·t[cols[2ow+k]] + zc over k < 2, with t[j] = Σ rowW[2oh+k]·x[p][rows[2oh+k]][j] + zr (the second tap
 * left out where its weight is 0), for `planes` [H, W] planes resampled to [OH, OW]. `t` is scratch of 4·(W + 1) float64: four
 * blended rows, each followed by the −0 slot. Rows outside [rowLo, rowHi) sample the value `e` (t = e), columns outside
 * [colLo, colHi) are `e`.
 */
export function resize_f64_linear2d__ts(x: Float64Array, y: Float64Array, planes: number, H: number, W: number, OH: number, OW: number, rows: Int32Array, rowW: Float64Array, cols: Int32Array, colW: Float64Array, t: Float64Array, rowLo: number, rowHi: number, colLo: number, colHi: number, zr: number, zc: number, e: number): void {
  planes = planes | 0; H = H | 0; W = W | 0; OH = OH | 0; OW = OW | 0; rowLo = rowLo | 0; rowHi = rowHi | 0; colLo = colLo | 0; colHi = colHi | 0; // int32 arguments (see codegen/cpu/templates.ts)
  const s = W + 1;
  for (let k = 0; k < 4; k++) t[k * s + W] = -0;
  for (let p = 0; p < planes; p++) {
    const src = p * H * W;
    for (let oh = 0; oh < OH; oh += 4) {
      const n = OH - oh < 4 ? OH - oh : 4;
      for (let k = 0; k < n; k++) {
        const r = oh + k;
        if (r < rowLo || r >= rowHi) t.fill(e, k * s, k * s + W);
        else blendRow(x, t, k * s, src + rows[2 * r] * W, src + rows[2 * r + 1] * W, rowW[2 * r], rowW[2 * r + 1], W, zr);
      }
      const o = (p * OH + oh) * OW;
      if (colLo > 0 || colHi < OW) {
        for (let k = 0; k < n; k++) {
          y.fill(e, o + k * OW, o + k * OW + colLo);
          y.fill(e, o + k * OW + colHi, o + (k + 1) * OW);
        }
      }
      if (n === 4) {
        for (let ow = colLo; ow < colHi; ow++) {
          const ca = cols[2 * ow], cb = cols[2 * ow + 1], wa = colW[2 * ow], wb = colW[2 * ow + 1];
          y[o + ow] = wa * t[ca] + wb * t[cb] + zc;
          y[o + OW + ow] = wa * t[s + ca] + wb * t[s + cb] + zc;
          y[o + 2 * OW + ow] = wa * t[2 * s + ca] + wb * t[2 * s + cb] + zc;
          y[o + 3 * OW + ow] = wa * t[3 * s + ca] + wb * t[3 * s + cb] + zc;
        }
      } else {
        for (let k = 0; k < n; k++) {
          const r = k * s, ok = o + k * OW;
          for (let ow = colLo; ow < colHi; ow++) y[ok + ow] = colW[2 * ow] * t[r + cols[2 * ow]] + colW[2 * ow + 1] * t[r + cols[2 * ow + 1]] + zc;
        }
      }
    }
  }
}

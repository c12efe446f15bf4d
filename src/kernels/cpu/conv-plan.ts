/**
 * The window geometry the generated Conv and pool kernels read: the spec's WindowGeometry
 * (src/ir/ops/common/conv-shapes.ts, computed once by `windowGeometry` for every provider) unpacked
 * into named numbers, spatial dims viewed as 3-D with leading 1s.
 */
import { as3d, type WindowGeometry } from '../../ir/ops/common/conv-shapes.js';

/** Input sizes, kernel, output sizes, strides, dilations, begin pads (p*) and end pads (e*). */
export interface ConvPlan {
  D: number; H: number; W: number;
  KD: number; KH: number; KW: number;
  OD: number; OH: number; OW: number;
  sd: number; sh: number; sw: number;
  dd: number; dh: number; dw: number;
  pd: number; ph: number; pw: number;
  ed: number; eh: number; ew: number;
}

/** The plan of `geo` over input spatial dims `spatial` (1 to 3 of them). */
export function convPlan(spatial: readonly number[], geo: WindowGeometry): ConvPlan {
  const n = spatial.length;
  const [D, H, W] = as3d(spatial, 1);
  const [KD, KH, KW] = as3d(geo.kernel, 1);
  const [OD, OH, OW] = as3d(geo.out, 1);
  const [sd, sh, sw] = as3d(geo.strides, 1);
  const [dd, dh, dw] = as3d(geo.dilations, 1);
  const [pd, ph, pw] = as3d(geo.pads.slice(0, n), 0);
  const [ed, eh, ew] = as3d(geo.pads.slice(n), 0);
  // Small integers (`| 0`) from the literal on, so the kernels that read these fields keep int32
  // loop indices (see the `int` parameters in codegen/cpu/templates.ts): sizes that came out of a
  // division are doubles. Coercing after the literal was built left a field that had held a double
  // with V8's double representation: the depthwise kernel deoptimized on `oh < OH` ("not a Smi") and
  // ran its loops on doubles, 2× slower inside a session than alone (SqueezeNet's three MaxPools,
  // per-node profile: 16.3 → 10.2 ms).
  return {
    D: D | 0, H: H | 0, W: W | 0, KD: KD | 0, KH: KH | 0, KW: KW | 0, OD: OD | 0, OH: OH | 0, OW: OW | 0,
    sd: sd | 0, sh: sh | 0, sw: sw | 0, dd: dd | 0, dh: dh | 0, dw: dw | 0, pd: pd | 0, ph: ph | 0, pw: pw | 0,
    ed: ed | 0, eh: eh | 0, ew: ew | 0,
  };
}

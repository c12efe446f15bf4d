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
  // Small integers (`| 0`), so the kernels that read these fields keep int32 loop indices (see the
  // `int` parameters in codegen/cpu/templates.ts): sizes that came out of a division are doubles.
  const plan = { D, H, W, KD, KH, KW, OD, OH, OW, sd, sh, sw, dd, dh, dw, pd, ph, pw, ed, eh, ew };
  for (const k of Object.keys(plan) as (keyof ConvPlan)[]) plan[k] |= 0;
  return plan;
}

/**
 * DeformConv: convolution whose kernel taps sample the input at learned fractional offsets
 * (Deformable ConvNets v1, and v2 with the optional mask).
 * https://onnx.ai/onnx/operators/onnx__DeformConv.html
 */
import { ShapeError } from '../../errors.js';
import type { Dim } from '../../model.js';
import { readValues, Tensor } from '../../tensor.js';
import { windowGeometry, windowOutputDims } from '../common/conv-shapes.js';
import { FLOATS } from '../common/types.js';
import { defineOp } from '../spec.js';
import { matmulBlock } from '../linalg/matmul.js';

/** DeformConv: Y = W ⋆ (X sampled at the regular grid + offset, times mask) + B. */
export const DeformConv = defineOp({
  name: 'DeformConv',
  versions: [19, 22],
  doc: 'Deformable convolution: each kernel tap reads X bilinearly at its grid position plus a per-output offset, scaled by an optional mask.',
  inputs: [
    { name: 'X', type: 'T' }, { name: 'W', type: 'T' }, { name: 'offset', type: 'T' },
    { name: 'B', type: 'T', optional: true }, { name: 'mask', type: 'T', optional: true },
  ],
  outputs: [{ name: 'Y', type: 'T' }],
  types: { T: FLOATS },
  attributes: {
    dilations: { type: 'ints' },
    group: { type: 'int', default: 1 },
    kernel_shape: { type: 'ints' },
    offset_group: { type: 'int', default: 1 },
    pads: { type: 'ints' },
    strides: { type: 'ints' },
  },
  inferShape: ({ inputs: [x, w], attrs }) => {
    if (!x?.dims || !w?.dims) return [{ kind: 'tensor', dtype: x?.dtype }];
    if (x.dims.length < 3 || w.dims.length !== x.dims.length) {
      throw new ShapeError(`DeformConv needs X of rank >= 3 and W of the same rank, got X [${x.dims.join(',')}] and W [${w.dims.join(',')}]`);
    }
    const kernel = attrs.kernel_shape ?? w.dims.slice(2).map((d) => (typeof d === 'number' ? d : undefined));
    return [{ kind: 'tensor', dtype: x.dtype, dims: windowOutputDims(x.dims, w.dims[0] as Dim, kernel, attrs) }];
  },
  reference: ({ inputs, attrs }) => {
    const x = inputs[0] as Tensor, w = inputs[1] as Tensor, offset = inputs[2] as Tensor;
    const b = inputs[3] as Tensor | null | undefined, mask = inputs[4] as Tensor | null | undefined;
    const inSp = x.dims.slice(2), r = inSp.length;
    const kernel = attrs.kernel_shape ?? w.dims.slice(2);
    const geo = windowGeometry(inSp, kernel, attrs);
    const [N, C] = x.dims, M = w.dims[0], G = attrs.group, OG = attrs.offset_group;
    if (C % G !== 0 || M % G !== 0 || C % OG !== 0 || w.dims[1] !== C / G) {
      throw new ShapeError(`DeformConv: X [${x.dims.join(',')}], W [${w.dims.join(',')}] do not fit group ${G} and offset_group ${OG}`);
    }
    const K = kernel.reduce((p, q) => p * q, 1);
    const inPlane = inSp.reduce((p, q) => p * q, 1), outPlane = geo.out.reduce((p, q) => p * q, 1);
    const xv = readValues(x), wv = readValues(w), ov = readValues(offset), mv = mask ? readValues(mask) : undefined;
    const bv = b ? readValues(b) : undefined;
    const Cg = C / G, Mg = M / G, cPerOffset = C / OG;
    const out = new Float64Array(N * M * outPlane);
    // cols[c*K + k][p]: the (offset, masked) input value that kernel tap k of channel c sees at output p.
    const cols = new Float64Array(C * K * outPlane);
    const kPos = new Array<number>(r), oPos = new Array<number>(r), loc = new Array<number>(r);
    const inStride = inSp.map((_, a) => inSp.slice(a + 1).reduce((p, q) => p * q, 1));
    for (let n = 0; n < N; n++) {
      for (let og = 0; og < OG; og++) {
        for (let k = 0; k < K; k++) {
          unravel(k, kernel, kPos);
          for (let p = 0; p < outPlane; p++) {
            unravel(p, geo.out, oPos);
            for (let a = 0; a < r; a++) {
              const off = ov[((n * OG + og) * K * r + k * r + a) * outPlane + p];
              loc[a] = oPos[a] * geo.strides[a] - geo.pads[a] + kPos[a] * geo.dilations[a] + off;
            }
            const m = mv ? mv[((n * OG + og) * K + k) * outPlane + p] : 1;
            for (let c = og * cPerOffset; c < (og + 1) * cPerOffset; c++) {
              cols[(c * K + k) * outPlane + p] = m * sampleLinear(xv, (n * C + c) * inPlane, inSp, inStride, loc);
            }
          }
        }
      }
      for (let g = 0; g < G; g++) {
        const oOff = (n * M + g * Mg) * outPlane;
        if (bv) for (let m = 0; m < Mg; m++) out.fill(bv[g * Mg + m], oOff + m * outPlane, oOff + (m + 1) * outPlane);
        matmulBlock(wv, g * Mg * Cg * K, cols, g * Cg * K * outPlane, out, oOff, Mg, Cg * K, outPlane);
      }
    }
    return [Tensor.fromValues(x.type, [N, M, ...geo.out], out)];
  },
});

/** N-linear sample of one plane at `loc`; positions a full pixel or more outside read as 0, as do missing corners. */
function sampleLinear(v: ArrayLike<number>, base: number, size: readonly number[], stride: readonly number[], loc: readonly number[]): number {
  const r = size.length;
  for (let a = 0; a < r; a++) if (loc[a] <= -1 || loc[a] >= size[a]) return 0;
  let acc = 0;
  // Visit the 2^r corners of the cell containing loc.
  for (let corner = 0; corner < 1 << r; corner++) {
    let weight = 1, flat = base;
    for (let a = 0; a < r && weight !== 0; a++) {
      const lo = Math.floor(loc[a]), t = loc[a] - lo;
      const hiSide = (corner >> a) & 1;
      const i = lo + hiSide;
      if (i < 0 || i >= size[a]) { weight = 0; break; }
      weight *= hiSide ? t : 1 - t;
      flat += i * stride[a];
    }
    if (weight !== 0) acc += weight * v[flat];
  }
  return acc;
}

function unravel(i: number, dims: readonly number[], into: number[]): void {
  for (let a = dims.length - 1; a >= 0; a--) {
    into[a] = i % dims[a];
    i = Math.floor(i / dims[a]);
  }
}

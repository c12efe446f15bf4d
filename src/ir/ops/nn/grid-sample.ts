/**
 * GridSample: samples X at the normalized locations of `grid` (spatial transformer networks).
 * https://onnx.ai/onnx/operators/onnx__GridSample.html
 */
import { ShapeError } from '../../errors.js';
import { readValues, Tensor } from '../../tensor.js';
import { FLOATS, NUMERIC } from '../common/types.js';
import { defineOp } from '../spec.js';
import { numericValues } from '../linalg/matmul.js';

/** GridSample: Y[n, c, p] = X[n, c] interpolated at grid[n, p] (coordinates in [-1, 1]). */
export const GridSample = defineOp({
  name: 'GridSample',
  versions: [16, 20, 22],
  doc: 'Samples X [N,C,D1..Dr] at grid [N,O1..Or,r] locations (normalized to [-1,1], innermost axis first).',
  inputs: [{ name: 'X', type: 'T1' }, { name: 'grid', type: 'T2' }],
  outputs: [{ name: 'Y', type: 'T1' }],
  types: { T1: NUMERIC, T2: FLOATS },
  attributes: {
    align_corners: { type: 'int', default: 0 },
    // Opset 16 spells the modes 'bilinear'/'bicubic'; both spellings are accepted at every version.
    mode: { type: 'string', default: 'bilinear', defaultsByVersion: [[20, 'linear']] },
    padding_mode: { type: 'string', default: 'zeros' },
  },
  inferShape: ({ inputs: [x, grid] }) => {
    if (!x?.dims || !grid?.dims) return [{ kind: 'tensor', dtype: x?.dtype }];
    if (grid.dims.length !== x.dims.length) {
      throw new ShapeError(`GridSample: grid [${grid.dims.join(',')}] should have the rank of X [${x.dims.join(',')}]`);
    }
    return [{ kind: 'tensor', dtype: x.dtype, dims: [x.dims[0], x.dims[1], ...grid.dims.slice(1, -1)] }];
  },
  reference: ({ inputs, attrs }) => {
    const x = inputs[0] as Tensor, grid = inputs[1] as Tensor;
    const r = x.dims.length - 2;
    if (grid.dims[grid.dims.length - 1] !== r) throw new ShapeError(`GridSample: grid [${grid.dims.join(',')}] should end in ${r}`);
    const [N, C] = x.dims;
    const inSp = x.dims.slice(2), outSp = grid.dims.slice(1, -1);
    const inPlane = inSp.reduce((p, q) => p * q, 1), outPlane = outSp.reduce((p, q) => p * q, 1);
    const mode = ({ bilinear: 'linear', bicubic: 'cubic' } as Record<string, string>)[attrs.mode] ?? attrs.mode;
    if (!['linear', 'nearest', 'cubic'].includes(mode)) throw new ShapeError(`GridSample: unknown mode '${attrs.mode}'`);
    const xv = numericValues(x), gv = readValues(grid);
    const inStride = inSp.map((_, a) => inSp.slice(a + 1).reduce((p, q) => p * q, 1));
    const out = new Float64Array(N * C * outPlane);
    const taps = inSp.map(() => ({ index: [] as number[], weight: [] as number[] }));
    for (let n = 0; n < N; n++) {
      for (let p = 0; p < outPlane; p++) {
        // Per axis: the input positions and weights that contribute (index -1 = padding zero).
        for (let a = 0; a < r; a++) {
          const g = gv[(n * outPlane + p) * r + (r - 1 - a)];
          axisTaps(g, inSp[a], mode, attrs.padding_mode, !!attrs.align_corners, taps[a]);
        }
        // The output is the tensor product of the per-axis taps.
        const combos: { offset: number; weight: number }[] = [{ offset: 0, weight: 1 }];
        for (let a = 0; a < r; a++) {
          const next: { offset: number; weight: number }[] = [];
          for (const c of combos) {
            taps[a].index.forEach((i, t) => {
              if (i >= 0 && taps[a].weight[t] !== 0) next.push({ offset: c.offset + i * inStride[a], weight: c.weight * taps[a].weight[t] });
            });
          }
          combos.splice(0, combos.length, ...next);
        }
        for (let c = 0; c < C; c++) {
          const base = (n * C + c) * inPlane;
          let acc = 0;
          for (const k of combos) acc += k.weight * xv[base + k.offset];
          out[(n * C + c) * outPlane + p] = acc;
        }
      }
    }
    return [Tensor.fromValues(x.type, [N, C, ...outSp], out)];
  },
});

/**
 * Taps of one axis for normalized coordinate g. Nearest and linear first move the coordinate
 * inside (border: clamp; reflection: mirror) then read; cubic keeps the coordinate and applies the
 * padding to each of its four taps, as PyTorch does.
 */
function axisTaps(g: number, size: number, mode: string, padding: string, align: boolean, into: { index: number[]; weight: number[] }): void {
  into.index.length = 0;
  into.weight.length = 0;
  let x = align ? ((g + 1) / 2) * (size - 1) : ((g + 1) * size - 1) / 2;
  const [lo, hi] = align ? [0, size - 1] : [-0.5, size - 0.5];
  const pixel = (i: number): number => {
    if (i >= 0 && i < size) return i;
    if (padding === 'zeros') return -1;
    if (padding === 'border') return i < 0 ? 0 : size - 1;
    return clampIndex(Math.round(reflect(i, lo, hi)), size);
  };
  if (mode !== 'cubic') {
    if (padding === 'border') x = Math.min(Math.max(x, 0), size - 1);
    else if (padding === 'reflection') x = Math.min(Math.max(reflect(x, lo, hi), 0), size - 1);
  }
  if (mode === 'nearest') {
    into.index.push(pixel(roundHalfEven(x)));
    into.weight.push(1);
  } else if (mode === 'linear') {
    const i0 = Math.floor(x), t = x - i0;
    into.index.push(pixel(i0), pixel(i0 + 1));
    into.weight.push(1 - t, t);
  } else {
    const i0 = Math.floor(x), t = x - i0;
    for (let k = -1; k <= 2; k++) {
      into.index.push(pixel(i0 + k));
      into.weight.push(cubic(k - t));
    }
  }
}

/** Cubic convolution kernel with a = -0.75 (PyTorch's bicubic). */
function cubic(d: number): number {
  const a = -0.75, x = Math.abs(d);
  if (x <= 1) return ((a + 2) * x - (a + 3)) * x * x + 1;
  if (x < 2) return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a;
  return 0;
}

/** Mirrors x into [lo, hi] repeatedly (a location beyond a border reflects off it). */
function reflect(x: number, lo: number, hi: number): number {
  const span = hi - lo;
  if (span <= 0) return lo;
  if (x >= lo && x <= hi) return x;
  const d = x < lo ? lo - x : x - hi;
  const flips = Math.floor(d / span), rest = d - flips * span;
  const fromLo = x < lo ? flips % 2 === 0 : flips % 2 === 1;
  return fromLo ? lo + rest : hi - rest;
}

function clampIndex(i: number, size: number): number {
  return i < 0 ? 0 : i >= size ? size - 1 : i;
}

/** Rounds halfway cases to the even neighbour (like C's nearbyint). */
function roundHalfEven(x: number): number {
  const f = Math.floor(x), d = x - f;
  if (d < 0.5) return f;
  if (d > 0.5) return f + 1;
  return f % 2 === 0 ? f : f + 1;
}

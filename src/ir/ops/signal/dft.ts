/**
 * DFT: the discrete Fourier transform along one axis of a real ([…,1]) or complex ([…,2]) signal,
 * with zero-padding/truncation to `dft_length`, the inverse, and the one-sided RFFT/IRFFT forms.
 * https://onnx.ai/onnx/operators/onnx__DFT.html
 */
import { ShapeError } from '../../errors.js';
import type { Dim } from '../../model.js';
import { readNumbers, readValues, Tensor } from '../../tensor.js';
import { FLOATS } from '../common/types.js';
import { defineOp } from '../spec.js';
import { dftLine, twiddles } from './fourier.js';

interface DftPlan {
  axis: number;
  /** The transform length n. */
  length: number;
  /** Entries kept along the axis in the output. */
  outLen: number;
  /** Last dim of the output: 2 (complex) or 1 (IRFFT's real signal). */
  outChannels: number;
}

/** Valid axes are [-r, -2] ∪ [0, r-2]: the last dim holds (re, im) and is not a signal axis. */
function signalAxis(axis: number, rank: number): number {
  const a = axis < 0 ? axis + rank : axis;
  if (a < 0 || a > rank - 2) throw new ShapeError(`DFT axis ${axis} is out of range for input of rank ${rank} (last dim is re/im)`);
  return a;
}

function plan(dims: readonly Dim[], axis: number, dftLength: number | undefined, onesided: boolean, inverse: boolean): {
  axis: number; length: Dim; outLen: Dim; outChannels: number;
} {
  const rank = dims.length;
  if (rank < 2) throw new ShapeError(`DFT input [${dims.join(',')}] needs a signal axis and a last re/im dim`);
  const last = dims[rank - 1];
  if (typeof last === 'number' && last !== 1 && last !== 2) throw new ShapeError(`DFT input [${dims.join(',')}] must end in 1 (real) or 2 (complex)`);
  const a = signalAxis(axis, rank);
  const d = dims[a];
  const irfft = onesided && inverse;
  const length: Dim = dftLength ?? (irfft ? (typeof d === 'number' ? 2 * (d - 1) : undefined) : d);
  const outLen: Dim = onesided && !inverse ? (typeof length === 'number' ? Math.floor(length / 2) + 1 : undefined) : length;
  return { axis: a, length, outLen, outChannels: irfft ? 1 : 2 };
}

/** The axis: v17 attribute, v20 optional int64 input (default -2). */
function axisOf(version: number, attrAxis: number | undefined, axisInput: Tensor | undefined): number {
  if (version < 20) return attrAxis!;
  return axisInput ? readNumbers(axisInput)[0] : -2;
}

/** DFT: the (inverse) discrete Fourier transform along `axis`, optionally one-sided. */
export const DFT = defineOp({
  name: 'DFT',
  versions: [17, 20],
  doc: 'Discrete Fourier transform (or its inverse) along one signal axis; the last dim holds 1 (real) or 2 (re, im) values.',
  inputs: [
    { name: 'input', type: 'T1' },
    { name: 'dft_length', type: 'T2', optional: true },
    { name: 'axis', type: 'int64', optional: true },
  ],
  outputs: [{ name: 'output', type: 'T1' }],
  types: { T1: FLOATS, T2: ['int32', 'int64'] },
  attributes: {
    axis: { type: 'int', default: 1, until: 20 },
    inverse: { type: 'int', default: 0 },
    onesided: { type: 'int', default: 0 },
  },
  inferShape: ({ inputs: [x, len, axisIn], attrs, version }) => {
    if (!x?.dims) return [{ kind: 'tensor', dtype: x?.dtype }];
    const rank = x.dims.length;
    const lenKnown = len === undefined || len.value !== undefined;
    const axisKnown = version < 20 || axisIn === undefined || axisIn.value !== undefined;
    const channels = attrs.onesided && attrs.inverse ? 1 : 2;
    if (!axisKnown) return [{ kind: 'tensor', dtype: x.dtype, dims: [...new Array<Dim>(rank - 1).fill(undefined), channels] }];
    const p = plan(x.dims, axisOf(version, attrs.axis, axisIn?.value), len?.value ? readNumbers(len.value)[0] : undefined, !!attrs.onesided, !!attrs.inverse);
    const dims = [...x.dims];
    dims[p.axis] = lenKnown ? p.outLen : undefined;
    dims[rank - 1] = p.outChannels;
    return [{ kind: 'tensor', dtype: x.dtype, dims }];
  },
  reference: ({ inputs, attrs, version }) => {
    const x = inputs[0] as Tensor;
    const len = inputs[1] as Tensor | undefined;
    const p = plan(x.dims, axisOf(version, attrs.axis, inputs[2] as Tensor | undefined), len ? readNumbers(len)[0] : undefined,
      !!attrs.onesided, !!attrs.inverse) as DftPlan;
    return [transform(x, p, !!attrs.inverse, !!attrs.onesided)];
  },
});

/**
 * Views the input as [outer, d, inner, channels] and transforms each of the outer·inner lines.
 * IRFFT lines are first completed to the full Hermitian spectrum X[n-k] = conj(X[k]).
 */
function transform(x: Tensor, p: DftPlan, inverse: boolean, onesided: boolean): Tensor {
  const dims = x.dims;
  const rank = dims.length;
  const channels = dims[rank - 1];
  const d = dims[p.axis];
  let outer = 1, inner = 1;
  for (let i = 0; i < p.axis; i++) outer *= dims[i];
  for (let i = p.axis + 1; i < rank - 1; i++) inner *= dims[i];
  const n = p.length;
  const irfft = onesided && inverse;
  const src = readValues(x);
  const t = twiddles(n);
  const re = new Float64Array(n), im = new Float64Array(n);
  const outRe = new Float64Array(p.outLen), outIm = new Float64Array(p.outLen);
  const oc = p.outChannels;
  const out = new Float64Array(outer * p.outLen * inner * oc);
  for (let o = 0; o < outer; o++) {
    for (let r = 0; r < inner; r++) {
      re.fill(0);
      im.fill(0);
      const at = (j: number) => ((o * d + j) * inner + r) * channels;
      if (irfft) {
        const half = Math.min(d, Math.floor(n / 2) + 1);
        for (let k = 0; k < half; k++) {
          re[k] = src[at(k)];
          im[k] = src[at(k) + 1];
          if (k > 0 && n - k > k) { re[n - k] = re[k]; im[n - k] = -im[k]; }
        }
      } else {
        const m = Math.min(d, n);
        for (let j = 0; j < m; j++) {
          re[j] = src[at(j)];
          im[j] = channels === 2 ? src[at(j) + 1] : 0;
        }
      }
      dftLine(re, im, t, inverse, p.outLen, outRe, outIm);
      for (let k = 0; k < p.outLen; k++) {
        const base = ((o * p.outLen + k) * inner + r) * oc;
        out[base] = outRe[k];
        if (oc === 2) out[base + 1] = outIm[k];
      }
    }
  }
  const outDims = [...dims];
  outDims[p.axis] = p.outLen;
  outDims[rank - 1] = oc;
  return Tensor.fromValues(x.type, outDims, out);
}

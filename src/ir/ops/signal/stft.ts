/**
 * STFT: the short-time Fourier transform, a DFT of each windowed frame of the signal.
 * https://onnx.ai/onnx/operators/onnx__STFT.html
 */
import { ShapeError } from '../../errors.js';
import type { Dim } from '../../model.js';
import { readNumbers, readValues, Tensor } from '../../tensor.js';
import { FLOATS } from '../common/types.js';
import { defineOp } from '../spec.js';
import { dftLine, twiddles } from './fourier.js';

/** Frame length: the `frame_length` input, else the window's length. */
function frameLengthOf(windowDims: readonly Dim[] | undefined, frameLength: number | undefined): Dim {
  if (frameLength !== undefined) {
    if (windowDims && typeof windowDims[0] === 'number' && windowDims[0] !== frameLength) {
      throw new ShapeError(`STFT window [${windowDims.join(',')}] does not match frame_length ${frameLength}`);
    }
    return frameLength;
  }
  if (!windowDims) throw new ShapeError('STFT needs a window or a frame_length');
  if (windowDims.length !== 1) throw new ShapeError(`STFT window must be 1-D, got [${windowDims.join(',')}]`);
  return windowDims[0];
}

function frameCount(signalLength: Dim, frameLength: Dim, step: number | undefined): Dim {
  if (typeof signalLength !== 'number' || typeof frameLength !== 'number' || step === undefined) return undefined;
  if (step <= 0) throw new ShapeError(`STFT frame_step must be positive, got ${step}`);
  if (frameLength > signalLength) throw new ShapeError(`STFT frame_length ${frameLength} exceeds signal length ${signalLength}`);
  return Math.floor((signalLength - frameLength) / step) + 1;
}

/** STFT: [batch, signal_length, 1|2] → [batch, frames, bins, 2], bins = frame_length/2 + 1 when onesided. */
export const STFT = defineOp({
  name: 'STFT',
  versions: [17],
  doc: 'Short-time Fourier transform: the DFT of each frame (hop frame_step, optionally windowed) of each signal.',
  inputs: [
    { name: 'signal', type: 'T1' },
    { name: 'frame_step', type: 'T2' },
    { name: 'window', type: 'T1', optional: true },
    { name: 'frame_length', type: 'T2', optional: true },
  ],
  outputs: [{ name: 'output', type: 'T1' }],
  types: { T1: FLOATS, T2: ['int32', 'int64'] },
  attributes: { onesided: { type: 'int', default: 1 } },
  inferShape: ({ inputs: [signal, step, window, length], attrs }) => {
    if (!signal?.dims) return [{ kind: 'tensor', dtype: signal?.dtype }];
    if (signal.dims.length !== 3) throw new ShapeError(`STFT signal must be [batch, length, 1|2], got [${signal.dims.join(',')}]`);
    const lengthKnown = !length || length.value !== undefined;
    const fl = lengthKnown ? frameLengthOf(window?.dims, length?.value ? readNumbers(length.value)[0] : undefined) : undefined;
    const frames = frameCount(signal.dims[1], fl, step?.value ? readNumbers(step.value)[0] : undefined);
    const bins = typeof fl === 'number' ? (attrs.onesided ? Math.floor(fl / 2) + 1 : fl) : undefined;
    return [{ kind: 'tensor', dtype: signal.dtype, dims: [signal.dims[0], frames, bins, 2] }];
  },
  reference: ({ inputs, attrs }) => {
    const signal = inputs[0] as Tensor, window = inputs[2] as Tensor | undefined, length = inputs[3] as Tensor | undefined;
    const [batch, sigLen, channels] = signal.dims;
    const step = readNumbers(inputs[1] as Tensor)[0];
    const fl = frameLengthOf(window?.dims, length ? readNumbers(length)[0] : undefined) as number;
    const frames = frameCount(sigLen, fl, step) as number;
    const bins = attrs.onesided ? Math.floor(fl / 2) + 1 : fl;
    const src = readValues(signal);
    const w = window ? readValues(window) : undefined;
    const t = twiddles(fl);
    const re = new Float64Array(fl), im = new Float64Array(fl);
    const outRe = new Float64Array(bins), outIm = new Float64Array(bins);
    const out = new Float64Array(batch * frames * bins * 2);
    for (let b = 0; b < batch; b++) {
      for (let f = 0; f < frames; f++) {
        for (let j = 0; j < fl; j++) {
          const at = (b * sigLen + f * step + j) * channels;
          const wj = w ? w[j] : 1;
          re[j] = src[at] * wj;
          im[j] = channels === 2 ? src[at + 1] * wj : 0;
        }
        dftLine(re, im, t, false, bins, outRe, outIm);
        const base = (b * frames + f) * bins * 2;
        for (let k = 0; k < bins; k++) {
          out[base + 2 * k] = outRe[k];
          out[base + 2 * k + 1] = outIm[k];
        }
      }
    }
    return [Tensor.fromValues(signal.type, [batch, frames, bins, 2], out)];
  },
});

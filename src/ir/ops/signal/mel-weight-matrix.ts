/**
 * MelWeightMatrix: triangular filters that map one-sided DFT bins to mel bands.
 * https://onnx.ai/onnx/operators/onnx__MelWeightMatrix.html
 */
import { dtypeFromOnnx } from '../../dtype.js';
import { AttributeError, ShapeError } from '../../errors.js';
import { readNumbers, readValues, Tensor } from '../../tensor.js';
import { FLOATS, NUMERIC } from '../common/types.js';
import { defineOp } from '../spec.js';

const hzToMel = (hz: number) => 2595 * Math.log10(1 + hz / 700);
const melToHz = (mel: number) => 700 * (10 ** (mel / 2595) - 1);

function outputType(code: number) {
  const t = dtypeFromOnnx(code);
  if (!t || !NUMERIC.includes(t)) throw new AttributeError(`output_datatype ${code} is not a numeric type`);
  return t;
}

/**
 * MelWeightMatrix: [dft_length/2 + 1, num_mel_bins]. Band edges are num_mel_bins + 2 points spaced
 * evenly in mel from lower to upper edge, with step (high - low) / (num_mel_bins + 2) as the spec's
 * definition has it, each mapped to the DFT bin floor((dft_length + 1)·hz / sample_rate). Band i
 * rises from edge i to edge i+1 and falls to edge i+2, peaking at 1.
 */
export const MelWeightMatrix = defineOp({
  name: 'MelWeightMatrix',
  versions: [17],
  doc: 'Matrix that re-weights a one-sided linear spectrum into num_mel_bins triangular mel bands.',
  inputs: [
    { name: 'num_mel_bins', type: 'T1' },
    { name: 'dft_length', type: 'T1' },
    { name: 'sample_rate', type: 'T1' },
    { name: 'lower_edge_hertz', type: 'T2' },
    { name: 'upper_edge_hertz', type: 'T2' },
  ],
  outputs: [{ name: 'output', type: 'T3' }],
  types: { T1: ['int32', 'int64'], T2: FLOATS, T3: NUMERIC },
  attributes: { output_datatype: { type: 'int', default: 1 } },
  inferShape: ({ inputs: [mels, dftLen], attrs }) => {
    const m = mels?.value ? readNumbers(mels.value)[0] : undefined;
    const d = dftLen?.value ? readNumbers(dftLen.value)[0] : undefined;
    return [{ kind: 'tensor', dtype: outputType(attrs.output_datatype), dims: [d === undefined ? undefined : Math.floor(d / 2) + 1, m] }];
  },
  reference: ({ inputs, attrs }) => {
    const [mels, dftLength, sampleRate] = (inputs.slice(0, 3) as Tensor[]).map((t) => readNumbers(t)[0]);
    const lower = readValues(inputs[3] as Tensor)[0], upper = readValues(inputs[4] as Tensor)[0];
    if (mels <= 0 || dftLength <= 0 || sampleRate <= 0) throw new ShapeError(`MelWeightMatrix needs positive num_mel_bins, dft_length and sample_rate, got ${mels}, ${dftLength}, ${sampleRate}`);
    const bins = Math.floor(dftLength / 2) + 1;
    const lowMel = hzToMel(lower), highMel = hzToMel(upper);
    const step = (highMel - lowMel) / (mels + 2);
    const edges = new Array<number>(mels + 2);
    for (let i = 0; i < mels + 2; i++) edges[i] = Math.floor(((dftLength + 1) * melToHz(lowMel + i * step)) / sampleRate);
    const out = new Float64Array(bins * mels);
    // Edges past the last bin (upper_edge_hertz above Nyquist) have no row to write to.
    const set = (j: number, i: number, v: number) => { if (j >= 0 && j < bins) out[j * mels + i] = v; };
    for (let i = 0; i < mels; i++) {
      const left = edges[i], center = edges[i + 1], right = edges[i + 2];
      if (center === left) set(center, i, 1);
      else for (let j = left; j <= center; j++) set(j, i, (j - left) / (center - left));
      for (let j = center; j < right; j++) set(j, i, (right - j) / (right - center));
    }
    return [Tensor.fromValues(outputType(attrs.output_datatype), [bins, mels], out)];
  },
});

/**
 * Multinomial: class samples per batch row, from unnormalized log-probabilities.
 * https://onnx.ai/onnx/operators/onnx__Multinomial.html
 */
import { ShapeError } from '../../errors.js';
import { Tensor, readValues } from '../../tensor.js';
import { formatDims } from '../common/indexing.js';
import { FLOATS } from '../common/types.js';
import { defineOp } from '../spec.js';
import { outputDType } from './sampling.js';

const MULTINOMIAL_OUT = ['int32', 'int64'] as const;

/**
 * Multinomial: input [batch, classes] holds logits; row b's class probabilities are its softmax.
 * Output [batch, sample_size] holds independent class draws, int32 unless `dtype` says int64.
 */
export const Multinomial = defineOp({
  name: 'Multinomial',
  versions: [7, 22],
  doc: 'Draws sample_size class indices per row from softmax(input).',
  inputs: [{ name: 'input', type: 'T1' }],
  outputs: [{ name: 'output', type: 'T2' }],
  types: { T1: FLOATS, T2: MULTINOMIAL_OUT },
  attributes: { dtype: { type: 'int', default: 6 }, sample_size: { type: 'int', default: 1 }, seed: { type: 'float' } },
  inferShape: ({ inputs: [x], attrs }) => {
    if (x?.dims && x.dims.length !== 2) throw new ShapeError(`Multinomial input must be [batch, classes], got ${formatDims(x.dims)}`);
    return [{ kind: 'tensor', dtype: outputDType(attrs.dtype, undefined, MULTINOMIAL_OUT, 'Multinomial'), dims: [x?.dims?.[0], attrs.sample_size] }];
  },
  reference: ({ inputs, attrs, random }) => {
    const x = inputs[0] as Tensor;
    const dtype = outputDType(attrs.dtype, undefined, MULTINOMIAL_OUT, 'Multinomial')!;
    const [batch, classes] = x.dims;
    const logits = readValues(x);
    const next = random(attrs.seed);
    const samples = attrs.sample_size;
    const out = new Float64Array(batch * samples);
    const cumulative = new Float64Array(classes);
    for (let b = 0; b < batch; b++) {
      // Softmax weights, shifted by the row max so exp cannot overflow; left unnormalized.
      let max = -Infinity;
      for (let c = 0; c < classes; c++) max = Math.max(max, logits[b * classes + c]);
      let total = 0;
      for (let c = 0; c < classes; c++) { total += Math.exp(logits[b * classes + c] - max); cumulative[c] = total; }
      for (let s = 0; s < samples; s++) {
        const u = next() * total;
        let c = 0;
        while (c < classes - 1 && cumulative[c] <= u) c++;
        out[b * samples + s] = c;
      }
    }
    return [Tensor.fromValues(dtype, [batch, samples], out)];
  },
});

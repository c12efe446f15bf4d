/**
 * Bernoulli: 1 with probability p and 0 otherwise, for each entry p of the input.
 * https://onnx.ai/onnx/operators/onnx__Bernoulli.html
 */
import { ShapeError } from '../../errors.js';
import { Tensor, readValues } from '../../tensor.js';
import { FLOATS, NUMERIC } from '../common/types.js';
import { defineOp } from '../spec.js';
import { outputDType } from './sampling.js';

const BERNOULLI_OUT = [...NUMERIC, 'bool'] as const;

/** Bernoulli: output in the input's shape; type from `dtype`, else the input's. */
export const Bernoulli = defineOp({
  name: 'Bernoulli',
  versions: [15, 22],
  doc: 'Draws 0/1 per element with the element as the probability of 1.',
  inputs: [{ name: 'input', type: 'T1' }],
  outputs: [{ name: 'output', type: 'T2' }],
  types: { T1: FLOATS, T2: BERNOULLI_OUT },
  attributes: { dtype: { type: 'int' }, seed: { type: 'float' } },
  inferShape: ({ inputs: [x], attrs }) => [{ kind: 'tensor', dtype: outputDType(attrs.dtype, x?.dtype, BERNOULLI_OUT, 'Bernoulli'), dims: x?.dims }],
  reference: ({ inputs, attrs, random }) => {
    const x = inputs[0] as Tensor;
    const dtype = outputDType(attrs.dtype, x.type, BERNOULLI_OUT, 'Bernoulli')!;
    const p = readValues(x);
    const next = random(attrs.seed);
    const out = new Uint8Array(x.size);
    for (let i = 0; i < out.length; i++) {
      if (!(p[i] >= 0 && p[i] <= 1)) throw new ShapeError(`Bernoulli probabilities must lie in [0, 1], got ${p[i]} at ${i}`);
      // u < p has probability exactly p for u uniform in [0, 1).
      out[i] = next() < p[i] ? 1 : 0;
    }
    return [Tensor.fromValues(dtype, x.dims, out)];
  },
});

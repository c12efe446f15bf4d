/**
 * RandomUniform: a tensor of the given shape filled with draws from U[low, high).
 * https://onnx.ai/onnx/operators/onnx__RandomUniform.html
 */
import { Tensor } from '../../tensor.js';
import { defineOp } from '../spec.js';
import { RANDOM_FLOATS, outputDType, uniformSamples } from './sampling.js';

/** RandomUniform: shape from the `shape` attribute, type from `dtype`; `seed` makes it repeatable. */
export const RandomUniform = defineOp({
  name: 'RandomUniform',
  versions: [1, 22],
  doc: 'Tensor of the given shape with values drawn uniformly from [low, high).',
  inputs: [],
  outputs: [{ name: 'output', type: 'T' }],
  types: { T: RANDOM_FLOATS },
  attributes: {
    dtype: { type: 'int', default: 1 },
    high: { type: 'float', default: 1.0 },
    low: { type: 'float', default: 0.0 },
    seed: { type: 'float' },
    shape: { type: 'ints', required: true },
  },
  inferShape: ({ attrs }) => [{ kind: 'tensor', dtype: outputDType(attrs.dtype, undefined, RANDOM_FLOATS, 'RandomUniform'), dims: [...attrs.shape] }],
  reference: ({ attrs, random }) => {
    const dtype = outputDType(attrs.dtype, undefined, RANDOM_FLOATS, 'RandomUniform')!;
    const n = attrs.shape.reduce((a, b) => a * b, 1);
    return [Tensor.fromValues(dtype, attrs.shape, uniformSamples(random(attrs.seed), n, attrs.low, attrs.high))];
  },
});

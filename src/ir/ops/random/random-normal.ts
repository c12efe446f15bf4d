/**
 * RandomNormal: a tensor of the given shape filled with draws from N(mean, scale²).
 * https://onnx.ai/onnx/operators/onnx__RandomNormal.html
 */
import { Tensor } from '../../tensor.js';
import { defineOp } from '../spec.js';
import { RANDOM_FLOATS, normalSamples, outputDType } from './sampling.js';

/** RandomNormal: shape from the `shape` attribute, type from `dtype`; `seed` makes it repeatable. */
export const RandomNormal = defineOp({
  name: 'RandomNormal',
  versions: [1, 22],
  doc: 'Tensor of the given shape with values drawn from a normal distribution.',
  inputs: [],
  outputs: [{ name: 'output', type: 'T' }],
  types: { T: RANDOM_FLOATS },
  attributes: {
    dtype: { type: 'int', default: 1 },
    mean: { type: 'float', default: 0.0 },
    scale: { type: 'float', default: 1.0 },
    seed: { type: 'float' },
    shape: { type: 'ints', required: true },
  },
  inferShape: ({ attrs }) => [{ kind: 'tensor', dtype: outputDType(attrs.dtype, undefined, RANDOM_FLOATS, 'RandomNormal'), dims: [...attrs.shape] }],
  reference: ({ attrs, random }) => {
    const dtype = outputDType(attrs.dtype, undefined, RANDOM_FLOATS, 'RandomNormal')!;
    const n = attrs.shape.reduce((a, b) => a * b, 1);
    return [Tensor.fromValues(dtype, attrs.shape, normalSamples(random(attrs.seed), n, attrs.mean, attrs.scale))];
  },
});

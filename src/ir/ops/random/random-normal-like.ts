/**
 * RandomNormalLike: draws from N(mean, scale²) in the shape (and by default the type) of the input.
 * https://onnx.ai/onnx/operators/onnx__RandomNormalLike.html
 */
import { Tensor } from '../../tensor.js';
import { defineOp } from '../spec.js';
import { ALL_LIKE_INPUTS, RANDOM_FLOATS, normalSamples, outputDType } from './sampling.js';

/** RandomNormalLike: only the input's shape and type matter, never its values. */
export const RandomNormalLike = defineOp({
  name: 'RandomNormalLike',
  versions: [1, 22],
  doc: "Values drawn from a normal distribution, in the input's shape.",
  inputs: [{ name: 'input', type: 'T1' }],
  outputs: [{ name: 'output', type: 'T2' }],
  types: { T1: ALL_LIKE_INPUTS, T2: RANDOM_FLOATS },
  attributes: {
    dtype: { type: 'int' },
    mean: { type: 'float', default: 0.0 },
    scale: { type: 'float', default: 1.0 },
    seed: { type: 'float' },
  },
  inferShape: ({ inputs: [x], attrs }) => [{ kind: 'tensor', dtype: outputDType(attrs.dtype, x?.dtype, RANDOM_FLOATS, 'RandomNormalLike'), dims: x?.dims }],
  reference: ({ inputs, attrs, random }) => {
    const x = inputs[0] as Tensor;
    const dtype = outputDType(attrs.dtype, x.type, RANDOM_FLOATS, 'RandomNormalLike')!;
    return [Tensor.fromValues(dtype, x.dims, normalSamples(random(attrs.seed), x.size, attrs.mean, attrs.scale))];
  },
});

/**
 * RandomUniformLike: draws from U[low, high) in the shape (and by default the type) of the input.
 * https://onnx.ai/onnx/operators/onnx__RandomUniformLike.html
 */
import { Tensor } from '../../tensor.js';
import { defineOp } from '../spec.js';
import { ALL_LIKE_INPUTS, RANDOM_FLOATS, outputDType, uniformSamples } from './sampling.js';

/** RandomUniformLike: only the input's shape and type matter, never its values. */
export const RandomUniformLike = defineOp({
  name: 'RandomUniformLike',
  versions: [1, 22],
  doc: "Values drawn uniformly from [low, high), in the input's shape.",
  inputs: [{ name: 'input', type: 'T1' }],
  outputs: [{ name: 'output', type: 'T2' }],
  types: { T1: ALL_LIKE_INPUTS, T2: RANDOM_FLOATS },
  attributes: {
    dtype: { type: 'int' },
    high: { type: 'float', default: 1.0 },
    low: { type: 'float', default: 0.0 },
    seed: { type: 'float' },
  },
  inferShape: ({ inputs: [x], attrs }) => [{ kind: 'tensor', dtype: outputDType(attrs.dtype, x?.dtype, RANDOM_FLOATS, 'RandomUniformLike'), dims: x?.dims }],
  reference: ({ inputs, attrs, random }) => {
    const x = inputs[0] as Tensor;
    const dtype = outputDType(attrs.dtype, x.type, RANDOM_FLOATS, 'RandomUniformLike')!;
    return [Tensor.fromValues(dtype, x.dims, uniformSamples(random(attrs.seed), x.size, attrs.low, attrs.high))];
  },
});

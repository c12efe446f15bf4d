/**
 * Dropout: in training, zeroes random elements and scales the rest by 1 / (1 - ratio); otherwise
 * a copy of the input.
 * https://onnx.ai/onnx/operators/onnx__Dropout.html
 *
 * Version notes: before 7, `is_test=0` (the default) means training; 7-11 always run in inference
 * mode; from 12, `ratio` and `training_mode` are inputs and `seed` an attribute. The mask output is
 * of the input's type before 10 and bool from 10.
 */
import { readValues, Tensor } from '../../tensor.js';
import { FLOAT8S, FLOATS } from '../common/types.js';
import { defineOp } from '../spec.js';
import { floatBuffer, floatTensor } from './util.js';

/** Dropout with an optional mask output. */
export const Dropout = defineOp({
  name: 'Dropout',
  versions: [1, 6, 7, 10, 12, 13, 22],
  doc: 'Training: output = data * mask / (1 - ratio) with a random mask; inference: output = data, mask all ones.',
  inputs: [
    { name: 'data', type: 'T' },
    { name: 'ratio', type: 'T1', optional: true },
    { name: 'training_mode', type: 'T2', optional: true },
  ],
  outputs: [{ name: 'output', type: 'T' }, { name: 'mask', type: 'T2', optional: true }],
  types: { T: [...FLOATS, ...FLOAT8S], T1: [...FLOATS, ...FLOAT8S], T2: ['bool'] },
  attributes: {
    ratio: { type: 'float', default: 0.5, until: 12 },
    is_test: { type: 'int', default: 0, until: 7 },
    consumed_inputs: { type: 'ints', until: 6 },
    seed: { type: 'int', since: 12 },
  },
  inferShape: ({ inputs: [x], version, outputCount }) => {
    const out = [{ kind: 'tensor' as const, dtype: x?.dtype, dims: x?.dims }];
    if (outputCount > 1) out.push({ kind: 'tensor', dtype: version < 10 ? x?.dtype : 'bool', dims: x?.dims });
    return out;
  },
  reference: ({ inputs, attrs, version, outputCount, random }) => {
    const x = inputs[0] as Tensor;
    const ratioT = inputs[1] as Tensor | undefined | null;
    const modeT = inputs[2] as Tensor | undefined | null;
    // Opsets 7-11 have no training switch at all: a runtime that executes the graph is inferring.
    const training = version < 7 ? attrs.is_test === 0 : version >= 12 && !!modeT && readValues(modeT)[0] !== 0;
    // From 12 an absent ratio input means 0.5, the same value the attribute defaulted to before.
    const ratio = version < 12 ? attrs.ratio! : ratioT ? readValues(ratioT)[0] : 0.5;
    const maskType = version < 10 ? x.type : 'bool';
    if (!training || ratio === 0) {
      const outputs: Tensor[] = [x];
      if (outputCount > 1) outputs.push(Tensor.fromValues(maskType, x.dims, new Float64Array(x.size).fill(1)));
      return outputs;
    }
    // A seeded Dropout follows numpy's stream, which the ONNX tests were generated with.
    const next = random(attrs.seed);
    const xs = readValues(x);
    const y = floatBuffer(x.type, x.size);
    const keep = new Uint8Array(x.size);
    const scale = 1 / (1 - ratio);
    for (let i = 0; i < x.size; i++) {
      keep[i] = next() >= ratio ? 1 : 0;
      y[i] = keep[i] ? xs[i] * scale : 0;
    }
    const outputs = [floatTensor(x.type, x.dims, y)];
    if (outputCount > 1) outputs.push(Tensor.fromValues(maskType, x.dims, keep));
    return outputs;
  },
});

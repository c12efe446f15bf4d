/**
 * SequenceMap: runs a subgraph on each position of one or more sequences.
 * https://onnx.ai/onnx/operators/onnx__SequenceMap.html
 */
import { ShapeError } from '../../errors.js';
import type { ValueType } from '../../model.js';
import { knownType } from '../common/sequence-types.js';
import { defineOp, type Value } from '../spec.js';
import { asSequence } from './position.js';

/**
 * SequenceMap: output sequence k holds `body(...)[k]` for each position i, where the body gets the
 * i-th element of every sequence input and every tensor input unchanged.
 */
export const SequenceMap = defineOp({
  name: 'SequenceMap',
  versions: [17],
  doc: 'Applies the `body` graph to each position of the input sequence(s); tensor inputs are passed to every call.',
  inputs: [
    { name: 'input_sequence', type: 'S', kind: 'sequence' },
    { name: 'additional_inputs', type: 'V', kind: 'any', variadic: true, optional: true },
  ],
  outputs: [{ name: 'out_sequence', type: 'S', kind: 'sequence', variadic: true }],
  types: {},
  attributes: { body: { type: 'graph', required: true } },
  tolerance: 'exact',
  inferShape: ({ inputs, attrs, inferSubgraph }) => {
    const body = attrs.body;
    const sampleTypes = inputs.map((input): ValueType | undefined => {
      const t = knownType(input);
      return t?.kind === 'sequence' ? t.elem : t;
    });
    return inferSubgraph(body, sampleTypes).map((t) => ({ kind: 'sequence', elem: t }));
  },
  reference: async ({ inputs, attrs, runGraph }) => {
    const body = attrs.body;
    const length = asSequence(inputs[0], 'SequenceMap').length;
    for (const v of inputs) {
      if (Array.isArray(v) && v.length !== length) {
        throw new ShapeError(`SequenceMap: input sequences have different lengths (${length} and ${v.length})`);
      }
    }
    const outputs: Value[][] = body.outputs.map(() => []);
    for (let i = 0; i < length; i++) {
      const sample = inputs.map((v) => (Array.isArray(v) ? v[i] : v!));
      const results = await runGraph(body, sample);
      results.forEach((r, k) => outputs[k].push(r));
    }
    return outputs;
  },
});

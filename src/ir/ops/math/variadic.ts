/**
 * The variadic elementwise family: Max, Min, Sum, Mean over any number of inputs.
 * https://onnx.ai/onnx/operators/onnx__Max.html (and Min, Sum, Mean)
 *
 * Opsets before 8 required equal shapes; numpy broadcasting accepts every such model, so one rule
 * serves all versions.
 */
import type { DType } from '../../dtype.js';
import type { Tensor } from '../../tensor.js';
import { broadcastDims } from '../common/broadcast.js';
import { foldVariadic, mapUnary } from '../common/elementwise.js';
import { FLOATS, NUMERIC } from '../common/types.js';
import { defineOp, type InferContext, type InferResult, type OpSpec } from '../spec.js';

/** Opset 1 versions carry the legacy `consumed_inputs` attribute (ignored: it was an optimization hint). */
const CONSUMED_INPUTS = { consumed_inputs: { type: 'ints', until: 6 } } as const;
type Attrs = typeof CONSUMED_INPUTS;

function defineVariadicOp(o: {
  name: string; versions: readonly number[]; doc: string; types: readonly DType[]; output: string;
  reference: (inputs: Tensor[]) => Tensor;
}): OpSpec<Attrs> {
  return defineOp({
    name: o.name,
    versions: o.versions,
    doc: o.doc,
    inputs: [{ name: 'data_0', type: 'T', variadic: true }],
    outputs: [{ name: o.output, type: 'T' }],
    types: { T: o.types },
    attributes: CONSUMED_INPUTS,
    inferShape: inferVariadic,
    reference: ({ inputs }) => [o.reference(inputs as Tensor[])],
  });
}

function inferVariadic({ inputs }: InferContext<Attrs>): InferResult {
  const dtype = inputs.find((i) => i?.dtype)?.dtype;
  const shapes = inputs.map((i) => i?.dims);
  const dims = shapes.every((d) => d !== undefined) ? broadcastDims(...(shapes as NonNullable<typeof shapes[0]>[])) : undefined;
  return [{ kind: 'tensor', dtype, dims }];
}

/** Elementwise maximum; NaN wins, as in numpy.maximum. */
export const Max = defineVariadicOp({
  name: 'Max', versions: [1, 6, 8, 12, 13], types: NUMERIC, output: 'max',
  doc: 'Elementwise maximum of the inputs, with broadcasting.',
  reference: (inputs) => foldVariadic(inputs, (a, b) => (Number.isNaN(a) || a > b ? a : b), (a, b) => (a > b ? a : b)),
});
/** Elementwise minimum; NaN wins, as in numpy.minimum. */
export const Min = defineVariadicOp({
  name: 'Min', versions: [1, 6, 8, 12, 13], types: NUMERIC, output: 'min',
  doc: 'Elementwise minimum of the inputs, with broadcasting.',
  reference: (inputs) => foldVariadic(inputs, (a, b) => (Number.isNaN(a) || a < b ? a : b), (a, b) => (a < b ? a : b)),
});
/** Elementwise sum. */
export const Sum = defineVariadicOp({
  name: 'Sum', versions: [1, 6, 8, 13], types: FLOATS, output: 'sum',
  doc: 'Elementwise sum of the inputs, with broadcasting.',
  reference: (inputs) => foldVariadic(inputs, (a, b) => a + b),
});
/** Elementwise mean. */
export const Mean = defineVariadicOp({
  name: 'Mean', versions: [1, 6, 8, 13], types: FLOATS, output: 'mean',
  doc: 'Elementwise mean of the inputs, with broadcasting.',
  reference: (inputs) => {
    const sum = foldVariadic(inputs, (a, b) => a + b);
    return mapUnary(sum, sum.type, (v) => v / inputs.length);
  },
});

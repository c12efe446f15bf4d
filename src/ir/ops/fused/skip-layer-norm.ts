/** SkipLayerNormalization (com.onnx-ts): a residual Add and the LayerNormalization after it, one node. */
import { ShapeError } from '../../errors.js';
import type { Dim } from '../../model.js';
import type { Tensor } from '../../tensor.js';
import { dimsMayMatch, formatDims } from '../common/indexing.js';
import { Add } from '../math/arithmetic.js';
import { checkLayerNormOperands, LayerNormalization as OnnxLayerNormalization } from '../normalization/layer-normalization.js';
import { FLOATS } from '../common/types.js';
import { defineOp } from '../spec.js';
import { callReference, FUSED_DOMAIN } from './compose.js';

/**
 * sum = input + skip (same shape); output = LayerNormalization(sum, gamma, beta) over the dims from
 * `axis` on. The optional second output is `sum` itself, for graphs that also read the residual.
 */
export const SkipLayerNormalization = defineOp({
  name: 'SkipLayerNormalization',
  domain: FUSED_DOMAIN,
  versions: [1],
  doc: 'output = LayerNormalization(input + skip, gamma, beta); the optional second output is input + skip.',
  inputs: [{ name: 'input', type: 'T' }, { name: 'skip', type: 'T' }, { name: 'gamma', type: 'T' }, { name: 'beta', type: 'T', optional: true }],
  outputs: [{ name: 'output', type: 'T' }, { name: 'sum', type: 'T', optional: true }],
  types: { T: FLOATS },
  attributes: { axis: { type: 'int', default: -1 }, epsilon: { type: 'float', default: 1e-5 } },
  inferShape: ({ inputs: [x, skip, gamma, beta], attrs, outputCount }) => {
    checkSameShape(x?.dims, skip?.dims);
    checkLayerNormOperands(x?.dims, gamma?.dims, beta?.dims, attrs.axis);
    return Array.from({ length: outputCount }, () => ({ kind: 'tensor' as const, dtype: x?.dtype, dims: x?.dims }));
  },
  reference: (ctx) => {
    const [input, skip, gamma, beta] = ctx.inputs;
    const [sum] = callReference(Add, [input, skip], {}, ctx) as Tensor[];
    const [y] = callReference(OnnxLayerNormalization, [sum, gamma, beta], ctx.attrs, ctx);
    return ctx.outputCount > 1 ? [y, sum] : [y];
  },
});

/**
 * input and skip must have one shape (the fusion only matches an Add of same-shaped tensors): the
 * kernels normalize rows of input's trailing dims, so a skip that broadcast would change the sum's.
 */
function checkSameShape(x: readonly Dim[] | undefined, skip: readonly Dim[] | undefined): void {
  if (!x || !skip) return;
  if (!dimsMayMatch(skip, x)) {
    throw new ShapeError(`SkipLayerNormalization: skip ${formatDims(skip)} must have the shape of input ${formatDims(x)}`);
  }
}

/** SkipLayerNormalization (com.onnx-ts): a residual Add and the LayerNormalization after it, one node. */
import type { Tensor } from '../../tensor.js';
import { Add } from '../math/arithmetic.js';
import { LayerNormalization as OnnxLayerNormalization } from '../normalization/layer-normalization.js';
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
  inferShape: ({ inputs: [x], outputCount }) => Array.from({ length: outputCount }, () => ({ kind: 'tensor' as const, dtype: x?.dtype, dims: x?.dims })),
  reference: (ctx) => {
    const [input, skip, gamma, beta] = ctx.inputs;
    const [sum] = callReference(Add, [input, skip], {}, ctx) as Tensor[];
    const [y] = callReference(OnnxLayerNormalization, [sum, gamma, beta], ctx.attrs, ctx);
    return ctx.outputCount > 1 ? [y, sum] : [y];
  },
});

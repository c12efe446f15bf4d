/**
 * LayerNormalization (com.onnx-ts): ai.onnx LayerNormalization (opset 17) made available to models
 * of any opset, so the optimizer can fuse the decomposed pattern in opset < 17 models.
 */
import { checkLayerNormOperands, LayerNormalization as OnnxLayerNormalization } from '../normalization/layer-normalization.js';
import { FLOATS } from '../common/types.js';
import { defineOp } from '../spec.js';
import { callReference, FUSED_DOMAIN } from './compose.js';

/** (X - mean) / sqrt(var + epsilon) * Scale + B over the dims from `axis` on. */
export const LayerNormalization = defineOp({
  name: 'LayerNormalization',
  domain: FUSED_DOMAIN,
  versions: [1],
  doc: 'Y = (X - mean) / sqrt(var + epsilon) * Scale + B over the dims from axis on (ai.onnx LayerNormalization-17, Y only).',
  inputs: [{ name: 'X', type: 'T' }, { name: 'Scale', type: 'T' }, { name: 'B', type: 'T', optional: true }],
  outputs: [{ name: 'Y', type: 'T' }],
  types: { T: FLOATS },
  attributes: { axis: { type: 'int', default: -1 }, epsilon: { type: 'float', default: 1e-5 } },
  inferShape: ({ inputs: [x, scale, bias], attrs }) => {
    checkLayerNormOperands(x?.dims, scale?.dims, bias?.dims, attrs.axis);
    return [{ kind: 'tensor', dtype: x?.dtype, dims: x?.dims }];
  },
  reference: (ctx) => [callReference(OnnxLayerNormalization, ctx.inputs, ctx.attrs, ctx)[0]],
});

/** FusedConv (com.onnx-ts): Conv followed by an activation, one node. Made by the optimizer. */
import type { Tensor } from '../../tensor.js';
import { Conv } from '../nn/conv.js';
import { FLOATS } from '../common/types.js';
import { defineOp } from '../spec.js';
import { ACTIVATION_ATTRS, applyActivation, callReference, FUSED_DOMAIN, inferAs } from './compose.js';

/** activation(Conv(X, W, B)); the Conv attributes mean what they mean on ai.onnx Conv. */
export const FusedConv = defineOp({
  name: 'FusedConv',
  domain: FUSED_DOMAIN,
  versions: [1],
  doc: 'activation(Conv(X, W, B)): ai.onnx Conv (latest version) followed by an optional activation.',
  inputs: [{ name: 'X', type: 'T' }, { name: 'W', type: 'T' }, { name: 'B', type: 'T', optional: true }],
  outputs: [{ name: 'Y', type: 'T' }],
  types: { T: FLOATS },
  attributes: { ...Conv.attributes, ...ACTIVATION_ATTRS },
  inferShape: (ctx) => inferAs(Conv, ctx),
  reference: (ctx) => {
    const { activation, activation_params, ...convAttrs } = ctx.attrs;
    const [y] = callReference(Conv, ctx.inputs, convAttrs, ctx) as Tensor[];
    return [applyActivation(y, activation, activation_params, ctx)];
  },
});

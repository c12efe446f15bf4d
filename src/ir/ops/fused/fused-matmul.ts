/** FusedMatMul (com.onnx-ts): MatMul, an optional bias Add, and an optional activation. */
import type { Tensor } from '../../tensor.js';
import { MatMul } from '../linalg/matmul.js';
import { Add } from '../math/arithmetic.js';
import { defineOp } from '../spec.js';
import { ACTIVATION_ATTRS, applyActivation, callReference, FUSED_DOMAIN, inferAs } from './compose.js';

/**
 * activation(MatMul(A, B) + bias): numpy.matmul semantics, then `bias` added with numpy
 * broadcasting (the optimizer only fuses a bias that broadcasts into the product's shape).
 */
export const FusedMatMul = defineOp({
  name: 'FusedMatMul',
  domain: FUSED_DOMAIN,
  versions: [1],
  doc: 'activation(MatMul(A, B) + bias): ai.onnx MatMul, an optional broadcast bias Add, and an optional activation.',
  inputs: [{ name: 'A', type: 'T' }, { name: 'B', type: 'T' }, { name: 'bias', type: 'T', optional: true }],
  outputs: [{ name: 'Y', type: 'T' }],
  types: MatMul.types,
  attributes: ACTIVATION_ATTRS,
  inferShape: (ctx) => inferAs(MatMul, { ...ctx, inputs: ctx.inputs.slice(0, 2) }),
  reference: (ctx) => {
    const [a, b, bias] = ctx.inputs;
    let [y] = callReference(MatMul, [a, b], {}, ctx) as Tensor[];
    if (bias) [y] = callReference(Add, [y, bias], {}, ctx) as Tensor[];
    return [applyActivation(y, ctx.attrs.activation, ctx.attrs.activation_params, ctx)];
  },
});

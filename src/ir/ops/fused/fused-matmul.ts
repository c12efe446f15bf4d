/** FusedMatMul (com.onnx-ts): MatMul, an optional bias Add, and an optional activation. */
import { ShapeError } from '../../errors.js';
import type { Dim } from '../../model.js';
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
  inferShape: (ctx) => {
    const out = inferAs(MatMul, { ...ctx, inputs: ctx.inputs.slice(0, 2) });
    const y = out[0];
    const bias = ctx.inputs[2]?.dims;
    if (y?.kind === 'tensor' && y.dims && bias) checkBias(y.dims, bias);
    return out;
  },
  reference: (ctx) => {
    const [a, b, bias] = ctx.inputs;
    let [y] = callReference(MatMul, [a, b], {}, ctx) as Tensor[];
    if (bias) {
      checkBias(y.dims, (bias as Tensor).dims);
      [y] = callReference(Add, [y, bias], {}, ctx) as Tensor[];
    }
    return [applyActivation(y, ctx.attrs.activation, ctx.attrs.activation_params, ctx)];
  },
});

/**
 * The bias must broadcast into the product's shape without growing it: that is all the optimizer
 * fuses, and the providers' kernels add it in place (a bias [2,1] on a [1,1] product made the wasm
 * kernel return [1,1] where a plain Add gives [2,1]). Dims not known yet (symbols) pass.
 */
export function checkBias(product: readonly Dim[], bias: readonly Dim[]): void {
  const fits = bias.length <= product.length && bias.every((d, i) => {
    const p = product[product.length - bias.length + i];
    return d === 1 || typeof d !== 'number' || typeof p !== 'number' || d === p;
  });
  if (!fits) throw new ShapeError(`FusedMatMul: bias [${bias.join(',')}] does not broadcast into the product [${product.join(',')}]`);
}

/** Gelu (com.onnx-ts): ai.onnx Gelu (opset 20) for models of any opset; the GELU fusion emits it. */
import { Gelu as OnnxGelu } from '../math/activations.js';
import { FLOATS } from '../common/types.js';
import { defineOp } from '../spec.js';
import { callReference, FUSED_DOMAIN } from './compose.js';

/** X · Φ(X), exact (erf) form. */
export const Gelu = defineOp({
  name: 'Gelu',
  domain: FUSED_DOMAIN,
  versions: [1],
  doc: "X * Phi(X) (Phi: the standard normal CDF), as ai.onnx Gelu-20 with approximate='none'.",
  inputs: [{ name: 'X', type: 'T' }],
  outputs: [{ name: 'Y', type: 'T' }],
  types: { T: FLOATS },
  inferShape: ({ inputs: [x] }) => [{ kind: 'tensor', dtype: x?.dtype, dims: x?.dims }],
  reference: (ctx) => callReference(OnnxGelu, ctx.inputs, {}, ctx),
});

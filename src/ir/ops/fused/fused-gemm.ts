/** FusedGemm (com.onnx-ts): Gemm followed by an activation, one node. Made by the optimizer. */
import type { Tensor } from '../../tensor.js';
import { Gemm } from '../linalg/gemm.js';
import { defineOp } from '../spec.js';
import { ACTIVATION_ATTRS, applyActivation, callReference, FUSED_DOMAIN, inferAs } from './compose.js';

/** activation(alpha·op(A)·op(B) + beta·C) with ai.onnx Gemm (opset 13) semantics. */
export const FusedGemm = defineOp({
  name: 'FusedGemm',
  domain: FUSED_DOMAIN,
  versions: [1],
  doc: 'activation(Gemm(A, B, C)): ai.onnx Gemm (latest version) followed by an optional activation.',
  inputs: Gemm.inputs,
  outputs: Gemm.outputs,
  types: Gemm.types,
  attributes: {
    alpha: { type: 'float', default: 1.0 },
    beta: { type: 'float', default: 1.0 },
    transA: { type: 'int', default: 0 },
    transB: { type: 'int', default: 0 },
    ...ACTIVATION_ATTRS,
  },
  inferShape: (ctx) => inferAs(Gemm, ctx),
  reference: (ctx) => {
    const { activation, activation_params, ...gemmAttrs } = ctx.attrs;
    const [y] = callReference(Gemm, ctx.inputs, gemmAttrs, ctx) as Tensor[];
    return [applyActivation(y, activation, activation_params, ctx)];
  },
});

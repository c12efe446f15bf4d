/**
 * The onnx-ts fused ops (domain 'com.onnx-ts', opset 1), made by the graph optimizer (src/passes).
 * Each is defined by composing the ai.onnx specs' reference kernels, so every optimized graph runs
 * and can be checked on every provider, and a provider may add a faster kernel for any of them.
 */
import type { OpSpec } from '../spec.js';
import { FusedAttention } from './attention.js';
import { FusedConv } from './fused-conv.js';
import { FusedGemm } from './fused-gemm.js';
import { FusedMatMul } from './fused-matmul.js';
import { Gelu } from './gelu.js';
import { LayerNormalization } from './layer-norm.js';
import { SkipLayerNormalization } from './skip-layer-norm.js';

export { FUSED_DOMAIN, FUSED_OPSET, FUSABLE_ACTIVATIONS } from './compose.js';

export const fusedOps: OpSpec<any>[] = [FusedConv, FusedGemm, FusedMatMul, Gelu, LayerNormalization, SkipLayerNormalization, FusedAttention];

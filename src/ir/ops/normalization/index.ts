/** The normalization family's op specs: normalizations, softmax and friends, losses, attention. */
import type { OpSpec } from '../spec.js';
import { Attention } from './attention.js';
import { BatchNormalization } from './batch-normalization.js';
import { CausalConvWithState } from './causal-conv-with-state.js';
import { Dropout } from './dropout.js';
import { GroupNormalization } from './group-normalization.js';
import { InstanceNormalization } from './instance-normalization.js';
import { LayerNormalization } from './layer-normalization.js';
import { LinearAttention } from './linear-attention.js';
import { LpNormalization } from './lp-normalization.js';
import { LRN } from './lrn.js';
import { MeanVarianceNormalization } from './mean-variance-normalization.js';
import { NegativeLogLikelihoodLoss } from './negative-log-likelihood-loss.js';
import { RMSNormalization } from './rms-normalization.js';
import { RotaryEmbedding } from './rotary-embedding.js';
import { Hardmax, LogSoftmax, Softmax } from './softmax.js';
import { SoftmaxCrossEntropyLoss } from './softmax-cross-entropy-loss.js';

export const normalizationOps: OpSpec<any>[] = [
  BatchNormalization, InstanceNormalization, LayerNormalization, GroupNormalization, RMSNormalization,
  LpNormalization, LRN, MeanVarianceNormalization,
  Softmax, LogSoftmax, Hardmax, Dropout, NegativeLogLikelihoodLoss, SoftmaxCrossEntropyLoss,
  Attention, RotaryEmbedding, LinearAttention, CausalConvWithState,
];

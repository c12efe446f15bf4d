/** The normalization family's op specs: normalizations, softmax and friends, losses, attention. */
import type { OpSpec } from '../spec.js';
import { BatchNormalization } from './batch-normalization.js';
import { GroupNormalization } from './group-normalization.js';
import { InstanceNormalization } from './instance-normalization.js';
import { LayerNormalization } from './layer-normalization.js';
import { LpNormalization } from './lp-normalization.js';
import { LRN } from './lrn.js';
import { MeanVarianceNormalization } from './mean-variance-normalization.js';
import { RMSNormalization } from './rms-normalization.js';

export const normalizationOps: OpSpec<any>[] = [
  BatchNormalization, InstanceNormalization, LayerNormalization, GroupNormalization, RMSNormalization,
  LpNormalization, LRN, MeanVarianceNormalization,
];

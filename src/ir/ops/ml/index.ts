/** The ml family's op specs (domain ai.onnx.ml). */
import type { OpSpec } from '../spec.js';
import { ArrayFeatureExtractor } from './array-feature-extractor.js';
import { Binarizer } from './binarizer.js';
import { LabelEncoder } from './label-encoder.js';
import { TreeEnsemble } from './tree-ensemble.js';
import { TreeEnsembleRegressor } from './tree-ensemble-regressor.js';

export const mlOps: OpSpec<any>[] = [ArrayFeatureExtractor, Binarizer, LabelEncoder, TreeEnsemble, TreeEnsembleRegressor];

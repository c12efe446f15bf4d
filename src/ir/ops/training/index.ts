/** The training family's op specs (domain ai.onnx.preview.training). */
import type { OpSpec } from '../spec.js';
import { Adagrad } from './adagrad.js';
import { Adam } from './adam.js';
import { Gradient } from './gradient.js';
import { Momentum } from './momentum.js';

export const trainingOps: OpSpec<any>[] = [Adagrad, Adam, Gradient, Momentum];

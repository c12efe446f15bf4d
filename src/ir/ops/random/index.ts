/** The random family's op specs. */
import type { OpSpec } from '../spec.js';
import { Bernoulli } from './bernoulli.js';
import { Multinomial } from './multinomial.js';
import { RandomNormal } from './random-normal.js';
import { RandomNormalLike } from './random-normal-like.js';
import { RandomUniform } from './random-uniform.js';
import { RandomUniformLike } from './random-uniform-like.js';

export const randomOps: OpSpec<any>[] = [RandomNormal, RandomUniform, RandomNormalLike, RandomUniformLike, Bernoulli, Multinomial];

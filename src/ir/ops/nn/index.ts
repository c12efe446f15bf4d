/** The nn family's op specs. */
import type { OpSpec } from '../spec.js';
import { Conv } from './conv.js';
import { ConvTranspose } from './conv-transpose.js';
import { GlobalAveragePool, GlobalLpPool, GlobalMaxPool } from './global-pool.js';
import { MaxRoiPool } from './max-roi-pool.js';
import { MaxUnpool } from './max-unpool.js';
import { AveragePool, LpPool, MaxPool } from './pool.js';
import { Resize, Upsample } from './resize.js';
import { RoiAlign } from './roi-align.js';

export const nnOps: OpSpec<any>[] = [
  Conv, ConvTranspose, MaxPool, AveragePool, LpPool, GlobalAveragePool, GlobalMaxPool, GlobalLpPool, Resize, Upsample,
  MaxUnpool, MaxRoiPool, RoiAlign,
];

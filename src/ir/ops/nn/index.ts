/** The nn family's op specs. */
import type { OpSpec } from '../spec.js';
import { AffineGrid } from './affine-grid.js';
import { Col2Im } from './col2im.js';
import { Conv } from './conv.js';
import { ConvTranspose } from './conv-transpose.js';
import { DeformConv } from './deform-conv.js';
import { GridSample } from './grid-sample.js';
import { GlobalAveragePool, GlobalLpPool, GlobalMaxPool } from './global-pool.js';
import { MaxRoiPool } from './max-roi-pool.js';
import { MaxUnpool } from './max-unpool.js';
import { AveragePool, LpPool, MaxPool } from './pool.js';
import { Resize, Upsample } from './resize.js';
import { RoiAlign } from './roi-align.js';

export const nnOps: OpSpec<any>[] = [
  Conv, ConvTranspose, MaxPool, AveragePool, LpPool, GlobalAveragePool, GlobalMaxPool, GlobalLpPool, Resize, Upsample,
  MaxUnpool, MaxRoiPool, RoiAlign, GridSample, AffineGrid, Col2Im, DeformConv,
];

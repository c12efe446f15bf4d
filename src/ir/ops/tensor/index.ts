/** The tensor family's op specs: shape and data movement. */
import type { OpSpec } from '../spec.js';
import { CenterCropPad } from './center-crop-pad.js';
import { Concat } from './concat.js';
import { Constant } from './constant.js';
import { ConstantOfShape } from './constant-of-shape.js';
import { DepthToSpace, SpaceToDepth } from './depth-space.js';
import { Expand } from './expand.js';
import { EyeLike } from './eye-like.js';
import { Flatten } from './flatten.js';
import { Identity } from './identity.js';
import { Pad } from './pad.js';
import { Range } from './range.js';
import { Reshape } from './reshape.js';
import { Shape } from './shape.js';
import { Size } from './size.js';
import { Slice } from './slice.js';
import { Split } from './split.js';
import { Squeeze } from './squeeze.js';
import { Tile } from './tile.js';
import { Transpose } from './transpose.js';
import { Trilu } from './trilu.js';
import { Unsqueeze } from './unsqueeze.js';

export const tensorOps: OpSpec<any>[] = [
  Reshape, Shape, Size, Flatten, Squeeze, Unsqueeze, Transpose, Concat, Split, Slice, Expand, Tile, Pad,
  Identity, Constant, ConstantOfShape, Range, DepthToSpace, SpaceToDepth, EyeLike, CenterCropPad, Trilu,
];

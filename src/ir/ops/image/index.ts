/** The image family's op specs: decoding encoded image streams. */
import type { OpSpec } from '../spec.js';
import { ImageDecoder } from './image-decoder.js';

export const imageOps: OpSpec<any>[] = [ImageDecoder];

/** The signal family's op specs. */
import type { OpSpec } from '../spec.js';
import { DFT } from './dft.js';
import { MelWeightMatrix } from './mel-weight-matrix.js';
import { STFT } from './stft.js';
import { BlackmanWindow, HammingWindow, HannWindow } from './windows.js';

export const signalOps: OpSpec<any>[] = [DFT, STFT, HannWindow, HammingWindow, BlackmanWindow, MelWeightMatrix];

/** The recurrent family's op specs. */
import type { OpSpec } from '../spec.js';
import { GRU } from './gru.js';
import { LSTM } from './lstm.js';
import { RNN } from './rnn.js';

export const recurrentOps: OpSpec<any>[] = [RNN, GRU, LSTM];

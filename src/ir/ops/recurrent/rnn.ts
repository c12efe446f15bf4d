/**
 * RNN: the simple (Elman) recurrent layer, Ht = f(Xt·Wᵀ + Ht-1·Rᵀ + Wb + Rb).
 * https://onnx.ai/onnx/operators/onnx__RNN.html
 *
 * Versions: 7 dropped `output_sequence`, 14 added `layout`, 22 added bfloat16.
 */
import { defineOp } from '../spec.js';
import { activate } from './activations.js';
import { type DirectionParams, RECURRENT_ATTRS, RECURRENT_TYPES, addMatVec, inferRecurrent, runRecurrent } from './recurrent.js';

const RNN_OP = {
  gates: 1,
  activationsPerDirection: 1,
  // The schema's default (['Tanh', 'Tanh']) fills `activations`; this covers an explicitly empty list.
  defaultActivations: ['Tanh'],
  cellState: false,
  makeCell: ({ R, Rb, activations: [f], clip, hidden }: DirectionParams) => {
    const g = new Float64Array(hidden);
    return (xw: Float64Array, xOff: number, h: Float64Array, _c: Float64Array | undefined, off: number) => {
      for (let j = 0; j < hidden; j++) g[j] = xw[xOff + j] + Rb[j];
      addMatVec(R, 0, hidden, hidden, h, off, g, 0);
      activate(f, g, 0, hidden, clip);
      h.set(g, off);
    };
  },
};

/** One-layer simple RNN over a sequence, in one or both directions. */
export const RNN = defineOp({
  name: 'RNN',
  versions: [1, 7, 14, 22],
  doc: 'One-layer simple RNN: Ht = f(Xt·Wᵀ + Ht-1·Rᵀ + Wb + Rb).',
  inputs: [
    { name: 'X', type: 'T' }, { name: 'W', type: 'T' }, { name: 'R', type: 'T' },
    { name: 'B', type: 'T', optional: true }, { name: 'sequence_lens', type: 'T1', optional: true },
    { name: 'initial_h', type: 'T', optional: true },
  ],
  outputs: [{ name: 'Y', type: 'T', optional: true }, { name: 'Y_h', type: 'T', optional: true }],
  types: { T: RECURRENT_TYPES, T1: ['int32'] },
  attributes: { ...RECURRENT_ATTRS, activations: { type: 'strings', default: ['Tanh', 'Tanh'] } },
  inferShape: (ctx) => inferRecurrent(ctx, RNN_OP),
  reference: (ctx) => runRecurrent(ctx, RNN_OP),
});

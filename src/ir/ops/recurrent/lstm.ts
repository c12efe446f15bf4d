/**
 * LSTM: the long short-term memory layer (input, output, forget gates and a cell state), with
 * optional peepholes P and coupled input/forget gates.
 * https://onnx.ai/onnx/operators/onnx__LSTM.html
 *
 * Versions: 7 dropped `output_sequence`, 14 added `layout`, 22 added bfloat16.
 */
import { defineOp } from '../spec.js';
import { activate } from './activations.js';
import { type DirectionParams, type RecurrentOp, RECURRENT_ATTRS, RECURRENT_TYPES, addMatVec, inferRecurrent, runRecurrent } from './recurrent.js';

function lstmOp(inputForget: boolean): RecurrentOp {
  return {
    gates: 4,
    activationsPerDirection: 3,
    defaultActivations: ['Sigmoid', 'Tanh', 'Tanh'],
    cellState: true,
    extra: { input: 7, perHidden: 3 },
    makeCell: ({ R, Rb, activations: [f, g, hAct], clip, hidden: H, extra: P }: DirectionParams) => {
      // W/R/B stack the gates as i, o, f, c; P as i, o, f.
      const I = 0, O = H, F = 2 * H, C = 3 * H;
      const gate = new Float64Array(4 * H);
      const cellOut = new Float64Array(H);
      return (xw, xOff, h, c, off) => {
        const cell = c!;
        for (let j = 0; j < 4 * H; j++) gate[j] = xw[xOff + j] + Rb[j];
        addMatVec(R, 0, 4 * H, H, h, off, gate, 0);
        if (P) {
          for (let j = 0; j < H; j++) {
            gate[I + j] += P[j] * cell[off + j];
            gate[F + j] += P[2 * H + j] * cell[off + j];
          }
        }
        activate(f, gate, I, I + H, clip);
        if (inputForget) for (let j = 0; j < H; j++) gate[F + j] = 1 - gate[I + j];
        else activate(f, gate, F, F + H, clip);
        activate(g, gate, C, C + H, clip);
        for (let j = 0; j < H; j++) cell[off + j] = gate[F + j] * cell[off + j] + gate[I + j] * gate[C + j];
        // The output gate peeks at the new cell state Ct, the others at Ct-1.
        if (P) for (let j = 0; j < H; j++) gate[O + j] += P[H + j] * cell[off + j];
        activate(f, gate, O, O + H, clip);
        cellOut.set(cell.subarray(off, off + H));
        activate(hAct, cellOut, 0, H, clip);
        for (let j = 0; j < H; j++) h[off + j] = gate[O + j] * cellOut[j];
      };
    },
  };
}

const LSTM_PLAIN = lstmOp(false);
const LSTM_INPUT_FORGET = lstmOp(true);

/** One-layer LSTM over a sequence, in one or both directions. */
export const LSTM = defineOp({
  name: 'LSTM',
  versions: [1, 7, 14, 22],
  doc: 'One-layer LSTM with optional peepholes and coupled input/forget gates.',
  inputs: [
    { name: 'X', type: 'T' }, { name: 'W', type: 'T' }, { name: 'R', type: 'T' },
    { name: 'B', type: 'T', optional: true }, { name: 'sequence_lens', type: 'T1', optional: true },
    { name: 'initial_h', type: 'T', optional: true }, { name: 'initial_c', type: 'T', optional: true },
    { name: 'P', type: 'T', optional: true },
  ],
  outputs: [
    { name: 'Y', type: 'T', optional: true }, { name: 'Y_h', type: 'T', optional: true },
    { name: 'Y_c', type: 'T', optional: true },
  ],
  types: { T: RECURRENT_TYPES, T1: ['int32'] },
  attributes: {
    ...RECURRENT_ATTRS,
    activations: { type: 'strings' },
    input_forget: { type: 'int', default: 0 },
  },
  inferShape: (ctx) => inferRecurrent(ctx, LSTM_PLAIN),
  reference: (ctx) => runRecurrent(ctx, ctx.attrs.input_forget ? LSTM_INPUT_FORGET : LSTM_PLAIN),
});

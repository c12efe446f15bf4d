/**
 * GRU: the gated recurrent unit layer (update gate z, reset gate r, hidden gate h).
 * https://onnx.ai/onnx/operators/onnx__GRU.html
 *
 * Versions: 3 added `linear_before_reset`, 7 dropped `output_sequence`, 14 added `layout`,
 * 22 added bfloat16.
 */
import { defineOp } from '../spec.js';
import { activate } from './activations.js';
import { type DirectionParams, type RecurrentOp, RECURRENT_ATTRS, RECURRENT_TYPES, addMatVec, inferRecurrent, runRecurrent } from './recurrent.js';

function gruOp(linearBeforeReset: boolean): RecurrentOp {
  return {
    gates: 3,
    activationsPerDirection: 2,
    defaultActivations: ['Sigmoid', 'Tanh'],
    cellState: false,
    makeCell: ({ R, Rb, activations: [f, g], clip, hidden: H }: DirectionParams) => {
      // Gates in W/R/B order z, r, h; `gate` holds them for one batch row, `tmp` the recurrent part of h.
      const gate = new Float64Array(3 * H);
      const tmp = new Float64Array(H);
      return (xw, xOff, h, _c, off) => {
        for (let j = 0; j < 2 * H; j++) gate[j] = xw[xOff + j] + Rb[j];
        addMatVec(R, 0, 2 * H, H, h, off, gate, 0);
        activate(f, gate, 0, 2 * H, clip);
        if (linearBeforeReset) {
          // ht = g(Xt·Whᵀ + Wbh + rt ⊙ (Ht-1·Rhᵀ + Rbh))
          for (let j = 0; j < H; j++) tmp[j] = Rb[2 * H + j];
          addMatVec(R, 2 * H, H, H, h, off, tmp, 0);
          for (let j = 0; j < H; j++) gate[2 * H + j] = xw[xOff + 2 * H + j] + gate[H + j] * tmp[j];
        } else {
          // ht = g(Xt·Whᵀ + Wbh + (rt ⊙ Ht-1)·Rhᵀ + Rbh)
          for (let j = 0; j < H; j++) tmp[j] = gate[H + j] * h[off + j];
          for (let j = 0; j < H; j++) gate[2 * H + j] = xw[xOff + 2 * H + j] + Rb[2 * H + j];
          addMatVec(R, 2 * H, H, H, tmp, 0, gate, 2 * H);
        }
        activate(g, gate, 2 * H, 3 * H, clip);
        for (let j = 0; j < H; j++) {
          const z = gate[j];
          h[off + j] = (1 - z) * gate[2 * H + j] + z * h[off + j];
        }
      };
    },
  };
}

const GRU_PLAIN = gruOp(false);
const GRU_LINEAR_BEFORE_RESET = gruOp(true);

/** One-layer GRU over a sequence, in one or both directions. */
export const GRU = defineOp({
  name: 'GRU',
  versions: [1, 3, 7, 14, 22],
  doc: 'One-layer GRU: update gate z, reset gate r, hidden gate h.',
  inputs: [
    { name: 'X', type: 'T' }, { name: 'W', type: 'T' }, { name: 'R', type: 'T' },
    { name: 'B', type: 'T', optional: true }, { name: 'sequence_lens', type: 'T1', optional: true },
    { name: 'initial_h', type: 'T', optional: true },
  ],
  outputs: [{ name: 'Y', type: 'T', optional: true }, { name: 'Y_h', type: 'T', optional: true }],
  types: { T: RECURRENT_TYPES, T1: ['int32'] },
  attributes: {
    ...RECURRENT_ATTRS,
    activations: { type: 'strings' },
    linear_before_reset: { type: 'int', default: 0, since: 3 },
  },
  inferShape: (ctx) => inferRecurrent(ctx, GRU_PLAIN),
  reference: (ctx) => runRecurrent(ctx, ctx.attrs.linear_before_reset ? GRU_LINEAR_BEFORE_RESET : GRU_PLAIN),
});

/**
 * Mod: the remainder of A / B, elementwise with broadcasting.
 * https://onnx.ai/onnx/operators/onnx__Mod.html
 *
 * fmod=0 (integers only) takes the sign of the divisor, like Python's %; fmod=1 takes the sign of
 * the dividend, like C's fmod (required for float inputs).
 */
import { isBigInt } from '../../dtype.js';
import type { Tensor } from '../../tensor.js';
import { broadcastDims } from '../common/broadcast.js';
import { mapBinary } from '../common/elementwise.js';
import { NUMERIC } from '../common/types.js';
import { defineOp } from '../spec.js';

/** A mod B, with the remainder's sign chosen by `fmod`. */
export const Mod = defineOp({
  name: 'Mod',
  versions: [10, 13],
  doc: 'Remainder of A / B with broadcasting: sign of B (fmod=0) or of A (fmod=1).',
  inputs: [{ name: 'A', type: 'T' }, { name: 'B', type: 'T' }],
  outputs: [{ name: 'C', type: 'T' }],
  types: { T: NUMERIC },
  attributes: { fmod: { type: 'int', default: 0 } },
  inferShape: ({ inputs: [a, b] }) => [{
    kind: 'tensor', dtype: a?.dtype ?? b?.dtype, dims: a?.dims && b?.dims ? broadcastDims(a.dims, b.dims) : undefined,
  }],
  reference: ({ inputs, attrs }) => {
    const a = inputs[0] as Tensor, b = inputs[1] as Tensor;
    const floored = !attrs.fmod;
    const big = isBigInt(a.type)
      ? (x: bigint, y: bigint) => {
        if (y === 0n) return 0n; // undefined in ONNX; numpy gives 0 and BigInt would throw
        const r = x % y;
        return floored && r !== 0n && (r < 0n) !== (y < 0n) ? r + y : r;
      }
      : undefined;
    return [mapBinary(a, b, a.type, (x, y) => {
      const r = x % y;
      return floored && r !== 0 && (r < 0) !== (y < 0) ? r + y : r;
    }, big)];
  },
});

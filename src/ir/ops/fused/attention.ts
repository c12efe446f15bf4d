/**
 * FusedAttention (com.onnx-ts): scaled dot-product attention, softmax(Q·K·scale + mask)·V, as the
 * attention fusion finds it in exported transformer graphs (heads already split by the graph).
 */
import { Tensor } from '../../tensor.js';
import { MatMul } from '../linalg/matmul.js';
import { Add, Mul } from '../math/arithmetic.js';
import { Softmax } from '../normalization/softmax.js';
import { FLOATS } from '../common/types.js';
import { defineOp } from '../spec.js';
import { callReference, FUSED_DOMAIN, inferAs } from './compose.js';

/**
 * Y = Softmax(MatMul(Q, K) · scale + mask, axis = -1) · V. `K` is the right operand of the
 * score product as the graph had it (already transposed to [..., D, S_kv]); `mask` is additive and
 * broadcasts to the scores.
 */
export const FusedAttention = defineOp({
  name: 'FusedAttention',
  domain: FUSED_DOMAIN,
  versions: [1],
  doc: 'Softmax(MatMul(Q, K) * scale + mask, axis=-1) @ V; K given as [..., D, S_kv], mask additive and optional.',
  inputs: [{ name: 'Q', type: 'T' }, { name: 'K', type: 'T' }, { name: 'V', type: 'T' }, { name: 'mask', type: 'T', optional: true }],
  outputs: [{ name: 'Y', type: 'T' }],
  types: { T: FLOATS },
  attributes: { scale: { type: 'float', default: 1.0 } },
  inferShape: (ctx) => {
    const [q, k, v] = ctx.inputs;
    const [scores] = inferAs(MatMul, { ...ctx, inputs: [q, k] });
    if (!scores || scores.kind !== 'tensor') return [{ kind: 'tensor', dtype: q?.dtype }];
    return inferAs(MatMul, { ...ctx, inputs: [{ type: scores, dtype: scores.dtype, dims: scores.dims }, v] });
  },
  reference: (ctx) => {
    const [q, k, v, mask] = ctx.inputs as (Tensor | undefined)[];
    let [s] = callReference(MatMul, [q, k], {}, ctx) as Tensor[];
    if (ctx.attrs.scale !== 1) [s] = callReference(Mul, [s, scalarLike(s, ctx.attrs.scale)], {}, ctx) as Tensor[];
    if (mask) [s] = callReference(Add, [s, mask], {}, ctx) as Tensor[];
    const [p] = callReference(Softmax, [s], { axis: -1 }, ctx) as Tensor[];
    return callReference(MatMul, [p, v], {}, ctx);
  },
});

function scalarLike(t: Tensor, value: number): Tensor {
  return Tensor.fromValues(t.type, [], [value]);
}

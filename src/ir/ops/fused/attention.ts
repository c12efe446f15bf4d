/**
 * FusedAttention (com.onnx-ts): scaled dot-product attention, softmax(Q·K·scale + mask)·V, as the
 * attention fusion finds it in exported transformer graphs: either with the heads already split by
 * the graph, or (num_heads > 0) straight from the sequence-first projections with the heads still
 * packed in the last axis, as torch.nn.MultiheadAttention exports them.
 */
import { ShapeError } from '../../errors.js';
import { Tensor } from '../../tensor.js';
import { broadcastDims } from '../common/broadcast.js';
import { MatMul } from '../linalg/matmul.js';
import { Add, Mul } from '../math/arithmetic.js';
import { Softmax } from '../normalization/softmax.js';
import { Reshape } from '../tensor/reshape.js';
import { Slice } from '../tensor/slice.js';
import { Transpose } from '../tensor/transpose.js';
import { FLOATS } from '../common/types.js';
import type { Dim } from '../../model.js';
import { defineOp, type RunContext } from '../spec.js';
import { callReference, FUSED_DOMAIN, inferAs } from './compose.js';

/**
 * num_heads = 0: Y = Softmax(MatMul(Q, K) · scale + mask, axis = -1) · V, `K` being the right
 * operand of the score product as the graph had it ([..., D, S_kv]) and `mask` additive,
 * broadcasting to the scores.
 *
 * num_heads = H > 0: Q is [S_q, B, H·D], K [S_kv, B, H·D], V [S_kv, B, H·Dv]; or K and V are
 * absent and Q is the packed in-projection [S_q, B, 3·H·D] (Q, K and V side by side on the last
 * axis). Each is viewed as [S, B·H, D] and transposed to heads-first ([B·H, S, D], K to
 * [B·H, D, S]); the attention above runs with the mask broadcasting to [B·H, S_q, S_kv]; Y is
 * transposed back and viewed as [S_q, B, H·Dv]. This is exactly the Slice / Reshape / Transpose
 * chain that nn.MultiheadAttention exports around its score product.
 */
export const FusedAttention = defineOp({
  name: 'FusedAttention',
  domain: FUSED_DOMAIN,
  versions: [1],
  doc: 'Softmax(MatMul(Q, K) * scale + mask, axis=-1) @ V; K given as [..., D, S_kv], mask additive and optional. '
    + 'num_heads > 0: sequence-first inputs [S, B, H*D] with packed heads (K, V absent: Q is the packed [S, B, 3*H*D]).',
  inputs: [{ name: 'Q', type: 'T' }, { name: 'K', type: 'T', optional: true }, { name: 'V', type: 'T', optional: true }, { name: 'mask', type: 'T', optional: true }],
  outputs: [{ name: 'Y', type: 'T' }],
  types: { T: FLOATS },
  attributes: { scale: { type: 'float', default: 1.0 }, num_heads: { type: 'int', default: 0 } },
  inferShape: (ctx) => {
    const [q, k, v, mask] = ctx.inputs;
    const dtype = q?.dtype;
    if (ctx.attrs.num_heads > 0) return [{ kind: 'tensor', dtype, dims: headsDims(ctx.attrs.num_heads, q, k, v, mask?.dims) }];
    if (!k || !v) throw new ShapeError(`num_heads = 0 needs K and V`);
    const [product] = inferAs(MatMul, { ...ctx, inputs: [q, k] });
    if (!product || product.kind !== 'tensor') return [{ kind: 'tensor', dtype }];
    // The mask is added with Add's broadcasting, as the Add the fusion replaced did.
    const dims = product.dims && mask?.dims ? broadcastDims(product.dims, mask.dims) : mask ? undefined : product.dims;
    return inferAs(MatMul, { ...ctx, inputs: [{ type: { ...product, dims }, dtype: product.dtype, dims }, v] });
  },
  reference: (ctx) => {
    const [q, k, v, mask] = ctx.inputs as (Tensor | undefined)[];
    const heads = ctx.attrs.num_heads;
    if (!(heads > 0)) return [attend(ctx, ctx.attrs.scale, q!, k!, v!, mask)];
    const [qs, ks, vs] = k ? [q!, k, v!] : splitPacked(ctx, q!);
    const toHeads = (t: Tensor, perm: number[]) => {
      const [s, b, e] = t.dims;
      const [split] = callReference(Reshape, [t, shape([s, b * heads, e / heads])], VIEW, ctx) as Tensor[];
      return callReference(Transpose, [split], { perm }, ctx)[0] as Tensor;
    };
    const y = attend(ctx, ctx.attrs.scale, toHeads(qs, [1, 0, 2]), toHeads(ks, [1, 2, 0]), toHeads(vs, [1, 0, 2]), mask);
    const [seqFirst] = callReference(Transpose, [y], { perm: [1, 0, 2] }, ctx) as Tensor[];
    return callReference(Reshape, [seqFirst, shape([qs.dims[0], qs.dims[1], vs.dims[2]])], VIEW, ctx);
  },
});

type Operand = { dims?: readonly Dim[] } | undefined;

/**
 * Y's dims for num_heads = H > 0, after checking everything the Reshape / Transpose chain needs:
 * Q [S_q, B, H·D] with K [S_kv, B, H·D] and V [S_kv, B, H·Dv], or the packed Q [S_q, B, 3·H·D]
 * alone; the mask broadcasting into the scores [B·H, S_q, S_kv] without growing them (the chain
 * transposes the scores' product back as rank 3). Dims may be symbolic: only numbers are compared.
 */
function headsDims(heads: number, q: Operand, k: Operand, v: Operand, mask: readonly Dim[] | undefined): Dim[] | undefined {
  const show = (t: Operand) => (t?.dims ? `[${t.dims.join(',')}]` : t ? '?' : '-');
  const fail = (why: string): never => {
    throw new ShapeError(`num_heads ${heads}: ${why}; Q ${show(q)}, K ${show(k)}, V ${show(v)}, mask ${mask ? `[${mask.join(',')}]` : '-'}`);
  };
  if (!k !== !v) fail('K and V must both be given or both be absent (packed Q)');
  for (const [name, t] of [['Q', q], ['K', k], ['V', v]] as const) if (t?.dims && t.dims.length !== 3) fail(`${name} must have rank 3`);
  const n = (d: Dim): d is number => typeof d === 'number';
  const qd = q?.dims;
  const [sq, b, eq]: readonly Dim[] = qd ?? [undefined, undefined, undefined];
  const packed = !k;
  if (n(eq) && eq % (packed ? 3 * heads : heads) !== 0) fail(`Q's last dim ${eq} is not a multiple of ${packed ? '3·' : ''}num_heads`);
  let skv: Dim = sq, ev: Dim = n(eq) && packed ? eq / 3 : undefined;
  if (!packed) {
    const [kd, vd] = [k!.dims, v!.dims];
    const differ = (x: Dim, y: Dim) => n(x) && n(y) && x !== y;
    if (differ(kd?.[1], b) || differ(vd?.[1], b) || differ(kd?.[1], vd?.[1])) fail('Q, K and V must have the same batch (axis 1)');
    if (differ(kd?.[2], eq)) fail(`K's last dim must equal Q's`);
    if (differ(kd?.[0], vd?.[0])) fail('K and V must have the same sequence length (axis 0)');
    if (n(vd?.[2]) && vd![2] % heads !== 0) fail(`V's last dim is not a multiple of num_heads`);
    skv = kd?.[0] ?? vd?.[0];
    ev = vd?.[2];
  }
  if (mask) {
    const scores: Dim[] = [n(b) ? b * heads : undefined, sq, skv];
    const fits = mask.length <= 3 && mask.every((d, i) => !n(d) || d === 1 || !n(scores[3 - mask.length + i]) || d === scores[3 - mask.length + i]);
    if (!fits) fail(`the mask must broadcast into the scores [${scores.map((d) => d ?? '?').join(',')}]`);
  }
  return qd ? [sq, b, ev] : undefined;
}

/**
 * Reshape as a plain view: a 0 in the target is an empty axis (an empty batch or sequence), not
 * Reshape's default "copy this dim from the input".
 */
const VIEW = { allowzero: 1 };

/** softmax(q·k·scale + mask)·v on heads-first operands. */
function attend(ctx: RunContext<any>, scale: number, q: Tensor, k: Tensor, v: Tensor, mask: Tensor | undefined): Tensor {
  let [s] = callReference(MatMul, [q, k], {}, ctx) as Tensor[];
  if (scale !== 1) [s] = callReference(Mul, [s, scalarLike(s, scale)], {}, ctx) as Tensor[];
  if (mask) [s] = callReference(Add, [s, mask], {}, ctx) as Tensor[];
  const [p] = callReference(Softmax, [s], { axis: -1 }, ctx) as Tensor[];
  return callReference(MatMul, [p, v], {}, ctx)[0] as Tensor;
}

/** The three thirds of the packed [S, B, 3E] projection along its last axis. */
function splitPacked(ctx: RunContext<any>, qkv: Tensor): Tensor[] {
  const e = qkv.dims[2] / 3;
  return [0, 1, 2].map((i) => callReference(Slice, [qkv, shape([i * e]), shape([(i + 1) * e]), shape([2])], {}, ctx)[0] as Tensor);
}

function shape(values: number[]): Tensor {
  return Tensor.fromValues('int64', [values.length], values.map(BigInt));
}

function scalarLike(t: Tensor, value: number): Tensor {
  return Tensor.fromValues(t.type, [], [value]);
}

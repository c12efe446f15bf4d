/**
 * BitCast: the same bits, read as another dtype of the same width.
 * https://onnx.ai/onnx/operators/onnx__BitCast.html
 */
import { type DType, dtypeFromOnnx, storageCtor, wireBits } from '../../dtype.js';
import { AttributeError, TypeConstraintError } from '../../errors.js';
import { Tensor } from '../../tensor.js';
import { ALL_TENSOR_TYPES } from '../common/types.js';
import { defineOp } from '../spec.js';

const BITCASTABLE: readonly DType[] = ALL_TENSOR_TYPES.filter((t) => t !== 'string');

function targetOf(from: DType | undefined, to: number): DType {
  const t = dtypeFromOnnx(to);
  if (!t || t === 'string') throw new AttributeError(`BitCast 'to' = ${to} is not a non-string data type`);
  if (from && wireBits(from) !== wireBits(t)) {
    throw new TypeConstraintError(`BitCast from ${from} (${wireBits(from)} bits) to ${t} (${wireBits(t)} bits): widths differ`);
  }
  return t;
}

/**
 * Sub-byte types keep one element per array entry, so their bits are the low 2 or 4 bits of the
 * entry; signed ones sign-extend. Everything else is a byte-for-byte copy of the storage, which is
 * little-endian on every platform Node runs on.
 */
function bitcast(x: Tensor, to: DType): Tensor {
  const bits = wireBits(to);
  if (bits < 8) {
    const src = x.data as Int8Array | Uint8Array;
    const out = new (storageCtor(to))(src.length) as Int8Array | Uint8Array;
    const mask = (1 << bits) - 1;
    const signed = to === 'int4' || to === 'int2';
    for (let i = 0; i < src.length; i++) {
      const code = src[i] & mask;
      out[i] = signed && code >> (bits - 1) ? code - (1 << bits) : code;
    }
    return new Tensor(to, out, x.dims);
  }
  const src = x.data as Exclude<Tensor['data'], string[]>;
  const bytes = new Uint8Array(src.buffer, src.byteOffset, src.byteLength).slice();
  const Ctor = storageCtor(to);
  return new Tensor(to, new Ctor(bytes.buffer, 0, bytes.byteLength / Ctor.BYTES_PER_ELEMENT), x.dims);
}

/** BitCast: reinterprets each element's bits as dtype `to` (same bit width); the shape is kept. */
export const BitCast = defineOp({
  name: 'BitCast',
  versions: [26],
  doc: 'Reinterprets the bits of every element as the same-width data type given by `to`.',
  inputs: [{ name: 'input', type: 'T1' }],
  outputs: [{ name: 'output', type: 'T2' }],
  types: { T1: BITCASTABLE, T2: BITCASTABLE },
  attributes: { to: { type: 'int', required: true } },
  tolerance: 'exact',
  inferShape: ({ inputs: [x], attrs }) => [{ kind: 'tensor', dtype: targetOf(x?.dtype, attrs.to), dims: x?.dims }],
  reference: ({ inputs: [x], attrs }) => {
    const t = x as Tensor;
    return [bitcast(t, targetOf(t.type, attrs.to))];
  },
});

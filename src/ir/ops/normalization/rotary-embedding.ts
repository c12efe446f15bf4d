/**
 * RotaryEmbedding: rotary positional embeddings (RoPE), rotating pairs of each head's features by
 * position-dependent angles given as cos/sin caches.
 * https://onnx.ai/onnx/operators/onnx__RotaryEmbedding.html
 */
import { ShapeError } from '../../errors.js';
import { readNumbers, readValues, type Tensor } from '../../tensor.js';
import { defineOp } from '../spec.js';
import { floatBuffer, floatTensor, fmtDims } from './util.js';

/** Rotary positional embedding of a 4-D (batch, heads, seq, head) or 3-D (batch, seq, hidden) input. */
export const RotaryEmbedding = defineOp({
  name: 'RotaryEmbedding',
  versions: [23],
  doc: 'Rotates feature pairs (halves, or interleaved neighbours) of the first rotary_embedding_dim features of each head by the cached cos/sin of the token position.',
  inputs: [
    { name: 'X', type: 'T' }, { name: 'cos_cache', type: 'T' }, { name: 'sin_cache', type: 'T' },
    { name: 'position_ids', type: 'M', optional: true },
  ],
  outputs: [{ name: 'Y', type: 'T' }],
  types: { T: ['float32', 'float16', 'bfloat16'], M: ['int64'] },
  attributes: {
    interleaved: { type: 'int', default: 0 },
    num_heads: { type: 'int' },
    rotary_embedding_dim: { type: 'int', default: 0 },
  },
  inferShape: ({ inputs: [x], attrs }) => {
    const d = x?.dims;
    if (d && d.length !== 3 && d.length !== 4) throw new ShapeError(`X ${fmtDims(d)} must be 3-D or 4-D`);
    if (d && d.length === 3 && !attrs.num_heads) throw new ShapeError(`X ${fmtDims(d)} is 3-D, so num_heads is required`);
    return [{ kind: 'tensor', dtype: x?.dtype, dims: d }];
  },
  reference: ({ inputs, attrs }) => {
    const [x, cosT, sinT, posT] = inputs as [Tensor, Tensor, Tensor, Tensor | undefined];
    const is3d = x.dims.length === 3;
    const batch = x.dims[0];
    const heads = is3d ? attrs.num_heads! : x.dims[1];
    const seq = is3d ? x.dims[1] : x.dims[2];
    const headSize = is3d ? x.dims[2] / heads : x.dims[3];
    const rot = attrs.rotary_embedding_dim || headSize;
    const half = rot / 2;
    if (cosT.dims[cosT.dims.length - 1] !== half) {
      throw new ShapeError(`cos_cache ${fmtDims(cosT.dims)} must end in rotary_embedding_dim / 2 = ${half}`);
    }
    const xs = readValues(x), cos = readValues(cosT), sin = readValues(sinT);
    const pos = posT ? readNumbers(posT) : undefined;
    const y = floatBuffer(x.type, x.size);
    for (let b = 0; b < batch; b++) {
      for (let s = 0; s < seq; s++) {
        // With position ids the caches are indexed by position, else they are (batch, seq, half).
        const c0 = (pos ? pos[b * seq + s] : b * seq + s) * half;
        for (let h = 0; h < heads; h++) {
          const base = is3d ? (b * seq + s) * heads * headSize + h * headSize : ((b * heads + h) * seq + s) * headSize;
          for (let j = 0; j < half; j++) {
            const i1 = base + (attrs.interleaved ? 2 * j : j);
            const i2 = base + (attrs.interleaved ? 2 * j + 1 : j + half);
            const c = cos[c0 + j], sn = sin[c0 + j];
            y[i1] = c * xs[i1] - sn * xs[i2];
            y[i2] = sn * xs[i1] + c * xs[i2];
          }
          for (let k = rot; k < headSize; k++) y[base + k] = xs[base + k];
        }
      }
    }
    return [floatTensor(x.type, x.dims, y)];
  },
});

/**
 * Col2Im: rearranges column blocks back into an image, summing overlaps (the inverse of im2col).
 * https://onnx.ai/onnx/operators/onnx__Col2Im.html
 */
import { ShapeError } from '../../errors.js';
import { readNumbers, readValues, Tensor } from '../../tensor.js';
import { windowGeometry } from '../common/conv-shapes.js';
import { ALL_TENSOR_TYPES } from '../common/types.js';
import { defineOp } from '../spec.js';
import { numericValues } from '../linalg/matmul.js';

/** Col2Im: input [N, C·∏block, L] → image [N, C, …image_shape]. */
export const Col2Im = defineOp({
  name: 'Col2Im',
  versions: [18],
  doc: 'Sums the L column blocks of input [N, C*prod(block_shape), L] back into an image [N, C, ...image_shape].',
  inputs: [{ name: 'input', type: 'T' }, { name: 'image_shape', type: 'int64' }, { name: 'block_shape', type: 'int64' }],
  outputs: [{ name: 'output', type: 'T' }],
  types: { T: ALL_TENSOR_TYPES.filter((t) => t !== 'string') },
  attributes: {
    dilations: { type: 'ints' },
    pads: { type: 'ints' },
    strides: { type: 'ints' },
  },
  inferShape: ({ inputs: [x, image, block] }) => {
    if (!x?.dims) return [{ kind: 'tensor', dtype: x?.dtype }];
    if (x.dims.length !== 3) throw new ShapeError(`Col2Im: input must be 3-D [N, C*prod(block), L], got [${x.dims.join(',')}]`);
    const img = image?.value ? readNumbers(image.value) : undefined;
    const blk = block?.value ? readNumbers(block.value) : undefined;
    const prod = blk?.reduce((p, q) => p * q, 1);
    const c = typeof x.dims[1] === 'number' && prod ? x.dims[1] / prod : undefined;
    const rank = img?.length ?? (typeof image?.dims?.[0] === 'number' ? image.dims[0] : undefined);
    if (rank === undefined) return [{ kind: 'tensor', dtype: x.dtype }];
    return [{ kind: 'tensor', dtype: x.dtype, dims: [x.dims[0], c, ...(img ?? new Array(rank).fill(undefined))] }];
  },
  reference: ({ inputs, attrs }) => {
    const x = inputs[0] as Tensor;
    const image = readNumbers(inputs[1] as Tensor), block = readNumbers(inputs[2] as Tensor);
    const r = image.length;
    if (block.length !== r) throw new ShapeError(`Col2Im: image_shape [${image.join(',')}] and block_shape [${block.join(',')}] differ in length`);
    const [N, CK, L] = x.dims;
    const K = block.reduce((p, q) => p * q, 1);
    if (CK % K !== 0) throw new ShapeError(`Col2Im: input channel dim ${CK} is not a multiple of prod(block_shape) = ${K}`);
    const C = CK / K;
    const geo = windowGeometry(image, block, attrs);
    const blocks = geo.out.reduce((p, q) => p * q, 1);
    if (blocks !== L) throw new ShapeError(`Col2Im: input has ${L} blocks but image [${image.join(',')}] with block [${block.join(',')}] gives ${blocks}`);
    const xv = x.type === 'int64' || x.type === 'uint64' ? numericValues(x) : readValues(x);
    const imgSize = image.reduce((p, q) => p * q, 1);
    const out = new Float64Array(N * C * imgSize);
    const kPos = new Array<number>(r), bPos = new Array<number>(r);
    for (let k = 0; k < K; k++) {
      unravel(k, block, kPos);
      for (let l = 0; l < L; l++) {
        unravel(l, geo.out, bPos);
        // Image position of this kernel element in this block; positions in the padding are dropped.
        let flat = 0, inside = true;
        for (let a = 0; a < r && inside; a++) {
          const pos = bPos[a] * geo.strides[a] - geo.pads[a] + kPos[a] * geo.dilations[a];
          inside = pos >= 0 && pos < image[a];
          flat = flat * image[a] + pos;
        }
        if (!inside) continue;
        for (let n = 0; n < N; n++) {
          for (let c = 0; c < C; c++) out[(n * C + c) * imgSize + flat] += xv[((n * CK) + c * K + k) * L + l];
        }
      }
    }
    return [Tensor.fromValues(x.type, [N, C, ...image], out)];
  },
});

function unravel(i: number, dims: readonly number[], into: number[]): void {
  for (let a = dims.length - 1; a >= 0; a--) {
    into[a] = i % dims[a];
    i = Math.floor(i / dims[a]);
  }
}

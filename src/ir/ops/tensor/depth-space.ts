/**
 * DepthToSpace and SpaceToDepth: move blocks of channels to spatial positions and back.
 * https://onnx.ai/onnx/operators/onnx__DepthToSpace.html
 * https://onnx.ai/onnx/operators/onnx__SpaceToDepth.html
 *
 * Both are a reshape to 6-D, a transpose and a reshape back, exactly as the spec describes them.
 */
import { ShapeError } from '../../errors.js';
import type { Dim } from '../../model.js';
import type { Tensor } from '../../tensor.js';
import { ALL_TENSOR_TYPES } from '../common/types.js';
import { defineOp } from '../spec.js';
import { fmtDims, transposeTensor } from './layout.js';

function check4d(dims: readonly Dim[] | undefined, blocksize: number): void {
  if (blocksize <= 0) throw new ShapeError(`blocksize ${blocksize} must be positive`);
  if (dims && dims.length !== 4) throw new ShapeError(`input ${fmtDims(dims)} must be 4-D [N,C,H,W]`);
}

const mul = (d: Dim, b: number): Dim => (typeof d === 'number' ? d * b : undefined);

function divide(d: Dim, by: number, what: string, dims: readonly Dim[]): Dim {
  if (typeof d !== 'number') return undefined;
  if (d % by !== 0) throw new ShapeError(`${what} of ${fmtDims(dims)} is not divisible by ${by}`);
  return d / by;
}

/** [N, C/b², H·b, W·b] */
function depthToSpaceDims(dims: readonly Dim[], b: number): Dim[] {
  const [n, c, h, w] = dims;
  return [n, divide(c, b * b, 'channels', dims), mul(h, b), mul(w, b)];
}

/** [N, C·b², H/b, W/b] */
function spaceToDepthDims(dims: readonly Dim[], b: number): Dim[] {
  const [n, c, h, w] = dims;
  return [n, mul(c, b * b), divide(h, b, 'height', dims), divide(w, b, 'width', dims)];
}

/** DepthToSpace: channel blocks of `blocksize`² become spatial blocks, in DCR (default) or CRD (opset 11) order. */
export const DepthToSpace = defineOp({
  name: 'DepthToSpace',
  versions: [1, 11, 13],
  doc: 'Moves channel data into blocksize×blocksize spatial blocks: [N,C,H,W] → [N,C/b²,H·b,W·b].',
  inputs: [{ name: 'input', type: 'T' }],
  outputs: [{ name: 'output', type: 'T' }],
  types: { T: ALL_TENSOR_TYPES },
  attributes: {
    blocksize: { type: 'int', required: true },
    mode: { type: 'string', default: 'DCR', since: 11 },
  },
  tolerance: 'exact',
  inferShape: ({ inputs: [x], attrs }) => {
    check4d(x?.dims, attrs.blocksize);
    return [{ kind: 'tensor', dtype: x?.dtype, dims: x?.dims ? depthToSpaceDims(x.dims, attrs.blocksize) : [undefined, undefined, undefined, undefined] }];
  },
  reference: ({ inputs, attrs, version }) => {
    const x = inputs[0] as Tensor;
    const b = attrs.blocksize;
    check4d(x.dims, b);
    const [n, , h, w] = x.dims;
    const outDims = depthToSpaceDims(x.dims, b) as number[];
    const cOut = outDims[1] as number;
    // Opset 1 knew only the DCR order.
    const crd = version >= 11 && attrs.mode === 'CRD';
    if (version >= 11 && !crd && attrs.mode !== 'DCR') throw new ShapeError(`DepthToSpace mode '${attrs.mode}' is not DCR or CRD`);
    const t = crd
      ? transposeTensor(x.reshape([n, cOut, b, b, h, w]), [0, 1, 4, 2, 5, 3])
      : transposeTensor(x.reshape([n, b, b, cOut, h, w]), [0, 3, 4, 1, 5, 2]);
    return [t.reshape(outDims)];
  },
});

/** SpaceToDepth: spatial blocks of `blocksize`×`blocksize` become channels. */
export const SpaceToDepth = defineOp({
  name: 'SpaceToDepth',
  versions: [1, 13],
  doc: 'Moves blocksize×blocksize spatial blocks into channels: [N,C,H,W] → [N,C·b²,H/b,W/b].',
  inputs: [{ name: 'input', type: 'T' }],
  outputs: [{ name: 'output', type: 'T' }],
  types: { T: ALL_TENSOR_TYPES },
  attributes: { blocksize: { type: 'int', required: true } },
  tolerance: 'exact',
  inferShape: ({ inputs: [x], attrs }) => {
    check4d(x?.dims, attrs.blocksize);
    return [{ kind: 'tensor', dtype: x?.dtype, dims: x?.dims ? spaceToDepthDims(x.dims, attrs.blocksize) : [undefined, undefined, undefined, undefined] }];
  },
  reference: ({ inputs, attrs }) => {
    const x = inputs[0] as Tensor;
    const b = attrs.blocksize;
    check4d(x.dims, b);
    const [n, c, h, w] = x.dims;
    const outDims = spaceToDepthDims(x.dims, b) as number[];
    const t = transposeTensor(x.reshape([n, c, h / b, b, w / b, b]), [0, 3, 5, 1, 2, 4]);
    return [t.reshape(outDims)];
  },
});

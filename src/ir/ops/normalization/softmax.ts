/**
 * The softmax family: Softmax, LogSoftmax and Hardmax, each declared in one line.
 * https://onnx.ai/onnx/operators/onnx__Softmax.html (and LogSoftmax, Hardmax)
 *
 * Before opset 13 these ops coerce the input to 2-D, [prod(dims[:axis]), prod(dims[axis:])], and
 * work along the second dim (default axis 1); from 13 they work along the single dim `axis`
 * (default -1).
 */
import { readValues, sizeOf, type Tensor } from '../../tensor.js';
import { normalizeAxis } from '../common/axes.js';
import { FLOATS } from '../common/types.js';
import { defineOp } from '../spec.js';
import { floatBuffer, floatTensor } from './util.js';


/**
 * Fills `y` along one line of `len` elements starting at `base` with stride `stride`.
 * Each function is the whole math of one op.
 */
export type LineFn = (x: ArrayLike<number>, y: Float32Array | Float64Array, base: number, len: number, stride: number) => void;

/** Softmax of one line, stabilized by subtracting its maximum (also used by Attention). */
export const softmaxLine: LineFn = (x, y, base, len, stride) => {
  const end = base + len * stride;
  let max = -Infinity;
  for (let i = base; i < end; i += stride) if (x[i] > max) max = x[i];
  let sum = 0;
  for (let i = base; i < end; i += stride) { const e = Math.exp(x[i] - max); y[i] = e; sum += e; }
  for (let i = base; i < end; i += stride) y[i] /= sum;
};

/** LogSoftmax of one line (also used by SoftmaxCrossEntropyLoss). */
export const logSoftmaxLine: LineFn = (x, y, base, len, stride) => {
  const end = base + len * stride;
  let max = -Infinity;
  for (let i = base; i < end; i += stride) if (x[i] > max) max = x[i];
  let sum = 0;
  for (let i = base; i < end; i += stride) sum += Math.exp(x[i] - max);
  const shift = max + Math.log(sum);
  for (let i = base; i < end; i += stride) y[i] = x[i] - shift;
};

const hardmaxLine: LineFn = (x, y, base, len, stride) => {
  const end = base + len * stride;
  // The first occurrence of the maximum wins ties.
  let arg = base;
  for (let i = base; i < end; i += stride) if (x[i] > x[arg]) arg = i;
  for (let i = base; i < end; i += stride) y[i] = i === arg ? 1 : 0;
};

function defineSoftmaxLike(name: string, doc: string, line: LineFn) {
  return defineOp({
    name,
    versions: [1, 11, 13],
    doc,
    inputs: [{ name: 'input', type: 'T' }],
    outputs: [{ name: 'output', type: 'T' }],
    types: { T: FLOATS },
    // The default axis changed with the semantics in opset 13.
    attributes: { axis: { type: 'int', default: 1, defaultsByVersion: [[1, 1], [13, -1]] } },
    inferShape: ({ inputs: [x], attrs, version }) => {
      if (x?.dims) normalizeAxis(attrs.axis, Math.max(x.dims.length, 1));
      return [{ kind: 'tensor', dtype: x?.dtype, dims: x?.dims }];
    },
    reference: ({ inputs, attrs, version }) => {
      const x = inputs[0] as Tensor;
      const dims = x.dims;
      const axis = normalizeAxis(attrs.axis, Math.max(dims.length, 1));
      const outer = sizeOf(dims.slice(0, axis));
      const len = version < 13 ? sizeOf(dims.slice(axis)) : dims[axis] ?? 1;
      const inner = version < 13 ? 1 : sizeOf(dims.slice(axis + 1));
      const xs = readValues(x);
      const y = floatBuffer(x.type, x.size);
      for (let o = 0; o < outer; o++) {
        for (let i = 0; i < inner; i++) line(xs, y, o * len * inner + i, len, inner);
      }
      return [floatTensor(x.type, dims, y)];
    },
  });
}

/** Softmax: exp(x) / sum(exp(x)) along the axis. */
export const Softmax = defineSoftmaxLike('Softmax', 'exp(x) / sum(exp(x)) along axis (2-D coerced before opset 13).', softmaxLine);
/** LogSoftmax: log(softmax(x)) along the axis. */
export const LogSoftmax = defineSoftmaxLike('LogSoftmax', 'log(softmax(x)) along axis (2-D coerced before opset 13).', logSoftmaxLine);
/** Hardmax: 1 at the first maximum along the axis, 0 elsewhere. */
export const Hardmax = defineSoftmaxLike('Hardmax', '1 at the first maximum along axis, 0 elsewhere (2-D coerced before opset 13).', hardmaxLine);

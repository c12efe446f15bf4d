/**
 * SoftmaxCrossEntropyLoss: LogSoftmax over the class dim, then the negative log likelihood loss.
 * https://onnx.ai/onnx/operators/onnx__SoftmaxCrossEntropyLoss.html
 */
import { readNumbers, readValues, sizeOf, type Tensor } from '../../tensor.js';
import { FLOATS } from '../common/types.js';
import { defineOp } from '../spec.js';
import { LOSS_ATTRIBUTES, lossDims, nllLoss } from './negative-log-likelihood-loss.js';
import { logSoftmaxLine } from './softmax.js';
import { floatTensor } from './util.js';

/** Softmax cross-entropy loss, with the log-probabilities as an optional second output. */
export const SoftmaxCrossEntropyLoss = defineOp({
  name: 'SoftmaxCrossEntropyLoss',
  versions: [12, 13],
  doc: 'NegativeLogLikelihoodLoss(LogSoftmax(scores, axis=1), labels, weights); log_prob is the LogSoftmax.',
  inputs: [{ name: 'scores', type: 'T' }, { name: 'labels', type: 'Tind' }, { name: 'weights', type: 'T', optional: true }],
  outputs: [{ name: 'output', type: 'T' }, { name: 'log_prob', type: 'T', optional: true }],
  types: { T: FLOATS, Tind: ['int32', 'int64'] },
  attributes: LOSS_ATTRIBUTES,
  inferShape: ({ inputs: [x, labels, weights], attrs, outputCount }) => {
    const out = [{ kind: 'tensor' as const, dtype: x?.dtype, dims: lossDims('SoftmaxCrossEntropyLoss', x?.dims, labels?.dims, weights?.dims, attrs.reduction) }];
    if (outputCount > 1) out.push({ kind: 'tensor', dtype: x?.dtype, dims: x?.dims });
    return out;
  },
  reference: ({ inputs, attrs, outputCount }) => {
    const [x, labels, weights] = inputs as [Tensor, Tensor, Tensor | undefined];
    lossDims('SoftmaxCrossEntropyLoss', x.dims, labels.dims, weights?.dims, attrs.reduction);
    const [n, c] = x.dims;
    // From the dims: size / (n * c) is 0 / 0 when a batch or class dim is empty.
    const inner = sizeOf(x.dims.slice(2));
    const xs = readValues(x);
    const logp = new Float64Array(x.size);
    for (let b = 0; b < n; b++) for (let i = 0; i < inner; i++) logSoftmaxLine(xs, logp, b * c * inner + i, c, inner);
    const loss = nllLoss(logp, x.dims, readNumbers(labels), weights ? readValues(weights) : undefined, attrs.ignore_index, attrs.reduction, x.type);
    return outputCount > 1 ? [loss, floatTensor(x.type, x.dims, logp)] : [loss];
  },
});

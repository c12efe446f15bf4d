/**
 * NegativeLogLikelihoodLoss: the (weighted) negative log-probability of each sample's target class,
 * optionally summed or averaged.
 * https://onnx.ai/onnx/operators/onnx__NegativeLogLikelihoodLoss.html
 */
import type { DType } from '../../dtype.js';
import { ShapeError } from '../../errors.js';
import type { Dim } from '../../model.js';
import { readNumbers, readValues, Tensor } from '../../tensor.js';
import { FLOATS } from '../common/types.js';
import { defineOp } from '../spec.js';
import { fmtDims } from './util.js';

/** The attributes NegativeLogLikelihoodLoss and SoftmaxCrossEntropyLoss share. */
export const LOSS_ATTRIBUTES = {
  ignore_index: { type: 'int' },
  reduction: { type: 'string', default: 'mean' },
} as const;

/**
 * Output dims of a loss: the target's for 'none', a scalar otherwise. Checks the operands: input
 * N x C x D..., target N x D..., weight [C]. Dims may be symbolic (compared only where both are
 * numbers), so shape inference and the reference kernels share it.
 */
export function lossDims(op: string, x: readonly Dim[] | undefined, t: readonly Dim[] | undefined, w: readonly Dim[] | undefined,
  reduction: string): Dim[] | undefined {
  if (!['none', 'sum', 'mean'].includes(reduction)) throw new ShapeError(`${op}: reduction must be none, sum or mean, got '${reduction}'`);
  const same = (a: Dim | undefined, b: Dim | undefined) => typeof a !== 'number' || typeof b !== 'number' || a === b;
  if (x && x.length < 2) throw new ShapeError(`${op}: input ${fmtDims(x)} must have rank >= 2 (N x C x ...)`);
  if (x && t) {
    const expect = [x[0], ...x.slice(2)];
    if (t.length !== expect.length || !t.every((d, i) => same(d, expect[i]))) {
      throw new ShapeError(`${op}: target ${fmtDims(t)} must be input ${fmtDims(x)} without its class dim`);
    }
  }
  // A weight shorter than C was read past its end (NaN losses); one longer is as wrong.
  if (w && (w.length !== 1 || (x && !same(w[0], x[1])))) {
    throw new ShapeError(`${op}: weight ${fmtDims(w)} must be [C], one value per class of input ${fmtDims(x)}`);
  }
  if (reduction !== 'none') return [];
  return t ? [...t] : (x ? [x[0], ...x.slice(2)] : undefined);
}

/**
 * The loss from log-probabilities `logp` (N x C x D...) and class `targets` (N x D...):
 * -logp[n, target, d] * weight[target], zero where the target is `ignoreIndex`, then reduced.
 * 'mean' divides by the summed weights of the samples that count.
 */
export function nllLoss(logp: ArrayLike<number>, dims: readonly number[], targets: readonly number[],
  weights: ArrayLike<number> | undefined, ignoreIndex: number | undefined, reduction: string, dtype: DType): Tensor {
  const n = dims[0], c = dims[1];
  const inner = targets.length / n;
  const loss = new Float64Array(targets.length);
  let lossSum = 0, weightSum = 0;
  for (let b = 0; b < n; b++) {
    for (let i = 0; i < inner; i++) {
      const s = b * inner + i;
      const cls = targets[s];
      if (cls === ignoreIndex) continue;
      if (cls < 0 || cls >= c) throw new ShapeError(`target ${cls} is outside the ${c} classes`);
      const w = weights ? weights[cls] : 1;
      loss[s] = -logp[(b * c + cls) * inner + i] * w;
      lossSum += loss[s];
      weightSum += w;
    }
  }
  if (reduction === 'none') return Tensor.fromValues(dtype, [n, ...dims.slice(2)], loss);
  return Tensor.scalar(dtype, reduction === 'sum' ? lossSum : lossSum / weightSum);
}

/** Negative log likelihood loss over log-probabilities. */
export const NegativeLogLikelihoodLoss = defineOp({
  name: 'NegativeLogLikelihoodLoss',
  versions: [12, 13, 22],
  doc: 'loss = -input[n, target, d...] * weight[target], zero for ignore_index; reduced by none, sum or (weighted) mean.',
  inputs: [{ name: 'input', type: 'T' }, { name: 'target', type: 'Tind' }, { name: 'weight', type: 'T', optional: true }],
  outputs: [{ name: 'loss', type: 'T' }],
  types: { T: FLOATS, Tind: ['int32', 'int64'] },
  attributes: LOSS_ATTRIBUTES,
  inferShape: ({ inputs: [x, target, weight], attrs }) => [{
    kind: 'tensor', dtype: x?.dtype, dims: lossDims('NegativeLogLikelihoodLoss', x?.dims, target?.dims, weight?.dims, attrs.reduction),
  }],
  reference: ({ inputs, attrs }) => {
    const [x, target, weight] = inputs as [Tensor, Tensor, Tensor | undefined];
    lossDims('NegativeLogLikelihoodLoss', x.dims, target.dims, weight?.dims, attrs.reduction);
    return [nllLoss(readValues(x), x.dims, readNumbers(target), weight ? readValues(weight) : undefined, attrs.ignore_index, attrs.reduction, x.type)];
  },
});

/**
 * BatchNormalization: per-channel affine normalization with given (inference) or batch (training)
 * statistics.
 * https://onnx.ai/onnx/operators/onnx__BatchNormalization.html
 *
 * Version notes: opsets 1-6 choose training with `is_test=0`; 7-13 train when the extra outputs
 * are asked for; 14+ use `training_mode`. Before 9, `spatial=0` keeps one statistic per element of
 * (C x D1 x ... x Dn) instead of one per channel.
 */
import { ShapeError } from '../../errors.js';
import { readValues, type Tensor } from '../../tensor.js';
import { FLOATS } from '../common/types.js';
import { defineOp, type RunContext } from '../spec.js';
import { floatBuffer, floatTensor, fmtDims } from './util.js';

const attributes = {
  epsilon: { type: 'float', default: 1e-5 },
  momentum: { type: 'float', default: 0.9 },
  spatial: { type: 'int', default: 1, until: 9 },
  is_test: { type: 'int', default: 0, until: 7 },
  consumed_inputs: { type: 'ints', until: 6 },
  training_mode: { type: 'int', default: 0, since: 14 },
} as const;

type Ctx = Pick<RunContext<typeof attributes>, 'attrs' | 'version' | 'outputCount'>;

function isTraining({ attrs, version, outputCount }: Ctx): boolean {
  if (version >= 14) return attrs.training_mode !== 0;
  if (version < 7) return attrs.is_test === 0;
  return outputCount > 1;
}

/** Whether statistics are kept per element of (C x D1 x ...) rather than per channel. */
const perElement = ({ attrs, version }: Ctx) => version < 9 && attrs.spatial === 0;

/** Batch normalization with per-channel scale, bias, mean and variance. */
export const BatchNormalization = defineOp({
  name: 'BatchNormalization',
  versions: [1, 6, 7, 9, 14, 15],
  doc: 'Y = (X - mean) / sqrt(var + epsilon) * scale + B per channel; training mode uses batch statistics and updates the running ones.',
  inputs: [
    { name: 'X', type: 'T' }, { name: 'scale', type: 'T1' }, { name: 'B', type: 'T1' },
    { name: 'input_mean', type: 'T2' }, { name: 'input_var', type: 'T2' },
  ],
  outputs: [
    { name: 'Y', type: 'T' },
    { name: 'running_mean', type: 'T2', optional: true }, { name: 'running_var', type: 'T2', optional: true },
    // Opsets before 14 also had the batch statistics as outputs.
    { name: 'saved_mean', type: 'T2', optional: true }, { name: 'saved_var', type: 'T2', optional: true },
  ],
  types: { T: FLOATS, T1: FLOATS, T2: FLOATS },
  attributes,
  inferShape: (ctx) => {
    const [x, scale, , mean] = ctx.inputs;
    const dims = x?.dims;
    let statDims = mean?.dims;
    if (dims && dims.length >= 2) {
      const expected = perElement(ctx) ? dims.slice(1) : [dims[1]];
      for (const p of [scale, mean]) {
        const pd = p?.dims;
        if (!pd || perElement(ctx)) continue;
        if (pd.length !== 1 || (typeof pd[0] === 'number' && typeof dims[1] === 'number' && pd[0] !== dims[1])) {
          throw new ShapeError(`scale/mean ${fmtDims(pd)} must be [C] for X ${fmtDims(dims)}`);
        }
      }
      statDims ??= expected;
    }
    const stat = { kind: 'tensor' as const, dtype: mean?.dtype, dims: statDims };
    const out = [{ kind: 'tensor' as const, dtype: x?.dtype, dims }];
    for (let i = 1; i < ctx.outputCount; i++) out.push(stat);
    return out;
  },
  reference: (ctx) => {
    const [x, scaleT, biasT, meanT, varT] = ctx.inputs as Tensor[];
    const { epsilon, momentum } = ctx.attrs;
    const dims = x.dims;
    // Rank-1 X is N samples of one channel; per-element statistics fold all of (C x D...) into C.
    const n = dims[0];
    const c = dims.length < 2 ? 1 : perElement(ctx) ? x.size / n : dims[1];
    const inner = x.size / (n * c);
    checkBatchNormStats(x.dims, c, [scaleT, biasT, meanT, varT]);
    const xs = readValues(x);
    const scale = readValues(scaleT), bias = readValues(biasT);
    let mean = readValues(meanT), variance = readValues(varT);
    const training = isTraining(ctx);
    let batchMean: Float64Array | undefined, batchVar: Float64Array | undefined;
    if (training) {
      batchMean = new Float64Array(c);
      batchVar = new Float64Array(c);
      const count = n * inner;
      for (let ch = 0; ch < c; ch++) {
        let sum = 0;
        for (let b = 0; b < n; b++) {
          const base = (b * c + ch) * inner;
          for (let i = 0; i < inner; i++) sum += xs[base + i];
        }
        const m = sum / count;
        let sq = 0;
        for (let b = 0; b < n; b++) {
          const base = (b * c + ch) * inner;
          for (let i = 0; i < inner; i++) { const d = xs[base + i] - m; sq += d * d; }
        }
        batchMean[ch] = m;
        batchVar[ch] = sq / count;
      }
      mean = batchMean;
      variance = batchVar;
    }
    const y = floatBuffer(x.type, x.size);
    for (let b = 0; b < n; b++) {
      for (let ch = 0; ch < c; ch++) {
        // y = x * a + k with the per-channel factors folded once.
        const a = scale[ch] / Math.sqrt(variance[ch] + epsilon);
        const k = bias[ch] - mean[ch] * a;
        const base = (b * c + ch) * inner;
        for (let i = 0; i < inner; i++) y[base + i] = xs[base + i] * a + k;
      }
    }
    const outputs = [floatTensor(x.type, dims, y)];
    if (training && ctx.outputCount > 1) {
      const inMean = readValues(meanT), inVar = readValues(varT);
      const runMean = new Float64Array(c), runVar = new Float64Array(c);
      for (let ch = 0; ch < c; ch++) {
        runMean[ch] = inMean[ch] * momentum + batchMean![ch] * (1 - momentum);
        runVar[ch] = inVar[ch] * momentum + batchVar![ch] * (1 - momentum);
      }
      outputs.push(floatTensor(meanT.type, meanT.dims, runMean), floatTensor(varT.type, varT.dims, runVar));
      if (ctx.outputCount > 3) outputs.push(floatTensor(meanT.type, meanT.dims, batchMean!), floatTensor(varT.type, varT.dims, batchVar!));
    }
    return outputs;
  },
});

/**
 * BatchNormalization's statistics on actual inputs: scale, B, mean and var each hold one value
 * per channel (`channels`, as the kernels count them). Shape inference checks this at load time
 * only where dims are declared, so every provider's kernel calls this before reading them.
 */
export function checkBatchNormStats(x: readonly number[], channels: number, stats: readonly Tensor[]): void {
  const names = ['scale', 'B', 'mean', 'var'];
  stats.forEach((t, i) => {
    if (t.size !== channels) throw new ShapeError(`BatchNormalization: ${names[i]} [${t.dims.join(',')}] must hold ${channels} values for X [${x.join(',')}]`);
  });
}

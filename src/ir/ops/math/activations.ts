/**
 * The activation family: Sigmoid, Relu and their relatives, one line each.
 * https://onnx.ai/onnx/operators/onnx__Relu.html (and the other ops' pages, same URL pattern)
 *
 * PRelu is in prelu.ts: its slope is a second, broadcast input.
 */
import { defineUnaryOp } from '../common/elementwise.js';
import { FLOATS, SIGNED_NUMERIC } from '../common/types.js';
import type { DType } from '../../dtype.js';
import { erf } from './unary.js';

/** Opset 1 versions carry the legacy `consumed_inputs` attribute (ignored: it was an optimization hint). */
const CONSUMED_INPUTS = { consumed_inputs: { type: 'ints', until: 6 } } as const;

/** 1 / (1 + e^−X). */
export const Sigmoid = defineUnaryOp({
  name: 'Sigmoid', versions: [1, 6, 13], types: FLOATS, attributes: CONSUMED_INPUTS,
  doc: 'The logistic function 1 / (1 + e^-X), elementwise.', scalar: sigmoid,
});
/** max(0, X). Opset 14 added the signed integer types. */
export const Relu = defineUnaryOp({
  name: 'Relu', versions: [1, 6, 13, 14], types: SIGNED_NUMERIC, attributes: CONSUMED_INPUTS,
  doc: 'max(0, X), elementwise.', scalar: (x) => (x < 0 ? 0 : x), bigScalar: (x) => (x < 0n ? 0n : x),
});
/** X, or alpha·X where X < 0. */
export const LeakyRelu = defineUnaryOp({
  name: 'LeakyRelu', versions: [1, 6, 16], types: FLOATS,
  attributes: { alpha: { type: 'float', default: 0.01 }, ...CONSUMED_INPUTS },
  doc: 'X where X >= 0, alpha * X elsewhere.', scalar: (x, { alpha }) => (x < 0 ? alpha * x : x),
});
/** X, or alpha·(e^X − 1) where X < 0. */
export const Elu = defineUnaryOp({
  name: 'Elu', versions: [1, 6, 22], types: FLOATS,
  attributes: { alpha: { type: 'float', default: 1.0 }, ...CONSUMED_INPUTS },
  doc: 'X where X >= 0, alpha * (e^X - 1) elsewhere.', scalar: (x, { alpha }) => (x < 0 ? alpha * Math.expm1(x) : x),
});
/** Scaled Elu: gamma·X for X > 0, gamma·alpha·(e^X − 1) elsewhere. */
export const Selu = defineUnaryOp({
  name: 'Selu', versions: [1, 6, 22], types: FLOATS,
  // The defaults are the float32 roundings of the self-normalizing constants, as the spec states them.
  attributes: { alpha: { type: 'float', default: 1.67326319217681884765625 }, gamma: { type: 'float', default: 1.05070102214813232421875 }, ...CONSUMED_INPUTS },
  doc: 'gamma * X where X > 0, gamma * alpha * (e^X - 1) elsewhere.',
  scalar: (x, { alpha, gamma }) => (x > 0 ? gamma * x : gamma * alpha * Math.expm1(x)),
});
/** Continuously differentiable Elu: max(0, X) + min(0, alpha·(e^(X/alpha) − 1)). */
export const Celu = defineUnaryOp({
  name: 'Celu', versions: [12], types: ['float32'],
  attributes: { alpha: { type: 'float', default: 1.0 } },
  doc: 'max(0, X) + min(0, alpha * (e^(X/alpha) - 1)), elementwise.',
  scalar: (x, { alpha }) => Math.max(0, x) + Math.min(0, alpha * Math.expm1(x / alpha)),
});
/** max(0, min(1, alpha·X + beta)). */
export const HardSigmoid = defineUnaryOp({
  name: 'HardSigmoid', versions: [1, 6, 22], types: FLOATS,
  attributes: { alpha: { type: 'float', default: 0.2 }, beta: { type: 'float', default: 0.5 }, ...CONSUMED_INPUTS },
  doc: 'max(0, min(1, alpha * X + beta)), elementwise.',
  scalar: (x, { alpha, beta }) => clamp01(alpha * x + beta),
});
/** X · HardSigmoid(X) with alpha = 1/6, beta = 0.5. */
export const HardSwish = defineUnaryOp({
  name: 'HardSwish', versions: [14, 22], types: FLOATS,
  doc: 'X * max(0, min(1, X/6 + 1/2)), elementwise.', scalar: (x) => x * clamp01(x / 6 + 0.5),
});
/** X · tanh(softplus(X)). */
export const Mish = defineUnaryOp({
  name: 'Mish', versions: [18, 22], types: FLOATS,
  doc: 'X * tanh(ln(1 + e^X)), elementwise.', scalar: (x) => x * Math.tanh(softplus(x)),
});
/** ln(1 + e^X). */
export const Softplus = defineUnaryOp({
  name: 'Softplus', versions: [1, 22], types: FLOATS, doc: 'ln(1 + e^X), elementwise.', scalar: softplus,
});
/** X / (1 + |X|). */
export const Softsign = defineUnaryOp({
  name: 'Softsign', versions: [1, 22], types: FLOATS, doc: 'X / (1 + |X|), elementwise.', scalar: (x) => x / (1 + Math.abs(x)),
});
/** X where X > alpha, else 0. */
export const ThresholdedRelu = defineUnaryOp({
  name: 'ThresholdedRelu', versions: [10, 22], types: FLOATS,
  attributes: { alpha: { type: 'float', default: 1.0 } },
  doc: 'X where X > alpha, 0 elsewhere.', scalar: (x, { alpha }) => (x > alpha ? x : 0),
});

const SHRINK_TYPES: readonly DType[] = ['uint8', 'uint16', 'uint32', 'uint64', 'int8', 'int16', 'int32', 'int64', 'float16', 'float32', 'float64'];
/** Soft/hard shrinkage: X + bias below −lambd, X − bias above lambd, 0 between. */
export const Shrink = defineUnaryOp({
  name: 'Shrink', versions: [9], types: SHRINK_TYPES,
  attributes: { bias: { type: 'float', default: 0.0 }, lambd: { type: 'float', default: 0.5 } },
  doc: 'X + bias where X < -lambd, X - bias where X > lambd, 0 elsewhere.',
  scalar: (x, { bias, lambd }) => (x < -lambd ? x + bias : x > lambd ? x - bias : 0),
});
/** X · Φ(X), Φ the standard normal CDF, exact or with the tanh approximation. */
export const Gelu = defineUnaryOp({
  name: 'Gelu', versions: [20], types: FLOATS,
  attributes: { approximate: { type: 'string', default: 'none' } },
  doc: "X * Phi(X) (Phi: the standard normal CDF); approximate='tanh' uses the tanh formula.",
  scalar: (x, { approximate }) => (approximate === 'tanh'
    ? 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)))
    : 0.5 * x * (1 + erf(x / Math.SQRT2))),
});
/** X · sigmoid(alpha·X). */
export const Swish = defineUnaryOp({
  name: 'Swish', versions: [24], types: FLOATS,
  attributes: { alpha: { type: 'float', default: 1.0 } },
  doc: 'X * sigmoid(alpha * X), elementwise.', scalar: (x, { alpha }) => x * sigmoid(alpha * x),
});

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** ln(1 + e^x) without overflow: for large x, e^x is infinite but the answer is about x. */
function softplus(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

function clamp01(v: number): number {
  return Math.max(0, Math.min(1, v));
}

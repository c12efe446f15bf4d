/**
 * The activation functions RNN, GRU and LSTM accept in their `activations` attribute, with the
 * `activation_alpha`/`activation_beta` parameters, and `clip`. One table for the three ops.
 */
import { AttributeError } from '../../errors.js';

/** An activation with its parameters resolved (defaults filled in). */
export interface Activation {
  name: ActivationName;
  alpha: number;
  beta: number;
}

type ActivationName =
  | 'relu' | 'tanh' | 'sigmoid' | 'affine' | 'leakyrelu' | 'thresholdedrelu' | 'scaledtanh'
  | 'hardsigmoid' | 'elu' | 'softsign' | 'softplus';

/**
 * Default alpha/beta of each activation, from the ONNX operators of the same name (Affine and
 * ScaledTanh are the old experimental ops); `undefined` means the function takes no such parameter.
 */
const PARAMS: Readonly<Record<ActivationName, { alpha?: number; beta?: number }>> = {
  relu: {}, tanh: {}, sigmoid: {}, softsign: {}, softplus: {},
  affine: { alpha: 1, beta: 0 },
  leakyrelu: { alpha: 0.01 },
  thresholdedrelu: { alpha: 1 },
  scaledtanh: { alpha: 1, beta: 1 },
  hardsigmoid: { alpha: 0.2, beta: 0.5 },
  elu: { alpha: 1 },
};

/** The attributes that choose and parameterize the activations. */
export interface ActivationAttrs {
  activations?: string[];
  activation_alpha?: number[];
  activation_beta?: number[];
}

/**
 * The activations of each direction: `perDirection` of them (f, g, h for LSTM), taken from the
 * attribute in order, or the equations' `defaults`. A list given for one direction only serves
 * both. alpha/beta values are consumed in list order by the functions that take them, as the
 * attribute docs describe; a function that finds none left uses its default.
 */
export function resolveActivations(attrs: ActivationAttrs, perDirection: number, directions: number, defaults: readonly string[]): Activation[][] {
  const names = attrs.activations?.length ? attrs.activations : defaults;
  const alphas = attrs.activation_alpha ?? [];
  const betas = attrs.activation_beta ?? [];
  let ai = 0, bi = 0;
  const resolved = names.map((raw): Activation => {
    const name = raw.toLowerCase() as ActivationName;
    const params = PARAMS[name];
    if (!params) throw new AttributeError(`unknown activation '${raw}'; expected one of ${Object.keys(PARAMS).join(', ')}`);
    const alpha = params.alpha === undefined ? 0 : ai < alphas.length ? alphas[ai++] : params.alpha;
    const beta = params.beta === undefined ? 0 : bi < betas.length ? betas[bi++] : params.beta;
    return { name, alpha, beta };
  });
  if (resolved.length < perDirection) {
    throw new AttributeError(`activations [${names.join(', ')}] has ${resolved.length} entries; need ${perDirection} per direction`);
  }
  return Array.from({ length: directions }, (_, d) => {
    const start = resolved.length >= perDirection * (d + 1) ? perDirection * d : 0;
    return resolved.slice(start, start + perDirection);
  });
}

/**
 * Applies `clip` (when given) and then activation `a` in place to v[from..to). One loop per
 * function keeps the inner loops free of dispatch.
 */
export function activate(a: Activation, v: Float64Array, from: number, to: number, clip: number | undefined): void {
  if (clip !== undefined) for (let i = from; i < to; i++) v[i] = Math.min(Math.max(v[i], -clip), clip);
  const { alpha, beta } = a;
  switch (a.name) {
    case 'relu': for (let i = from; i < to; i++) v[i] = Math.max(0, v[i]); break;
    case 'tanh': for (let i = from; i < to; i++) v[i] = Math.tanh(v[i]); break;
    case 'sigmoid': for (let i = from; i < to; i++) v[i] = sigmoid(v[i]); break;
    case 'affine': for (let i = from; i < to; i++) v[i] = alpha * v[i] + beta; break;
    case 'leakyrelu': for (let i = from; i < to; i++) v[i] = v[i] >= 0 ? v[i] : alpha * v[i]; break;
    case 'thresholdedrelu': for (let i = from; i < to; i++) v[i] = v[i] >= alpha ? v[i] : 0; break;
    case 'scaledtanh': for (let i = from; i < to; i++) v[i] = alpha * Math.tanh(beta * v[i]); break;
    case 'hardsigmoid': for (let i = from; i < to; i++) v[i] = Math.min(Math.max(alpha * v[i] + beta, 0), 1); break;
    case 'elu': for (let i = from; i < to; i++) v[i] = v[i] >= 0 ? v[i] : alpha * Math.expm1(v[i]); break;
    case 'softsign': for (let i = from; i < to; i++) v[i] = v[i] / (1 + Math.abs(v[i])); break;
    case 'softplus': for (let i = from; i < to; i++) v[i] = softplus(v[i]); break;
  }
}

/** 1/(1+e^-x), written so that neither branch overflows. */
function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** log(1+e^x) without overflow for large x. */
function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

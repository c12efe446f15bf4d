/**
 * Helpers for the onnx-ts fused ops: each fused kernel is defined as the composition of the ONNX
 * specs' own reference kernels (Conv then Relu, MatMul then Add then Softmax …), so a fused node
 * means exactly what the nodes it replaced meant, and no op's math is written twice.
 */
import { Tensor } from '../../tensor.js';
import { Clip } from '../math/clip.js';
import { Gelu, HardSigmoid, LeakyRelu, Relu, Sigmoid } from '../math/activations.js';
import { Mul } from '../math/arithmetic.js';
import { Tanh } from '../math/trigonometric.js';
import { attrExistsAt, type AttrSpec, type InferResult, type OpSpec, type RunContext, type Value } from '../spec.js';

/** The domain of every onnx-ts fused op (imported by optimized models at opset 1). */
export const FUSED_DOMAIN = 'com.onnx-ts';
export const FUSED_OPSET = 1;

/**
 * Runs `spec`'s reference kernel at its newest version with `attrs` (the spec's defaults fill the
 * rest). Throws on asynchronous kernels: the ops fused here are all synchronous, and staying
 * synchronous lets constant folding evaluate fused nodes too.
 */
export function callReference(spec: OpSpec<any>, inputs: (Value | undefined)[], attrs: Record<string, unknown>,
  ctx: Pick<RunContext, 'node' | 'runGraph' | 'random'>, outputCount = 1): Value[] {
  const version = spec.versions[spec.versions.length - 1];
  const resolved: Record<string, unknown> = {};
  for (const [name, a] of Object.entries(spec.attributes as Record<string, AttrSpec>)) {
    if (name in attrs) resolved[name] = attrs[name];
    else if (attrExistsAt(a, version)) resolved[name] = Array.isArray(a.default) ? [...a.default] : a.default;
  }
  const out = spec.reference({ ...ctx, inputs, attrs: resolved as never, version, opset: version, outputCount });
  if (out instanceof Promise) throw new Error(`${spec.name}: fused ops compose synchronous kernels only`);
  return out;
}

/**
 * Runs `spec`'s shape inference as its newest version sees it (the fused op's own version, 1,
 * would select the oldest behaviour of the composed op).
 */
export function inferAs<C extends { version: number; opset: number }>(spec: OpSpec<any>, ctx: C): InferResult {
  const version = spec.versions[spec.versions.length - 1];
  return spec.inferShape!({ ...ctx, version, opset: version } as never);
}

/** Activations that Conv/Gemm/MatMul fusion absorbs, with the meaning of `activation_params`. */
export const FUSABLE_ACTIVATIONS = ['Relu', 'Clip', 'Sigmoid', 'HardSigmoid', 'LeakyRelu', 'Tanh', 'SiLU', 'Gelu'] as const;
export type FusableActivation = (typeof FUSABLE_ACTIVATIONS)[number];

/** Attributes every fused producer+activation op carries. '' = no activation. */
export const ACTIVATION_ATTRS = {
  activation: { type: 'string', default: '' },
  /** Clip: [min, max]; HardSigmoid: [alpha, beta]; LeakyRelu: [alpha]; others: none. */
  activation_params: { type: 'floats', default: [] },
} as const;

/** Applies a fused activation with the ONNX specs' reference kernels. */
export function applyActivation(x: Tensor, activation: string, params: readonly number[], ctx: Pick<RunContext, 'node' | 'runGraph' | 'random'>): Tensor {
  const one = (spec: OpSpec<any>, attrs: Record<string, unknown> = {}) => callReference(spec, [x], attrs, ctx)[0] as Tensor;
  switch (activation) {
    case '': return x;
    case 'Relu': return one(Relu);
    case 'Sigmoid': return one(Sigmoid);
    case 'Tanh': return one(Tanh);
    case 'Gelu': return one(Gelu);
    case 'HardSigmoid': return one(HardSigmoid, { alpha: params[0], beta: params[1] });
    case 'LeakyRelu': return one(LeakyRelu, { alpha: params[0] });
    case 'Clip': {
      const bound = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? undefined : Tensor.fromValues(x.type, [], [v]));
      return callReference(Clip, [x, bound(params[0]), bound(params[1])], {}, ctx)[0] as Tensor;
    }
    case 'SiLU': return callReference(Mul, [x, one(Sigmoid)], {}, ctx)[0] as Tensor;
    default: throw new Error(`unknown fused activation '${activation}'; known: ${FUSABLE_ACTIVATIONS.join(', ')}`);
  }
}

/**
 * onnx-ts: an ONNX inference runtime in TypeScript. The public API follows onnxruntime-common.
 *
 * ```ts
 * import { InferenceSession, Tensor } from 'onnx-ts';
 * const session = await InferenceSession.create('model.onnx');
 * const { logits } = await session.run({ input: new Tensor('float32', data, [1, 3, 224, 224]) });
 * ```
 */
export { InferenceSession } from './runtime/inference-session.js';
export type { SessionOptions, RunOptions, FeedsType, ReturnType, OnnxValue, GraphOptimizationLevel } from './runtime/inference-session.js';
export { Tensor, readValues, readNumbers, readBigInts } from './ir/tensor.js';
export type { TensorLocation } from './ir/tensor.js';
export type { DType, TensorData } from './ir/dtype.js';
export * from './ir/errors.js';
export { loadModel } from './ir/load.js';
export type { Model, Graph, Node, ValueInfo, ValueType, Dim } from './ir/model.js';
export { ALL_OPS, getOpSpec } from './ir/ops/index.js';
export type { OpSpec, Value } from './ir/ops/spec.js';
export type { KernelConfig, KernelContext, Provider, ProviderName } from './kernels/kernel.js';
export { registerProvider, registeredProviders, getProvider } from './kernels/registry.js';
export type { NodeEvent } from './runtime/executor.js';

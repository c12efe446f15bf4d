/**
 * The reference provider: every op spec's own `reference` kernel, wrapped in the common kernel
 * interface. It is the definition every other provider is checked against, so it does nothing clever.
 */
import { ALL_OPS } from '../../ir/ops/index.js';
import type { OpSpec } from '../../ir/ops/spec.js';
import type { KernelConfig, Provider } from '../kernel.js';

function referenceKernel(spec: OpSpec<any>): KernelConfig {
  return {
    op: spec.name,
    domain: spec.domain,
    provider: 'reference',
    versions: [spec.versions[0]],
    dtypes: 'any',
    variant: 'reference',
    run: (ctx, inputs, attrs) => spec.reference({ ...ctx, inputs: inputs as any, attrs: attrs as any }),
  };
}

export const referenceProvider: Provider = {
  name: 'reference',
  location: 'cpu',
  kernels: ALL_OPS.map(referenceKernel),
};

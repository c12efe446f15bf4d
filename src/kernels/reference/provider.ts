/**
 * The reference provider: every op spec's own `reference` kernel, wrapped in the common kernel
 * interface. It is the definition every other provider is checked against, so it does nothing clever.
 */
import { ALL_OPS, getOpSpec } from '../../ir/ops/index.js';
import type { OpSpec, Value } from '../../ir/ops/spec.js';
import type { KernelConfig, KernelContext, Provider } from '../kernel.js';

/**
 * Runs the node's spec kernel with `inputs` and `attrs`: the reference provider's kernels, and the
 * other providers' fallbacks for the cases their kernels leave out (same context and attributes,
 * so same results). The spec's context is `ctx` itself with the inputs and attributes added, not
 * a copy: the executor makes a fresh context per call, and spreading its dozen fields on every
 * call cost ~3 % of tinybert's run time in a CPU profile (11:20 UTC).
 */
export function runReference(ctx: KernelContext, inputs: readonly (Value | undefined)[], attrs: Readonly<Record<string, unknown>>,
  spec: OpSpec<any> = getOpSpec(ctx.node.domain, ctx.node.op)!): Value[] | Promise<Value[]> {
  return spec.reference(Object.assign(ctx, { inputs: inputs as (Value | undefined)[], attrs: attrs as never }));
}

function referenceKernel(spec: OpSpec<any>): KernelConfig {
  return {
    op: spec.name,
    domain: spec.domain,
    provider: 'reference',
    versions: [spec.versions[0]],
    dtypes: 'any',
    variant: 'reference',
    run: (ctx, inputs, attrs) => runReference(ctx, inputs, attrs, spec),
  };
}

export const referenceProvider: Provider = {
  name: 'reference',
  location: 'cpu',
  kernels: ALL_OPS.map(referenceKernel),
};

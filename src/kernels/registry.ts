/**
 * The kernel registry: providers by name, and kernel selection for a node. Selection walks the
 * session's provider list in order (per node, with fallback) and takes the first kernel whose
 * versions, dtypes and `supports` fit. When none fits, the error lists what is registered.
 */
import type { DType } from '../ir/dtype.js';
import { UnsupportedOpError } from '../ir/errors.js';
import type { Node } from '../ir/model.js';
import type { KernelConfig, Provider, ProviderName } from './kernel.js';

const providers = new Map<ProviderName, Provider>();
/** provider → "domain.op" → kernels */
const index = new Map<ProviderName, Map<string, KernelConfig[]>>();

export function registerProvider(p: Provider): void {
  providers.set(p.name, p);
  const byOp = new Map<string, KernelConfig[]>();
  for (const k of p.kernels) {
    const key = `${k.domain}.${k.op}`;
    const list = byOp.get(key) ?? [];
    list.push(k);
    byOp.set(key, list);
  }
  index.set(p.name, byOp);
}

export function getProvider(name: ProviderName): Provider | undefined {
  return providers.get(name);
}

export function registeredProviders(): ProviderName[] {
  return [...providers.keys()];
}

export function kernelsFor(provider: ProviderName, domain: string, op: string): readonly KernelConfig[] {
  return index.get(provider)?.get(`${domain}.${op}`) ?? [];
}

function fits(k: KernelConfig, version: number, dtype: DType | undefined, node: Node, attrs: Readonly<Record<string, unknown>>): boolean {
  const [since, until] = k.versions;
  if (version < since || (until !== undefined && version >= until)) return false;
  if (k.dtypes !== 'any' && dtype !== undefined && !k.dtypes.includes(dtype)) return false;
  return !k.supports || k.supports(node, attrs);
}

export interface Selection {
  kernel: KernelConfig;
  provider: Provider;
}

/** The first fitting kernel along `order`; UnsupportedOpError listing the registered kernels otherwise. */
export function selectKernel(order: readonly ProviderName[], node: Node, version: number, dtype: DType | undefined,
  attrs: Readonly<Record<string, unknown>>): Selection {
  for (const name of order) {
    const provider = providers.get(name);
    if (!provider) continue;
    for (const k of kernelsFor(name, node.domain, node.op)) {
      if (fits(k, version, dtype, node, attrs)) return { kernel: k, provider };
    }
  }
  const registered = [...providers.keys()].flatMap((p) => kernelsFor(p, node.domain, node.op).map(describeKernel));
  throw new UnsupportedOpError(
    `no kernel for ${node.op} (opset ${version}, ${dtype ?? 'unknown dtype'}) on [${order.join(', ')}]; registered: ${registered.length ? registered.join('; ') : 'none'}`,
  );
}

export function describeKernel(k: KernelConfig): string {
  const [since, until] = k.versions;
  const dtypes = k.dtypes === 'any' ? 'any' : k.dtypes.join(',');
  return `${k.provider} ${k.op} [${since},${until ?? '+'}) ${dtypes}${k.variant ? ` (${k.variant})` : ''}`;
}

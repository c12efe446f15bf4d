/**
 * Which providers exist and the default order. The default is the best list available, per node
 * with fallback: today ['reference']; the generated providers register ahead of it as they land.
 */
import type { ProviderName } from '../kernels/kernel.js';
import { getProvider, registerProvider } from '../kernels/registry.js';
import { referenceProvider } from '../kernels/reference/provider.js';

let ready: Promise<void> | undefined;

/** Registers the built-in providers once. */
export function ensureDefaultProviders(): Promise<void> {
  ready ??= (async () => {
    if (!getProvider('reference')) registerProvider(referenceProvider);
  })();
  return ready;
}

/** Preferred providers, fastest first; filtered to those registered. */
export const DEFAULT_PROVIDERS = (): ProviderName[] => ['reference'];

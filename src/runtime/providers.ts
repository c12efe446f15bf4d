/**
 * Which providers exist and the default order. The default is the best list available, per node
 * with fallback: today ['cpu', 'reference']; the generated providers register ahead of the reference.
 */
import type { ProviderName } from '../kernels/kernel.js';
import { getProvider, registerProvider } from '../kernels/registry.js';
import { referenceProvider } from '../kernels/reference/provider.js';
import { cpuProvider } from '../kernels/cpu/provider.js';
import { wasmProvider, wasmSimdAvailable } from '../kernels/wasm/provider.js';

let ready: Promise<void> | undefined;

/** Registers the built-in providers once. */
export function ensureDefaultProviders(): Promise<void> {
  ready ??= (async () => {
    if (!getProvider('reference')) registerProvider(referenceProvider);
    if (!getProvider('cpu')) registerProvider(cpuProvider);
    if (!getProvider('wasm') && wasmSimdAvailable()) registerProvider(wasmProvider);
  })();
  return ready;
}

/** Preferred providers, fastest first; filtered to those registered. */
export const DEFAULT_PROVIDERS = (): ProviderName[] => [...(getProvider('wasm') ? ['wasm'] : []), 'cpu', 'reference'];

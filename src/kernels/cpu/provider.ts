/**
 * The `cpu` provider: TypeScript kernels on TypedArrays, generated per dtype and per variant by
 * codegen/cpu (see codegen/README.md) and wrapped per op family in families.ts; which variant runs
 * for which shapes is decided in selection.ts. Ops without a generated kernel fall back to the
 * next provider in the session's list (the reference, at the end of every list).
 */
import type { Provider } from '../kernel.js';
import { CPU_KERNELS } from './kernels.gen.js';

/** The `cpu` provider (location 'cpu'): registered by ensureDefaultProviders, after `wasm` and before `reference`. */
export const cpuProvider: Provider = {
  name: 'cpu',
  location: 'cpu',
  kernels: CPU_KERNELS,
};

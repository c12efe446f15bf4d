/**
 * The providers' reusable host memory, in one place for every kernel family:
 * - per-constant results (the cpu provider's packed GEMM panels, transformed Winograd filters,
 *   packed recurrent weights) made once per initializer tensor and kept as long as it lives;
 * - scratch arrays, one per use and dtype, grown as needed and reused by the next call (also the
 *   index maps of the wasm provider's host-side kernels).
 */
import { storageCtor, type DType, type TypedArray } from '../ir/dtype.js';

type Floats = Float32Array | Float64Array;

const perConstant = new WeakMap<object, Map<string, unknown>>();

/** `make()`'s result for (`owner`, `key`), made on first use: `owner` is an initializer's tensor or data. */
export function cachedFor<T>(owner: object, key: string, make: () => T): T {
  let byKey = perConstant.get(owner);
  if (!byKey) perConstant.set(owner, (byKey = new Map()));
  if (byKey.has(key)) return byKey.get(key) as T;
  const made = make();
  byKey.set(key, made);
  return made;
}

const scratchBuffers = new Map<string, TypedArray>();

/**
 * `n` elements of scratch for `use`: packed activations, im2col blocks, Winograd transforms and
 * recurrent projections are dead once the kernel returns (kernels run to completion one at a
 * time), and allocating them per call (about 13 MB per resnet18 56×56 Winograd layer) was 4.9% of
 * resnet18's cpu profile in garbage collection. Contents are stale: every use overwrites what it
 * reads (or only feeds GEMM columns whose results are dropped).
 */
export function scratch<T extends TypedArray = Floats>(dtype: 'float32' | 'float64' | 'int32' | (string & {}), use: string, n: number): T {
  const key = `${dtype}:${use}`;
  let b = scratchBuffers.get(key);
  if (!b || b.length < n) {
    b = new (storageCtor(dtype as DType))(n);
    scratchBuffers.set(key, b);
  }
  return b.subarray(0, n) as T;
}

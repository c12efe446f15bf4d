/**
 * Backends behind one adapter, for `compare` and `fuzz`: onnx-ts's own providers, onnxruntime-node
 * ('ort-node') and onnxruntime-web's wasm backend in Node ('ort-web') as optional peers, or any
 * module path whose module exports onnxruntime-common's `InferenceSession` and `Tensor`.
 */
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import type { Value } from '../ir/ops/spec.js';
import { Tensor } from '../ir/tensor.js';
import { InferenceSession } from '../runtime/inference-session.js';
import { ensureDefaultProviders } from '../runtime/providers.js';
import { registeredProviders } from '../kernels/registry.js';

export interface Backend {
  name: string;
  /** Runs the model once; returns every requested output. */
  run(model: Uint8Array, feeds: Record<string, Value>): Promise<Record<string, Value>>;
}

/** The slice of onnxruntime-common that a foreign backend must export. */
interface OrtLike {
  InferenceSession: { create(bytes: Uint8Array, options?: object): Promise<{ run(feeds: object): Promise<Record<string, OrtTensor>>; release?(): Promise<void> }> };
  Tensor: new (type: string, data: unknown, dims: readonly number[]) => OrtTensor;
  env?: { wasm?: { numThreads?: number } };
}
interface OrtTensor { type: string; data: unknown; dims: readonly number[] }

/** Resolves a backend name: an onnx-ts provider, 'ort-node', 'ort-web', or a module path. */
export async function openBackend(name: string): Promise<Backend> {
  await ensureDefaultProviders();
  if (registeredProviders().includes(name)) return providerBackend(name);
  if (name === 'ort-node') return ortBackend(name, await importPeer('onnxruntime-node'));
  if (name === 'ort-web') {
    const ort = await importPeer('onnxruntime-web');
    // Single-threaded wasm in Node: no worker files to locate, and deterministic timing.
    if (ort.env?.wasm) ort.env.wasm.numThreads = 1;
    return ortBackend(name, ort);
  }
  if (/[\\/.]/.test(name)) {
    const mod = (await import(pathToFileURL(resolve(name)).href)) as Partial<OrtLike> & { default?: Partial<OrtLike> };
    const ort = (mod.InferenceSession ? mod : mod.default) as OrtLike | undefined;
    if (!ort?.InferenceSession || !ort.Tensor) throw new Error(`backend module '${name}' must export InferenceSession and Tensor (the onnxruntime-common API)`);
    return ortBackend(name, ort);
  }
  throw new Error(`unknown backend '${name}': use an onnx-ts provider (${registeredProviders().join(', ')}), ort-node, ort-web, or a module path`);
}

async function importPeer(pkg: string): Promise<OrtLike> {
  try {
    return (await import(pkg)) as OrtLike;
  } catch (e) {
    throw new Error(`backend needs the optional peer dependency '${pkg}' (npm install ${pkg}): ${(e as Error).message}`);
  }
}

function providerBackend(provider: string): Backend {
  return {
    name: provider,
    async run(model, feeds) {
      const session = await InferenceSession.create(model, { executionProviders: [provider] });
      return (await session.run(feeds as never)) as Record<string, Value>;
    },
  };
}

function ortBackend(name: string, ort: OrtLike): Backend {
  return {
    name,
    async run(model, feeds) {
      const session = await ort.InferenceSession.create(model);
      const theirFeeds: Record<string, OrtTensor> = {};
      for (const [k, v] of Object.entries(feeds)) {
        if (!(v instanceof Tensor)) throw new Error(`${name}: input '${k}' is not a tensor; sequences and optionals are not passed to foreign backends`);
        theirFeeds[k] = new ort.Tensor(v.type, v.data, v.dims);
      }
      let out: Record<string, OrtTensor>;
      try {
        out = await session.run(theirFeeds);
      } catch (e) {
        throw float16InputLimit(name, feeds, e) ?? e;
      } finally {
        await session.release?.();
      }
      const result: Record<string, Value> = {};
      // A float16 output comes back as a Float16Array where the engine has one; Tensor views its bits.
      for (const [k, t] of Object.entries(out)) result[k] = new Tensor(t.type as never, t.data as never, t.dims);
      return result;
    },
  };
}

/**
 * onnxruntime-common turns float16 data into a Float16Array wherever the engine has one (Node 23+),
 * and onnxruntime-node's binding then reads its byte length as 0 and refuses the input ("not enough
 * space: expected N, got 0"; microsoft/onnxruntime pull request 32323, open). That is a limit of the peer, not a
 * disagreement, so it is reported as unsupported (see the fuzz report's classification).
 */
function float16InputLimit(name: string, feeds: Record<string, Value>, e: unknown): Error | undefined {
  const hasFloat16Input = Object.values(feeds).some((v) => v instanceof Tensor && v.type === 'float16');
  const message = e instanceof Error ? e.message : String(e);
  if (!hasFloat16Input || !/not enough space: expected \d+, got 0/.test(message)) return undefined;
  return new Error(`${name} does not support float16 inputs on this runtime (its binding reads a Float16Array's byte length as 0: ${message})`, { cause: e });
}

/**
 * Runs one node on a wasm kernel and on the spec's reference kernel, with a minimal graph around it
 * (constant inputs become initializers, so the resident-weight path is exercised too).
 */
import { resolveAttrs } from '../../src/ir/ops/attrs.js';
import { getOpSpec } from '../../src/ir/ops/index.js';
import type { AttrSpec, Value } from '../../src/ir/ops/spec.js';
import type { Graph, Node } from '../../src/ir/model.js';
import { Tensor } from '../../src/ir/tensor.js';
import type { KernelContext } from '../../src/kernels/kernel.js';
import { WASM_MODULES } from '../../src/kernels/wasm/modules.gen.js';
import { WASM_KERNELS } from '../../src/kernels/wasm/provider.js';
import { moduleBytes } from '../../src/kernels/wasm/runtime.js';

/** Random float32 tensor in [-1, 1) from a small LCG (deterministic per seed). */
export function randomTensor(dims: number[], seed: number): Tensor {
  let s = seed * 2654435761 >>> 0;
  const n = dims.reduce((a, b) => a * b, 1);
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    data[i] = s / 2 ** 31 - 1;
  }
  return new Tensor('float32', data, dims);
}

/**
 * One generated module on a private 4 MiB memory (any variant in variants.txt, not only the one
 * the runtime picks), with a float32 view of that memory and a seeded LCG in [-0.5, 0.5).
 */
export function instantiateVariant<T>(name: string, seed: number): { exports: T; f32: Float32Array; rnd: () => number } {
  const mem = new WebAssembly.Memory({ initial: 64, maximum: 65536 });
  const exports = new WebAssembly.Instance(new WebAssembly.Module(moduleBytes(WASM_MODULES[name], false) as Uint8Array<ArrayBuffer>),
    { env: { memory: mem } }).exports as unknown as T;
  let s = seed;
  const rnd = () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 2 ** 32 - 0.5; };
  return { exports, f32: new Float32Array(mem.buffer), rnd };
}

/** Outputs of the wasm kernel and of the reference for one node. */
export async function runBoth(op: string, domain: string, version: number, inputs: (Tensor | undefined)[], attrs: Record<string, unknown>,
  constant: number[] = []): Promise<{ wasm: Tensor; ref: Tensor; variant?: string }> {
  const spec = getOpSpec(domain, op)!;
  const names = inputs.map((t, i) => (t ? `in${i}` : ''));
  const attributes = new Map(Object.entries(attrs).map(([name, value]) => [name,
    { name, type: (spec.attributes as Record<string, AttrSpec>)[name].type, value: value as never }]));
  const node: Node = { name: 'n', op, domain, inputs: names, outputs: ['y'], attributes };
  const graph: Graph = { name: 'g', nodes: [node], inputs: [], outputs: [], initializers: new Map(), valueInfo: new Map() };
  for (const i of constant) if (inputs[i]) graph.initializers.set(names[i], inputs[i]!);
  const resolved = resolveAttrs(spec, node, version);
  const ctx: KernelContext = {
    node, graph, version, opset: version, outputCount: 1, provider: 'wasm',
    runGraph: async () => [], random: () => Math.random,
  };
  const kernel = WASM_KERNELS.find((k) => k.op === op && k.domain === domain && version >= k.versions[0]);
  if (!kernel) throw new Error(`no wasm kernel for ${op}`);
  if (kernel.supports && !kernel.supports(node, resolved)) throw new Error(`wasm kernel for ${op} does not support these attributes`);
  const [wasm] = (await kernel.run(ctx, inputs, resolved)) as Tensor[];
  const [ref] = (await spec.reference({ ...ctx, inputs: inputs as (Value | undefined)[], attrs: resolved as never })) as Tensor[];
  return { wasm, ref, variant: kernel.variant };
}

/** Largest |a - b| / (atol + rtol·|b|); ≤ 1 means within tolerance. NaN where exactly one side is NaN, Infinity where only one side is infinite or the infinities differ. */
export function worstError(a: Tensor, b: Tensor, rtol = 1e-4, atol = 1e-4): number {
  const x = a.data as Float32Array, y = b.data as ArrayLike<number>;
  let worst = 0;
  for (let i = 0; i < x.length; i++) {
    if (Number.isNaN(x[i]) !== Number.isNaN(y[i])) return NaN;
    // Equal values (infinities included) match; an infinity against anything else is an infinite error.
    if (Number.isNaN(x[i]) || x[i] === y[i]) continue;
    worst = Math.max(worst, Math.abs(x[i] - y[i]) / (atol + rtol * Math.abs(y[i])));
  }
  return worst;
}

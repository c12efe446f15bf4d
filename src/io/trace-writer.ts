/**
 * `run --trace DIR` / `runOptions.trace`: writes every intermediate tensor as `.npy` plus
 * `index.json` (node, op, provider, shapes, dtypes, stats), with NaN/Inf flagged. Node-only.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Tensor } from '../ir/tensor.js';
import type { Value } from '../ir/ops/spec.js';
import type { NodeEvent } from '../runtime/executor.js';
import { writeNpy } from './npy.js';
import { tensorStats, type TensorStats } from '../tools/value-stats.js';

export interface TraceEntry {
  index: number;
  node: string;
  op: string;
  graph: string;
  provider: string;
  inputs: { name: string; dtype?: string; dims?: number[] }[];
  outputs: { name: string; file?: string; dtype?: string; dims?: number[]; stats?: TensorStats; nonFinite?: boolean; kind?: string }[];
}

export interface TraceIndex {
  format: 'onnx-ts trace 1';
  entries: TraceEntry[];
  /** Nodes whose outputs hold NaN or Inf, in execution order (the first one is where they appear). */
  nonFinite: string[];
}

/** An onNode handler that writes into `dir`; call `finish()` to write index.json. */
export function createTraceWriter(dir: string) {
  mkdirSync(dir, { recursive: true });
  const index: TraceIndex = { format: 'onnx-ts trace 1', entries: [], nonFinite: [] };
  const describe = (v: Value | undefined) => (v instanceof Tensor ? { dtype: v.type, dims: [...v.dims] } : {});
  const onNode = (e: NodeEvent) => {
    const i = index.entries.length;
    const entry: TraceEntry = {
      index: i, node: e.node.name, op: e.node.op, graph: e.graphPath.join('/'), provider: e.provider,
      inputs: e.node.inputs.map((name, k) => ({ name, ...describe(e.inputs[k]) })),
      outputs: [],
    };
    e.node.outputs.forEach((name, k) => {
      const v = e.outputs[k];
      if (!name) return;
      if (!(v instanceof Tensor)) { entry.outputs.push({ name, kind: v === null ? 'none' : 'sequence' }); return; }
      const out: TraceEntry['outputs'][number] = { name, dtype: v.type, dims: [...v.dims] };
      if (v.type !== 'string') {
        out.file = `${String(i).padStart(5, '0')}_${name.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 80)}.npy`;
        writeFileSync(join(dir, out.file), writeNpy(v));
        out.stats = tensorStats(v);
        out.nonFinite = out.stats.nan > 0 || out.stats.inf > 0;
        if (out.nonFinite && !index.nonFinite.includes(e.node.name)) index.nonFinite.push(e.node.name);
      }
      entry.outputs.push(out);
    });
    index.entries.push(entry);
  };
  const finish = () => {
    writeFileSync(join(dir, 'index.json'), JSON.stringify(index, null, 1));
    return index;
  };
  return { onNode, finish };
}

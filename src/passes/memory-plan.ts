/**
 * The memory planner: a pure analysis of a graph with static shapes. It computes each
 * intermediate's liveness interval (from the step that produces it to the last step that reads
 * it), places intermediates at offsets in one arena so that values alive at the same time never
 * overlap (greedy by size: largest first, each at the lowest offset that fits), and marks in-place
 * candidates: an elementwise node may write its output over an input that dies at that node and
 * has the same size and dtype.
 *
 * It changes nothing. The executor applies the same rules at run time, with the shapes each run
 * really has, through the session's buffer pool (src/runtime/buffer-pool.ts), which works for
 * dynamic shapes too. The report compares the planned peak (the arena's size) with the sum of
 * all intermediates and with the peak of freeing each value after its last use.
 */
import { entriesPerElement, storageCtor, type DType } from '../ir/dtype.js';
import { subgraphsOf } from '../ir/graph.js';
import type { Graph, Node } from '../ir/model.js';
import { outerReads, staticDims, typeOf } from './graph-utils.js';

/** Buffers are rounded up to this many bytes, the alignment SIMD loads and GPU copies want. */
export const ALIGNMENT = 64;

/** Elementwise ops whose output may overwrite an input of the same size (and views that alias it). */
const IN_PLACE_OPS: ReadonlySet<string> = new Set([
  'Relu', 'LeakyRelu', 'Sigmoid', 'HardSigmoid', 'Tanh', 'Exp', 'Log', 'Neg', 'Abs', 'Sqrt', 'Reciprocal', 'Erf', 'Gelu',
  'Clip', 'Elu', 'Selu', 'Softplus', 'HardSwish', 'Floor', 'Ceil', 'Round', 'Sin', 'Cos',
  'Add', 'Sub', 'Mul', 'Div', 'Pow', 'Max', 'Min', 'Identity',
  'Reshape', 'Flatten', 'Squeeze', 'Unsqueeze',
]);

export interface PlannedValue {
  name: string;
  bytes: number;
  /** Producing step and last reading step (graph outputs live to the end). */
  start: number;
  end: number;
  /** Byte offset in the planned arena (aligned to ALIGNMENT). */
  offset: number;
  /** The input whose buffer this output reuses in place. */
  inPlaceOf?: string;
}

export interface MemoryPlan {
  values: PlannedValue[];
  /** The arena's size: the memory the intermediates need under this plan. */
  plannedPeakBytes: number;
  /** Sum of every intermediate's size: what allocating each one separately, never freeing, needs. */
  intermediateBytes: number;
  /** Peak of the live bytes when each value is freed after its last use (today's executor). */
  livenessPeakBytes: number;
  inPlace: { node: string; input: string; output: string }[];
  /** Values with dynamic or unknown shapes (or non-tensor types), left to run-time allocation. */
  unplanned: string[];
  /** Initializers are used where they are; only misaligned ones would be copied once. */
  initializers: { count: number; bytes: number; alignedBytes: number; copiedBytes: number };
}

/** Bytes a value of `dtype` and `dims` occupies in its storage array. */
export function storageBytes(dtype: DType, dims: readonly number[]): number {
  if (dtype === 'string') return NaN;
  let n = 1;
  for (const d of dims) n *= d;
  return n * entriesPerElement(dtype) * storageCtor(dtype).BYTES_PER_ELEMENT;
}

const align = (b: number) => Math.ceil(b / ALIGNMENT) * ALIGNMENT;

/**
 * Plans the main graph's intermediates from the types in `graph.valueInfo` (run shape inference
 * first). Subgraph bodies run with their own executors and are not planned.
 */
export function planMemory(graph: Graph): MemoryPlan {
  const steps = graph.nodes;
  const sizeOf = new Map<string, number>();
  const dtypeOf = new Map<string, DType>();
  const unplanned: string[] = [];
  for (const n of steps) {
    for (const o of n.outputs) {
      if (!o) continue;
      const { dtype } = typeOf(graph, o);
      const dims = staticDims(graph, o);
      const bytes = dtype && dims ? storageBytes(dtype, dims) : NaN;
      if (Number.isFinite(bytes)) { sizeOf.set(o, bytes); dtypeOf.set(o, dtype!); } else unplanned.push(o);
    }
  }
  const outputs = new Set(graph.outputs.map((o) => o.name));
  const lastUse = new Map<string, number>();
  steps.forEach((n, i) => {
    for (const o of n.outputs) if (o && !lastUse.has(o)) lastUse.set(o, i);
    for (const name of readsOf(n)) lastUse.set(name, i);
  });
  for (const o of outputs) if (sizeOf.has(o)) lastUse.set(o, steps.length);

  // First, in order: intervals, and in-place reuse (an output joins the group of the input it overwrites).
  const values: PlannedValue[] = [];
  const groupOf = new Map<string, number>();
  const groups: { start: number; end: number; bytes: number }[] = [];
  const inPlace: MemoryPlan['inPlace'] = [];
  let live = 0, livenessPeak = 0;
  steps.forEach((node, i) => {
    const handedOver = new Set<string>();
    for (const o of node.outputs) {
      const bytes = o ? sizeOf.get(o) : undefined;
      if (o === undefined || bytes === undefined) continue;
      live += bytes;
      let from: string | undefined;
      if (node.domain === '' && IN_PLACE_OPS.has(node.op)) {
        from = node.inputs.find((x) => x && groupOf.has(x) && !handedOver.has(x) && lastUse.get(x) === i && !outputs.has(x)
          && sizeOf.get(x) === bytes && dtypeOf.get(x) === dtypeOf.get(o) && node.inputs.filter((y) => y === x).length === 1);
      }
      const end = lastUse.get(o)!;
      if (from) {
        const g = groupOf.get(from)!;
        groups[g].end = end;
        groupOf.set(o, g);
        handedOver.add(from);
        inPlace.push({ node: node.name, input: from, output: o });
      } else {
        groupOf.set(o, groups.length);
        groups.push({ start: i, end, bytes: align(bytes) });
      }
      values.push({ name: o, bytes, start: i, end, offset: -1, inPlaceOf: from });
    }
    livenessPeak = Math.max(livenessPeak, live);
    const dying = new Set([...readsOf(node), ...node.outputs].filter((x) => x && lastUse.get(x) === i));
    for (const x of dying) if (sizeOf.has(x)) live -= sizeOf.get(x)!;
  });
  // Then greedy by size into one arena: the largest groups first, each at the lowest offset that
  // overlaps no already placed group whose lifetime overlaps its own.
  const placed: { start: number; end: number; offset: number; bytes: number }[] = [];
  const offsetOfGroup = new Map<number, number>();
  const order = groups.map((_, g) => g).sort((a, b) => groups[b].bytes - groups[a].bytes || groups[a].start - groups[b].start);
  for (const g of order) {
    const { start, end, bytes } = groups[g];
    const busy = placed.filter((p) => !(p.end < start || end < p.start)).sort((x, y) => x.offset - y.offset);
    let offset = 0;
    for (const p of busy) {
      if (offset + bytes <= p.offset) break;
      offset = Math.max(offset, p.offset + p.bytes);
    }
    placed.push({ start, end, offset, bytes });
    offsetOfGroup.set(g, offset);
  }
  for (const v of values) v.offset = offsetOfGroup.get(groupOf.get(v.name)!)!;
  const arenaBytes = placed.reduce((m, p) => Math.max(m, p.offset + p.bytes), 0);
  const inits = [...graph.initializers.values()].filter((t) => t.location === 'cpu' && t.type !== 'string');
  const bytesOf = (t: (typeof inits)[number]) => (t.data as ArrayBufferView).byteLength;
  const aligned = inits.filter((t) => (t.data as ArrayBufferView).byteOffset % ALIGNMENT === 0);
  const initBytes = inits.reduce((s, t) => s + bytesOf(t), 0);
  const alignedBytes = aligned.reduce((s, t) => s + bytesOf(t), 0);
  return {
    values, inPlace, unplanned,
    plannedPeakBytes: arenaBytes,
    intermediateBytes: [...sizeOf.values()].reduce((s, b) => s + b, 0),
    livenessPeakBytes: livenessPeak,
    initializers: { count: inits.length, bytes: initBytes, alignedBytes, copiedBytes: initBytes - alignedBytes },
  };
}

/** Values a step reads: its inputs and whatever its subgraphs read from this scope. */
function readsOf(n: Node): string[] {
  const names = n.inputs.filter(Boolean);
  for (const g of subgraphsOf(n)) names.push(...outerReads(g));
  return names;
}

/** One-line summary, e.g. for the CLI: `planned peak 1.2 MiB vs 4.8 MiB of intermediates (…)`. */
export function describePlan(p: MemoryPlan): string {
  const mib = (b: number) => `${(b / 1048576).toFixed(2)} MiB`;
  return `planned peak ${mib(p.plannedPeakBytes)} vs ${mib(p.intermediateBytes)} for all intermediates`
    + ` (free-after-last-use peak ${mib(p.livenessPeakBytes)}); ${p.inPlace.length} in-place ops; ${p.unplanned.length} values left to run time;`
    + ` initializers ${mib(p.initializers.bytes)}, ${mib(p.initializers.copiedBytes)} misaligned (copied once)`;
}

/**
 * Scan: runs a body subgraph once per slice of its scan inputs, carrying state between steps and
 * stacking per-step scan outputs.
 * https://onnx.ai/onnx/operators/onnx__Scan.html
 *
 * Opset 8 has a different form: a leading optional `sequence_lens` input, a batch axis 0 on every
 * input and output (each batch entry is scanned on its own), the scan axis fixed at 1, and only
 * input `directions`. Opset 9 dropped the batch axis and added per-input/per-output axes and
 * directions. Both live here, branching on the version.
 */
import { allocate, type DType } from '../../dtype.js';
import { ShapeError } from '../../errors.js';
import type { Dim, Graph, ValueType } from '../../model.js';
import { readNumbers, sizeOf, Tensor } from '../../tensor.js';
import { normalizeAxis } from '../common/axes.js';
import { concatAlong, stackAlong, takeAlong } from '../common/sequence-slices.js';
import { knownType, unionType } from '../common/sequence-types.js';
import { defineOp, type InferInput, type InferResult, type Value } from '../spec.js';
import { declaredStep, emptyStack } from './subgraph-state.js';

const BATCHED_UNTIL = 9;

/** A tensor type with the dims at `drop` removed (unknown rank stays unknown; an unknown input stays unknown). */
function withoutDims(input: InferInput | undefined, drop: number[]): ValueType | undefined {
  if (!knownType(input)) return undefined;
  const dims = input!.dims;
  return { kind: 'tensor', dtype: input!.dtype, dims: dims && dims.filter((_, i) => !drop.includes(i)) };
}

/** The first statically known dim of a list (all must agree at run time). */
function firstKnown(dims: Dim[]): Dim {
  return dims.find((d) => d !== undefined);
}

/** Zeros of a type and shape: the padding after a short sequence in the opset-8 form (its values are unspecified). */
function zeros(dtype: DType, dims: number[]): Tensor {
  return new Tensor(dtype, allocate(dtype, sizeOf(dims)), dims);
}

/**
 * Scan: `for t in steps: state..., out_t... = body(state..., scan_1[t], ..., scan_m[t])`, returning
 * the final states and each scan output stacked over the steps.
 */
export const Scan = defineOp({
  name: 'Scan',
  versions: [8, 9, 11, 16, 19, 21, 23, 24, 25],
  doc: 'Runs `body` over slices of the scan inputs, carrying state, and stacks the per-step outputs.',
  // The opset-8 form starts with an optional int64 `sequence_lens`; the kernels read it by version.
  inputs: [{ name: 'initial_state_and_scan_inputs', type: 'V', kind: 'any', variadic: true }],
  outputs: [{ name: 'final_state_and_scan_outputs', type: 'V', kind: 'any', variadic: true }],
  types: {},
  attributes: {
    body: { type: 'graph', required: true },
    num_scan_inputs: { type: 'int', required: true },
    directions: { type: 'ints', until: 9 },
    scan_input_axes: { type: 'ints', since: 9 },
    scan_input_directions: { type: 'ints', since: 9 },
    scan_output_axes: { type: 'ints', since: 9 },
    scan_output_directions: { type: 'ints', since: 9 },
  },
  tolerance: 'exact',
  inferShape: ({ inputs, attrs, version, inferSubgraph }) => {
    const body = attrs.body;
    const m = attrs.num_scan_inputs;
    const batched = version < BATCHED_UNTIL;
    const operands = batched ? inputs.slice(1) : inputs;
    const n = operands.length - m;
    if (n < 0) throw new ShapeError(`Scan: num_scan_inputs ${m} exceeds the ${operands.length} state and scan inputs`);
    const states = operands.slice(0, n);
    const scans = operands.slice(n);
    if (batched) {
      const batch = firstKnown(operands.map((o) => o?.dims?.[0]));
      const steps = firstKnown(scans.map((s) => s?.dims?.[1]));
      const out = inferSubgraph(body, [...states.map((s) => withoutDims(s, [0])), ...scans.map((s) => withoutDims(s, [0, 1]))]);
      return out.map((t, k) => {
        if (t?.kind !== 'tensor') return t;
        const lead = k < n ? [batch] : [batch, steps];
        return { kind: 'tensor', dtype: t.dtype, dims: t.dims && [...lead, ...t.dims] };
      });
    }
    const axes = scans.map((s, j) => (s?.dims ? normalizeAxis(attrs.scan_input_axes?.[j] ?? 0, s.dims.length, 'scan_input_axes') : undefined));
    const steps = firstKnown(scans.map((s, j) => (axes[j] === undefined ? undefined : s!.dims![axes[j]!])));
    const out = inferSubgraph(body, [...states.map(knownType), ...scans.map((s, j) => withoutDims(s, axes[j] === undefined ? [] : [axes[j]!]))]);
    // States keep their shape from step to step (the spec requires it), so the body's output type holds.
    const finalStates: InferResult = out.slice(0, n).map((t, i) => (knownType(states[i]) ? unionType(states[i]!.type, t) : t));
    const scanOutputs: InferResult = out.slice(n).map((t, k) => {
      if (t?.kind !== 'tensor' || !t.dims) return t;
      const axis = normalizeAxis(attrs.scan_output_axes?.[k] ?? 0, t.dims.length + 1, 'scan_output_axes');
      return { kind: 'tensor', dtype: t.dtype, dims: [...t.dims.slice(0, axis), steps, ...t.dims.slice(axis)] };
    });
    return [...finalStates, ...scanOutputs];
  },
  reference: async ({ inputs, attrs, version, runGraph }) => {
    const body = attrs.body;
    const m = attrs.num_scan_inputs;
    if (version < BATCHED_UNTIL) return scanBatched(inputs, m, attrs.directions ?? [], body, runGraph);
    const n = inputs.length - m;
    let states = inputs.slice(0, n) as Value[];
    const scans = inputs.slice(n) as Tensor[];
    const axes = scans.map((s, j) => normalizeAxis(attrs.scan_input_axes?.[j] ?? 0, s.dims.length, 'scan_input_axes'));
    const steps = scans[0].dims[axes[0]];
    scans.forEach((s, j) => {
      if (s.dims[axes[j]] !== steps) throw new ShapeError(`Scan: scan inputs have different lengths (${steps} and ${s.dims[axes[j]]})`);
    });
    const reversed = attrs.scan_input_directions ?? [];
    const collected: Tensor[][] = body.outputs.slice(n).map(() => []);
    for (let t = 0; t < steps; t++) {
      const slices = scans.map((s, j) => takeAlong(s, axes[j], reversed[j] ? steps - 1 - t : t));
      const outs = await runGraph(body, [...states, ...slices]);
      states = outs.slice(0, n);
      collected.forEach((list, k) => list.push(outs[n + k] as Tensor));
    }
    const outputs = collected.map((parts, k) => {
      // Prepending each step's value (direction 1) is appending and then reversing.
      const ordered = attrs.scan_output_directions?.[k] ? [...parts].reverse() : parts;
      const declared = body.outputs[n + k];
      const rank = parts.length ? parts[0].dims.length : declaredStep(declared).dims.length;
      const axis = normalizeAxis(attrs.scan_output_axes?.[k] ?? 0, rank + 1, 'scan_output_axes');
      return parts.length ? stackAlong(ordered, axis) : emptyStack(declared, axis);
    });
    return [...states, ...outputs];
  },
});

/** The opset-8 form: every input has a batch axis 0, scanned entry by entry along axis 1. */
async function scanBatched(inputs: (Value | undefined)[], m: number, reversed: readonly number[], body: Graph,
  runGraph: (g: Graph, inputs: Value[]) => Promise<Value[]>): Promise<Value[]> {
  const lengths = inputs[0] as Tensor | undefined;
  const operands = inputs.slice(1) as Tensor[];
  const n = operands.length - m;
  const initial = operands.slice(0, n);
  const scans = operands.slice(n);
  const batch = scans[0].dims[0];
  const maxSteps = scans[0].dims[1];
  const stepCounts = lengths ? readNumbers(lengths) : new Array<number>(batch).fill(maxSteps);
  const finalStates: Tensor[][] = initial.map(() => []);
  // stepOutputs[k][b]: scan output k's per-step values for batch entry b.
  const stepOutputs: Tensor[][][] = body.outputs.slice(n).map(() => []);
  for (let b = 0; b < batch; b++) {
    let states: Value[] = initial.map((s) => takeAlong(s, 0, b));
    const rows = scans.map((s) => takeAlong(s, 0, b));
    const steps = stepCounts[b];
    if (steps > maxSteps || steps < 0) throw new ShapeError(`Scan: sequence_lens[${b}] = ${steps} is outside [0, ${maxSteps}]`);
    const collected: Tensor[][] = stepOutputs.map(() => []);
    for (let t = 0; t < steps; t++) {
      // A reversed input is read backwards within its own length, not the padded maximum.
      const slices = rows.map((r, j) => takeAlong(r, 0, reversed[j] ? steps - 1 - t : t));
      const outs = await runGraph(body, [...states, ...slices]);
      states = outs.slice(0, n);
      collected.forEach((list, k) => list.push(outs[n + k] as Tensor));
    }
    states.forEach((s, i) => finalStates[i].push(s as Tensor));
    collected.forEach((list, k) => stepOutputs[k].push(list));
  }
  const outputs = stepOutputs.map((perBatch, k) => {
    // Entries shorter than the maximum are padded (the spec leaves the padding's values undefined;
    // we use zeros), shaped like any step of any entry, else like the body's declared output.
    const sample = perBatch.find((list) => list.length > 0)?.[0];
    const { dtype, dims: elemDims } = sample ? { dtype: sample.type, dims: [...sample.dims] } : declaredStep(body.outputs[n + k]);
    const entries = perBatch.map((list) => {
      const filled = list.length ? [stackAlong(list, 0)] : [];
      if (list.length < maxSteps) filled.push(zeros(dtype, [maxSteps - list.length, ...elemDims]));
      return concatAlong(filled, 0);
    });
    return entries.length ? stackAlong(entries, 0) : zeros(dtype, [0, maxSteps, ...elemDims]);
  });
  // With a batch of 0 the (empty) initial states are already the answer.
  return [...finalStates.map((parts, i) => (parts.length ? stackAlong(parts, 0) : initial[i])), ...outputs];
}

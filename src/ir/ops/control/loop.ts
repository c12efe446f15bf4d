/**
 * Loop: runs a body subgraph while a trip count and a condition allow, carrying values between
 * iterations and collecting per-iteration scan outputs.
 * https://onnx.ai/onnx/operators/onnx__Loop.html
 */
import { readNumbers, Tensor } from '../../tensor.js';
import type { Graph, ValueInfo, ValueType } from '../../model.js';
import { stackAlong } from '../common/sequence-slices.js';
import { knownType, sameType, unionType } from '../common/sequence-types.js';
import { defineOp, type InferResult, type Value } from '../spec.js';
import { emptyStack, readCondition, saveValueInfo } from './subgraph-state.js';

const ITERATION: ValueType = { kind: 'tensor', dtype: 'int64', dims: [] };
const CONDITION: ValueType = { kind: 'tensor', dtype: 'bool', dims: [] };
/** Each pass can only widen the carried types, so a few passes reach a fixed point in practice. */
const MAX_INFER_PASSES = 4;

/**
 * Joins one scan output's per-iteration values: tensors are stacked on a new axis 0; sequences are
 * concatenated into one sequence.
 */
function joinScanOutput(parts: Value[], declared: ValueInfo): Value {
  if (parts.length === 0) return declared.type?.kind === 'sequence' ? [] : emptyStack(declared, 0);
  if (Array.isArray(parts[0])) return (parts as Value[][]).flat(1);
  return stackAlong(parts as Tensor[], 0);
}

/**
 * A scan output's per-step type: as declared, or as shape inference found it when the declaration
 * has no shape, so that zero iterations give [0, ...step dims] as inference says, not [0].
 */
function stepInfo(body: Graph, declared: ValueInfo): ValueInfo {
  const t = declared.type;
  if (t?.kind === 'tensor' && t.dims) return declared;
  return body.valueInfo.get(declared.name) ?? declared;
}

/** The type of a scan output collected over an unknown number of iterations. */
function scanOutputType(elem: ValueType | undefined): ValueType | undefined {
  if (elem?.kind !== 'tensor') return elem;
  return { kind: 'tensor', dtype: elem.dtype, dims: elem.dims && [undefined, ...elem.dims] };
}

/**
 * Loop: `for (i = 0; i < M && cond; i++) { cond, v..., scan... = body(i, cond, v...) }`. M and cond
 * are optional (absent M: no trip limit; absent cond: true). Outputs are the final loop-carried
 * values, then each scan output joined over the iterations. Later versions only widened the
 * allowed types (sequences since 13, optionals since 16, newer element types after).
 */
export const Loop = defineOp({
  name: 'Loop',
  versions: [1, 11, 13, 16, 19, 21, 23, 24, 25],
  doc: 'Runs `body` while the trip count M and the condition allow, carrying values and collecting scan outputs.',
  inputs: [
    { name: 'M', type: 'I', optional: true },
    { name: 'cond', type: 'B', optional: true },
    { name: 'v_initial', type: 'V', kind: 'any', variadic: true, optional: true },
  ],
  outputs: [{ name: 'v_final_and_scan_outputs', type: 'V', kind: 'any', variadic: true }],
  types: { I: ['int64'], B: ['bool'] },
  attributes: { body: { type: 'graph', required: true } },
  tolerance: 'exact',
  inferShape: ({ inputs, attrs, inferSubgraph }) => {
    const body = attrs.body;
    const initial = inputs.slice(2).map(knownType);
    const n = initial.length;
    // Carried values may change shape from one iteration to the next: widen the body's input
    // types until its outputs fit them, so nothing inferred holds for the first iteration only.
    const restore = saveValueInfo(body);
    let carried = initial;
    let out: (ValueType | undefined)[] = [];
    for (let pass = 1; ; pass++) {
      out = inferSubgraph(body, [ITERATION, CONDITION, ...carried]);
      const widened = carried.map((t, i) => (t ? unionType(t, out[1 + i]) : undefined));
      if (widened.every((t, i) => sameType(t, carried[i]))) break;
      restore();
      carried = pass < MAX_INFER_PASSES ? widened : carried.map(() => undefined);
    }
    const result: InferResult = carried.map((t, i) => (t ? unionType(initial[i], out[1 + i]) : undefined));
    for (let k = 1 + n; k < out.length; k++) result.push(scanOutputType(out[k]));
    return result;
  },
  reference: async ({ inputs, attrs, runGraph }) => {
    const body = attrs.body;
    const tripLimit = inputs[0] ? readNumbers(inputs[0] as Tensor)[0] : Infinity;
    let keepGoing = inputs[1] ? readCondition(inputs[1] as Tensor, 'Loop') : true;
    let carried = inputs.slice(2) as Value[];
    const n = carried.length;
    const scans: Value[][] = body.outputs.slice(1 + n).map(() => []);
    for (let i = 0; i < tripLimit && keepGoing; i++) {
      const outs = await runGraph(body, [Tensor.scalar('int64', BigInt(i)), Tensor.scalar('bool', keepGoing), ...carried]);
      keepGoing = readCondition(outs[0] as Tensor, 'Loop');
      carried = outs.slice(1, 1 + n);
      for (let k = 0; k < scans.length; k++) scans[k].push(outs[1 + n + k]);
    }
    return [...carried, ...scans.map((parts, k) => joinScanOutput(parts, stepInfo(body, body.outputs[1 + n + k])))];
  },
});

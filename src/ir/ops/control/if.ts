/**
 * If: runs one of two subgraphs, chosen by a boolean scalar.
 * https://onnx.ai/onnx/operators/onnx__If.html
 */
import { type OnnxTsError, ShapeError, TypeConstraintError } from '../../errors.js';
import type { ValueType } from '../../model.js';
import type { Tensor } from '../../tensor.js';
import { unionType } from '../common/sequence-types.js';
import { defineOp, type InferResult } from '../spec.js';
import { readCondition } from './subgraph-state.js';

/** Runs a branch's inference, returning its shape or type error instead of throwing it. */
function tryInfer(infer: () => (ValueType | undefined)[]): (ValueType | undefined)[] | OnnxTsError {
  try {
    return infer();
  } catch (e) {
    if (e instanceof ShapeError || e instanceof TypeConstraintError) return e;
    throw e;
  }
}

/** The type an If output has when either branch may have produced it. */
function branchUnion(a: ValueType | undefined, b: ValueType | undefined, index: number): ValueType | undefined {
  if (a?.kind === 'tensor' && b?.kind === 'tensor' && a.dtype && b.dtype && a.dtype !== b.dtype) {
    throw new TypeConstraintError(`If: output ${index} is ${a.dtype} in then_branch but ${b.dtype} in else_branch`);
  }
  return unionType(a, b);
}

/**
 * If: the outputs of `then_branch` when `cond` is true, else those of `else_branch`. Branches read
 * outer-scope values directly and take no inputs. Versions after 1 only widened the allowed types
 * (sequences since 13, optionals since 16) and, since 11, let the branches differ in shape.
 */
export const If = defineOp({
  name: 'If',
  versions: [1, 11, 13, 16, 19, 21, 23, 24, 25],
  doc: 'Runs then_branch when `cond` is true, else else_branch, and returns that branch\'s outputs.',
  inputs: [{ name: 'cond', type: 'B' }],
  outputs: [{ name: 'outputs', type: 'V', kind: 'any', variadic: true }],
  types: { B: ['bool'] },
  attributes: {
    then_branch: { type: 'graph', required: true },
    else_branch: { type: 'graph', required: true },
  },
  tolerance: 'exact',
  inferShape: ({ inputs: [cond], attrs, inferSubgraph }) => {
    const thenBranch = attrs.then_branch;
    const elseBranch = attrs.else_branch;
    if (thenBranch.outputs.length !== elseBranch.outputs.length) {
      throw new ShapeError(`If: then_branch has ${thenBranch.outputs.length} outputs but else_branch has ${elseBranch.outputs.length}`);
    }
    // With a constant condition only one branch can run; the other is often written for inputs of
    // another rank (2-D vs 3-D paths of an expanded function) and would not infer cleanly.
    if (cond?.value) return inferSubgraph(readCondition(cond.value, 'If') ? thenBranch : elseBranch, []);
    const a = tryInfer(() => inferSubgraph(thenBranch, []));
    const b = tryInfer(() => inferSubgraph(elseBranch, []));
    // A branch that cannot infer would fail if it ran, so the outputs, when there are any, come
    // from the other one. Only when both fail is the node itself wrong.
    if (a instanceof Error && b instanceof Error) throw a;
    if (a instanceof Error) return b as InferResult;
    if (b instanceof Error) return a;
    return a.map((t, i) => branchUnion(t, b[i], i));
  },
  reference: ({ inputs: [cond], attrs, runGraph }) =>
    runGraph(readCondition(cond as Tensor, 'If') ? attrs.then_branch : attrs.else_branch, []),
});

/**
 * Arbitraries for the control-flow ops (If, Loop, Scan, SequenceMap). Bodies are small fixed
 * graphs (an Identity, an Add, a Mul) over generated data: the properties under test are the
 * control flow itself (branch choice, trip counts, carried state, scan axes and directions) and
 * outer-scope reads, not the body's arithmetic.
 */
import fc from 'fast-check';
import type { DType } from '../../ir/dtype.js';
import type { Graph } from '../../ir/model.js';
import { Tensor } from '../../ir/tensor.js';
import { buildGraph } from '../model-builder.js';
import { type CaseArbitrary, dtypeArb, inputsOf, konst, makeCase, scalar, shapeArb, tensorArb } from './case.js';

const T: readonly DType[] = ['float32', 'float32', 'int64', 'int32'];

/** A body of one node, `op(inputs) -> out`, with typed inputs and outputs. */
function body(name: string, nodes: { op: string; inputs: string[]; outputs: string[] }[], inputs: [string, DType, number[]?][], outputs: [string, DType][]): Graph {
  return buildGraph({ name, nodes, inputs, outputs });
}

export const controlArbitraries: Record<string, CaseArbitrary> = {
  // Branches read the outer-scope input `in1`; else negates it, so the branch taken is visible.
  If: fc.tuple(dtypeArb(['float32', 'int64', 'int32']), shapeArb(), fc.boolean()).chain(([dt, dims, cond]) => tensorArb(dt, dims).map((x) =>
    makeCase('If', [{ name: 'in0', value: Tensor.scalar('bool', cond) }, { name: 'in1', value: x, outerScope: true }], {
      then_branch: body('then', [{ op: 'Identity', inputs: ['in1'], outputs: ['t'] }], [], [['t', dt]]),
      else_branch: body('else', [{ op: 'Neg', inputs: ['in1'], outputs: ['e'] }], [], [['e', dt]]),
    }))),
  // Loop: x doubles each iteration (carried), and each iteration's x is a scan output.
  Loop: fc.tuple(dtypeArb(T), shapeArb({ maxRank: 2, maxDim: 3 }), fc.integer({ min: 0, max: 3 }), fc.constantFrom('trip', 'both'))
    .chain(([dt, dims, trips, form]) => tensorArb(dt, dims, { min: -3, max: 3 }).map((x) =>
      makeCase('Loop', inputsOf(konst(scalar('int64', trips)), form === 'both' ? Tensor.scalar('bool', true) : undefined, x), {
        body: body('loop_body', [
          { op: 'Identity', inputs: ['cond_in'], outputs: ['cond_out'] },
          { op: 'Add', inputs: ['x_in', 'x_in'], outputs: ['x_out'] },
          { op: 'Identity', inputs: ['x_in'], outputs: ['scan_out'] },
        ], [['iter', 'int64', []], ['cond_in', 'bool', []], ['x_in', dt]], [['cond_out', 'bool'], ['x_out', dt], ['scan_out', dt]]),
      }, 2))),
  // Scan: a running sum as the state and the elementwise product of state and input as the scan output.
  Scan: fc.tuple(dtypeArb(T), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 3 }), fc.constantFrom(0, 1), fc.constantFrom(0, 1), fc.constantFrom(0, 1))
    .chain(([dt, steps, d, inAxis, inDir, outDir]) => fc.tuple(tensorArb(dt, [d], { min: -3, max: 3 }), tensorArb(dt, inAxis ? [d, steps] : [steps, d], { min: -3, max: 3 }))
      .map(([s0, xs]) => makeCase('Scan', inputsOf(s0, xs), {
        num_scan_inputs: 1, scan_input_axes: { ints: [inAxis] }, scan_input_directions: { ints: [inDir] }, scan_output_directions: { ints: [outDir] },
        body: body('scan_body', [
          { op: 'Add', inputs: ['s_in', 'x_in'], outputs: ['s_out'] },
          { op: 'Mul', inputs: ['s_in', 'x_in'], outputs: ['y_out'] },
        ], [['s_in', dt, [d]], ['x_in', dt, [d]]], [['s_out', dt], ['y_out', dt]]),
      }, 2))),
  SequenceMap: fc.tuple(dtypeArb(['float32', 'int64']), shapeArb({ maxRank: 2 }), fc.integer({ min: 1, max: 3 })).chain(([dt, dims, n]) =>
    fc.array(tensorArb(dt, dims), { minLength: n, maxLength: n }).map((xs) => makeCase('SequenceMap', inputsOf(xs), {
      body: body('map_body', [{ op: 'Abs', inputs: ['x'], outputs: ['y'] }], [['x', dt]], [['y', dt]]),
    }))),
};

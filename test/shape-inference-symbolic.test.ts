// Symbolic shape values (dimsValue) in shape inference: the exporters' Shape → Gather → Unsqueeze →
// Concat → Reshape chains keep static dims static and symbolic dims symbolic, and the dynamic-shape
// real models end with every dim known.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MODELS_DIR } from '../conformance/paths.js';
import { unknownDimOutputs } from '../scripts/count-unknown-dims.js';
import { loadModel } from '../src/ir/load.js';
import type { Dim, Model } from '../src/ir/model.js';
import { addDims, divDims, mulDims, subDims } from '../src/ir/ops/common/dim-values.js';
import { inferModel } from '../src/ir/shape-inference.js';
import { Tensor } from '../src/ir/tensor.js';
import { buildModel, type NodeLite } from '../src/tools/model-builder.js';

const i64 = (...v: number[]) => Tensor.fromValues('int64', [v.length], v);
const scalar = (v: number) => Tensor.fromValues('int64', [], [v]);

/** Infers a one-input model and returns the dims inferred for `name`. */
function dimsOf(nodes: NodeLite[], name: string, input: Dim[] = ['batch', 'seq', 384], initializers: Record<string, Tensor> = {}): Dim[] | undefined {
  const model: Model = buildModel({ opset: 17, inputs: [['x', 'float32', input]], outputs: [[name, 'float32']], nodes, initializers });
  inferModel(model);
  const t = model.graph.valueInfo.get(name)?.type;
  return t?.kind === 'tensor' ? t.dims : undefined;
}

/** Shape(x)[i] as a [1] tensor named `out`: the exporters' Gather → Unsqueeze step. */
const dimOf = (i: number, out: string): NodeLite[] => [
  { op: 'Gather', inputs: ['shape', `idx${i}`], outputs: [`g${i}`], attrs: { axis: 0 } },
  { op: 'Unsqueeze', inputs: [`g${i}`, 'axes0'], outputs: [out] },
];
const chainInits = { idx0: scalar(0), idx1: scalar(1), idx2: scalar(2), axes0: i64(0), heads: i64(12), headDim: i64(32), minus1: i64(-1) };

describe('symbolic shape values', () => {
  it('Shape → Gather → Unsqueeze → Concat → Reshape keeps [batch, seq] and splits 384 into [12, 32]', () => {
    const nodes: NodeLite[] = [
      { op: 'Shape', inputs: ['x'], outputs: ['shape'] },
      ...dimOf(0, 'b'), ...dimOf(1, 's'),
      { op: 'Concat', inputs: ['b', 's', 'heads', 'headDim'], outputs: ['newShape'], attrs: { axis: 0 } },
      { op: 'Reshape', inputs: ['x', 'newShape'], outputs: ['y'] },
    ];
    expect(dimsOf(nodes, 'y', ['batch', 'seq', 384], chainInits)).toEqual(['batch', 'seq', 12, 32]);
  });

  it('a static dim read through Gather with a negative index folds into arithmetic (Shape[-1] / 12)', () => {
    const nodes: NodeLite[] = [
      { op: 'Shape', inputs: ['x'], outputs: ['shape'] },
      ...dimOf(0, 'b'), ...dimOf(1, 's'),
      { op: 'Gather', inputs: ['shape', 'minus1'], outputs: ['last'], attrs: { axis: 0 } },
      { op: 'Div', inputs: ['last', 'heads'], outputs: ['perHead'] },
      { op: 'Concat', inputs: ['b', 's', 'heads', 'perHead'], outputs: ['newShape'], attrs: { axis: 0 } },
      { op: 'Reshape', inputs: ['x', 'newShape'], outputs: ['y'] },
    ];
    expect(dimsOf(nodes, 'y', ['batch', 'seq', 384], chainInits)).toEqual(['batch', 'seq', 12, 32]);
  });

  it('symbols multiply (batch * 12 heads) and a -1 is solved as a symbolic quotient', () => {
    const nodes: NodeLite[] = [
      { op: 'Shape', inputs: ['x'], outputs: ['shape'] },
      ...dimOf(0, 'b'), ...dimOf(1, 's'),
      { op: 'Mul', inputs: ['b', 'heads'], outputs: ['bh'] },
      { op: 'Concat', inputs: ['bh', 's', 'headDim'], outputs: ['s1'], attrs: { axis: 0 } },
      { op: 'Reshape', inputs: ['x', 's1'], outputs: ['y1'] },
      { op: 'Concat', inputs: ['minus1', 'headDim'], outputs: ['s2'], attrs: { axis: 0 } },
      { op: 'Reshape', inputs: ['x', 's2'], outputs: ['y2'] },
    ];
    expect(dimsOf(nodes, 'y1', ['batch', 'seq', 384], chainInits)).toEqual(['12*batch', 'seq', 32]);
    expect(dimsOf(nodes, 'y2', ['batch', 'seq', 384], chainInits)).toEqual(['12*batch*seq', 32]);
  });

  it('an unknown element hides only its own dim', () => {
    const nodes: NodeLite[] = [
      { op: 'Shape', inputs: ['x'], outputs: ['shape'] },
      ...dimOf(0, 'b'),
      { op: 'Gather', inputs: ['shape', 'idx1'], outputs: ['g1'], attrs: { axis: 0 } },
      // seq + 1 is a sum of a symbol and a number: not represented, so unknown.
      { op: 'Add', inputs: ['g1', 'one'], outputs: ['g1p'] },
      { op: 'Unsqueeze', inputs: ['g1p', 'axes0'], outputs: ['s'] },
      { op: 'Concat', inputs: ['b', 's', 'heads'], outputs: ['newShape'], attrs: { axis: 0 } },
      { op: 'ConstantOfShape', inputs: ['newShape'], outputs: ['y'] },
    ];
    expect(dimsOf(nodes, 'y', ['batch', 'seq', 384], { ...chainInits, one: scalar(1) })).toEqual(['batch', undefined, 12]);
  });

  it('Slice, Cast and Squeeze carry shape values; Expand, Tile and Range use them', () => {
    const nodes: NodeLite[] = [
      { op: 'Shape', inputs: ['x'], outputs: ['shape'] },
      { op: 'Slice', inputs: ['shape', 'start0', 'end2'], outputs: ['bs'] },
      { op: 'Cast', inputs: ['bs'], outputs: ['bs32'], attrs: { to: 6 } },
      { op: 'Cast', inputs: ['bs32'], outputs: ['bs64'], attrs: { to: 7 } },
      { op: 'Concat', inputs: ['bs64', 'ones1'], outputs: ['target'], attrs: { axis: 0 } },
      { op: 'Expand', inputs: ['col', 'target'], outputs: ['expanded'] },
      { op: 'Concat', inputs: ['ones1', 'bs64'], outputs: ['reps'], attrs: { axis: 0 } },
      { op: 'Tile', inputs: ['x', 'reps'], outputs: ['tiled'] },
      { op: 'Slice', inputs: ['shape', 'start1', 'end2'], outputs: ['seq1'] },
      { op: 'Squeeze', inputs: ['seq1', 'axes0'], outputs: ['seq'] },
      { op: 'Range', inputs: ['zero', 'seq', 'one'], outputs: ['positions'] },
    ];
    const inits = { ...chainInits, start0: i64(0), start1: i64(1), end2: i64(2), ones1: i64(1), col: Tensor.fromValues('float32', [1, 1, 384], new Float32Array(384)), zero: scalar(0), one: scalar(1) };
    expect(dimsOf(nodes, 'expanded', ['batch', 'seq', 384], inits)).toEqual(['batch', 'seq', 384]);
    expect(dimsOf(nodes, 'tiled', ['batch', 'seq', 384], inits)).toEqual(['batch', 'batch*seq', '384*seq']);
    expect(dimsOf(nodes, 'positions', ['batch', 'seq', 384], inits)).toEqual(['seq']);
  });

  it('static shapes still fold to values, and invalid static requests still fail', () => {
    const nodes: NodeLite[] = [
      { op: 'Shape', inputs: ['x'], outputs: ['shape'] },
      ...dimOf(0, 'b'),
      { op: 'Concat', inputs: ['b', 'bad'], outputs: ['newShape'], attrs: { axis: 0 } },
      { op: 'Reshape', inputs: ['x', 'newShape'], outputs: ['y'] },
    ];
    expect(dimsOf(nodes, 'y', [2, 3, 384], { ...chainInits, bad: i64(-1) })).toEqual([2, 1152]);
    expect(() => dimsOf(nodes, 'y', ['batch', 'seq', 384], { ...chainInits, bad: i64(-2) })).toThrow(/invalid dim -2/);
  });

  it('dim arithmetic: canonical products, exact quotients only, sums only of like terms', () => {
    expect(mulDims('seq', 'batch')).toBe('batch*seq');
    expect(mulDims(mulDims('batch', 4), 3)).toBe('12*batch');
    expect(mulDims('batch', -1)).toBeUndefined();
    expect(mulDims('N+1', 2)).toBeUndefined(); // not a plain name: '*' would be ambiguous
    expect(divDims('12*batch*seq', mulDims(4, 'seq'))).toBe('3*batch');
    expect(divDims('batch', 4)).toBeUndefined();
    expect(divDims(7, 2)).toBe(3);
    expect(addDims('batch', 'batch')).toBe('2*batch');
    expect(addDims('batch', 1)).toBeUndefined();
    expect(subDims('batch', 'batch')).toBe(0);
  });
});

const DYN_MODEL = MODELS_DIR && join(MODELS_DIR, 'tinybert_dyn_opset17', 'model.onnx');
describe.skipIf(!DYN_MODEL || !existsSync(DYN_MODEL))(`dynamic-shape models (${MODELS_DIR ?? 'ONNX_TS_MODELS / ../shared/models not found: skipped'})`, () => {
  // Before symbolic shape values 92 of 341 outputs of tinybert_dyn_opset17 and 5 of 43 of
  // lstm_bidi2_dyn_opset17 had unknown dims (scripts/count-unknown-dims.ts); now none has.
  for (const name of ['tinybert_dyn_opset17', 'lstm_bidi2_dyn_opset17']) {
    it(`${name}: every node output has known dims`, () => {
      const { total, unknown } = unknownDimOutputs(loadModel(readFileSync(join(MODELS_DIR!, name, 'model.onnx'))));
      expect(total).toBeGreaterThan(40);
      expect(unknown).toEqual([]);
    });
  }
});

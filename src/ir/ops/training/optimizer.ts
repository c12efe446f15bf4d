/**
 * The shape shared by the ai.onnx.preview.training optimizers (Adagrad, Adam, Momentum): inputs
 * `R, T, X_1..X_n, G_1..G_n, S1_1..S1_n, …` (values, gradients, then each per-tensor state), and
 * outputs `X_new_1..X_new_n, S1_new_1..S1_new_n, …`. Each element updates independently.
 */
import { ShapeError } from '../../errors.js';
import { Tensor, readNumbers, readValues } from '../../tensor.js';
import { formatDims } from '../common/indexing.js';
import { defineOp, type AttrSpec, type AttrsOf, type OpSpec } from '../spec.js';

/** The scalars R (learning rate) and T (update count) every optimizer reads. */
export interface StepScalars { R: number; T: number }

export interface OptimizerOptions<A extends Record<string, AttrSpec>> {
  name: string;
  doc: string;
  attributes: A;
  /** Per-tensor state inputs after X and G, in input order (Adam: V then H). */
  states: readonly string[];
  /**
   * One element's update: from x, its gradient g and its states, the new x followed by the new
   * states. `s` holds R and T; attributes come from the spec.
   */
  step(x: number, g: number, state: readonly number[], s: StepScalars, attrs: AttrsOf<A>): number[];
}

/** Declares an optimizer op over `n` tensors, n taken from the input count. */
export function defineOptimizer<const A extends Record<string, AttrSpec>>(o: OptimizerOptions<A>): OpSpec<A> {
  const groups = 2 + o.states.length;
  const count = (inputs: number) => {
    const n = (inputs - 2) / groups;
    if (!Number.isInteger(n) || n < 1) throw new ShapeError(`${o.name} takes R, T and ${groups} tensors per optimized tensor; got ${inputs} inputs`);
    return n;
  };
  return defineOp<A>({
    name: o.name,
    domain: 'ai.onnx.preview.training',
    versions: [1],
    doc: o.doc,
    inputs: [{ name: 'R', type: 'T1' }, { name: 'T', type: 'T2' }, { name: 'inputs', type: 'T3', variadic: true }],
    outputs: [{ name: 'outputs', type: 'T3', variadic: true }],
    types: { T1: ['float32', 'float64'], T2: ['int64'], T3: ['float32', 'float64'] },
    attributes: o.attributes,
    inferShape: ({ inputs }) => {
      const n = count(inputs.length);
      // Output group k (X, then each state) has the types of input group 0, 2, 3, …
      return Array.from({ length: n * (groups - 1) }, (_, j) => {
        const group = Math.floor(j / n), i = j % n;
        const src = inputs[2 + (group === 0 ? 0 : group + 1) * n + i];
        return { kind: 'tensor' as const, dtype: src?.dtype, dims: src?.dims };
      });
    },
    reference: ({ inputs, attrs }) => {
      const n = count(inputs.length);
      const s: StepScalars = { R: readNumbers(inputs[0] as Tensor)[0], T: readNumbers(inputs[1] as Tensor)[0] };
      const tensor = (group: number, i: number) => inputs[2 + group * n + i] as Tensor;
      const outputs: Tensor[][] = Array.from({ length: groups - 1 }, () => []);
      for (let i = 0; i < n; i++) {
        const x = tensor(0, i);
        const parts = Array.from({ length: groups }, (_, g) => tensor(g, i));
        for (const p of parts) {
          if (p.size !== x.size) throw new ShapeError(`${o.name}: tensor ${formatDims(p.dims)} does not match the optimized tensor ${formatDims(x.dims)}`);
        }
        const values = parts.map(readValues);
        const results = Array.from({ length: groups - 1 }, () => new Float64Array(x.size));
        const state = new Array<number>(o.states.length);
        for (let e = 0; e < x.size; e++) {
          for (let k = 0; k < state.length; k++) state[k] = values[2 + k][e];
          const next = o.step(values[0][e], values[1][e], state, s, attrs);
          for (let k = 0; k < next.length; k++) results[k][e] = next[k];
        }
        results.forEach((r, k) => outputs[k].push(Tensor.fromValues(parts[k === 0 ? 0 : k + 1].type, x.dims, r)));
      }
      return outputs.flat();
    },
  });
}

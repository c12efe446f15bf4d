/**
 * Einsum: Einstein summation over the labelled axes of its inputs.
 * https://onnx.ai/onnx/operators/onnx__Einsum.html
 */
import { ShapeError } from '../../errors.js';
import type { Dim } from '../../model.js';
import { Tensor } from '../../tensor.js';
import { NUMERIC } from '../common/types.js';
import { defineOp } from '../spec.js';
import { numericValues } from './matmul.js';

/** Einsum: e.g. 'ij,jk->ik' is a matrix product, 'ii->i' a diagonal, 'ij->' a total sum. */
export const Einsum = defineOp({
  name: 'Einsum',
  versions: [12],
  doc: 'Einstein summation: multiplies the inputs along shared labels and sums the labels missing from the output.',
  inputs: [{ name: 'Inputs', type: 'T', variadic: true }],
  outputs: [{ name: 'Output', type: 'T' }],
  types: { T: NUMERIC },
  attributes: { equation: { type: 'string', required: true } },
  inferShape: ({ inputs, attrs }) => {
    if (inputs.some((i) => !i?.dims)) return [{ kind: 'tensor', dtype: inputs[0]?.dtype }];
    const eq = parseEquation(attrs.equation, inputs.map((i) => i!.dims!.length));
    const sizes = labelSizes(eq, inputs.map((i) => i!.dims!));
    return [{ kind: 'tensor', dtype: inputs[0]!.dtype, dims: eq.output.map((l) => sizes.get(l)) }];
  },
  reference: ({ inputs, attrs }) => {
    const ts = inputs as Tensor[];
    const eq = parseEquation(attrs.equation, ts.map((t) => t.dims.length));
    const sizes = labelSizes(eq, ts.map((t) => t.dims)) as Map<string, number>;
    // Iterate over output labels (outermost) then the summed ones; each input advances by its
    // stride for each label. A label repeated within one input adds its strides (a diagonal), and
    // a broadcast dim of size 1 gets stride 0.
    const summed = [...sizes.keys()].filter((l) => !eq.output.includes(l));
    const order = [...eq.output, ...summed];
    const extent = order.map((l) => sizes.get(l)!);
    const strides = ts.map((t, k) => {
      const axisStride = t.dims.map((_, a) => t.dims.slice(a + 1).reduce((p, q) => p * q, 1));
      return order.map((l) => eq.inputs[k].reduce((acc, lab, a) => acc + (lab === l && t.dims[a] !== 1 ? axisStride[a] : 0), 0));
    });
    const values = ts.map(numericValues);
    const outSize = eq.output.reduce((p, l) => p * sizes.get(l)!, 1);
    const sumSize = summed.reduce((p, l) => p * sizes.get(l)!, 1);
    const out = new Float64Array(outSize);
    const counter = new Array<number>(order.length).fill(0);
    const offsets = new Array<number>(ts.length).fill(0);
    if (outSize > 0 && sumSize > 0) {
      for (let o = 0; o < outSize; o++) {
        let acc = 0;
        for (let s = 0; s < sumSize; s++) {
          let prod = 1;
          for (let k = 0; k < ts.length; k++) prod *= values[k][offsets[k]];
          acc += prod;
          // Advance the odometer over all labels (the summed ones move fastest).
          for (let d = order.length - 1; d >= 0; d--) {
            counter[d]++;
            for (let k = 0; k < ts.length; k++) offsets[k] += strides[k][d];
            if (counter[d] < extent[d]) break;
            for (let k = 0; k < ts.length; k++) offsets[k] -= strides[k][d] * extent[d];
            counter[d] = 0;
          }
        }
        out[o] = acc;
      }
    }
    return [Tensor.fromValues(ts[0].type, eq.output.map((l) => sizes.get(l)!), out)];
  },
});

interface Equation {
  /** Labels per input axis; ellipsis dims become labels '0', '1', … (right-aligned). */
  inputs: string[][];
  output: string[];
}

/** Parses 'ab,bc->ac' (or implicit 'ab,bc') given each input's rank, expanding '...'. */
function parseEquation(equation: string, ranks: number[]): Equation {
  const eq = equation.replace(/\s+/g, '');
  const [lhs, rhs] = eq.includes('->') ? eq.split('->') : [eq, undefined];
  const terms = lhs.split(',');
  if (terms.length !== ranks.length) throw new ShapeError(`Einsum equation '${equation}' has ${terms.length} inputs, but ${ranks.length} were given`);
  let ellipsisRank = 0;
  const inputs = terms.map((term, k) => {
    const letters = term.replace('...', '');
    if (!/^[a-zA-Z]*$/.test(letters)) throw new ShapeError(`Einsum equation '${equation}': bad term '${term}'`);
    if (!term.includes('...')) {
      if (letters.length !== ranks[k]) throw new ShapeError(`Einsum term '${term}' has ${letters.length} labels but input ${k} has rank ${ranks[k]}`);
      return [...letters];
    }
    const n = ranks[k] - letters.length;
    if (n < 0) throw new ShapeError(`Einsum term '${term}' has more labels than input ${k}'s rank ${ranks[k]}`);
    ellipsisRank = Math.max(ellipsisRank, n);
    const [before, after] = term.split('...');
    return [...before, ...ellipsisLabels(n), ...after];
  });
  // Ellipsis labels are right-aligned: an input with fewer ellipsis dims takes the last ones.
  function ellipsisLabels(n: number): string[] {
    return Array.from({ length: n }, (_, i) => String(i - n));
  }
  const fixAlign = (labels: string[]) => labels.map((l) => (/^-\d+$/.test(l) ? String(ellipsisRank + Number(l)) : l));
  const fixed = inputs.map(fixAlign);
  const ell = Array.from({ length: ellipsisRank }, (_, i) => String(i));
  let output: string[];
  if (rhs !== undefined) {
    const letters = rhs.replace('...', '');
    const [before, after] = rhs.includes('...') ? rhs.split('...') : [letters, ''];
    output = [...before, ...(rhs.includes('...') ? ell : []), ...after];
  } else {
    // Implicit output: ellipsis dims, then the labels used exactly once, alphabetically.
    const counts = new Map<string, number>();
    for (const t of terms) for (const c of t.replace('...', '')) counts.set(c, (counts.get(c) ?? 0) + 1);
    output = [...ell, ...[...counts].filter(([, n]) => n === 1).map(([c]) => c).sort()];
  }
  const all = new Set(fixed.flat());
  for (const l of output) if (!all.has(l)) throw new ShapeError(`Einsum equation '${equation}': output label '${l}' is not in any input`);
  return { inputs: fixed, output };
}

/** Size of every label; labels must agree across inputs except where a dim is 1 (broadcast). */
function labelSizes(eq: Equation, dims: readonly (readonly Dim[])[]): Map<string, Dim> {
  const sizes = new Map<string, Dim>();
  eq.inputs.forEach((labels, k) => labels.forEach((l, a) => {
    const d = dims[k][a];
    const prev = sizes.get(l);
    if (!sizes.has(l) || prev === 1) { sizes.set(l, d); return; }
    if (d === 1 || d === prev) return;
    if (typeof d === 'number' && typeof prev === 'number') {
      throw new ShapeError(`Einsum: label '${l}' has sizes ${prev} and ${d} in [${dims.map((x) => `[${x.join(',')}]`).join(', ')}]`);
    }
    if (typeof prev !== 'number') sizes.set(l, d);
  }));
  return sizes;
}

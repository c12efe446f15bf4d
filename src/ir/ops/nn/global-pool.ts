/**
 * The global pools: GlobalAveragePool, GlobalMaxPool, GlobalLpPool reduce every spatial dim to 1.
 * https://onnx.ai/onnx/operators/onnx__GlobalAveragePool.html (and GlobalMaxPool, GlobalLpPool)
 */
import { ShapeError } from '../../errors.js';
import { readValues, Tensor } from '../../tensor.js';
import { FLOATS } from '../common/types.js';
import { defineOp, type AttrSpec, type InferContext, type RunContext } from '../spec.js';

type Combine = (values: ArrayLike<number>, start: number, end: number, attrs: Record<string, unknown>) => number;

function defineGlobalPool<const A extends Record<string, AttrSpec>>(name: string, versions: number[], doc: string, combine: Combine, attributes?: A) {
  return defineOp<A>({
    name,
    versions,
    doc,
    inputs: [{ name: 'X', type: 'T' }],
    outputs: [{ name: 'Y', type: 'T' }],
    types: { T: FLOATS },
    attributes,
    inferShape: ({ inputs: [x] }: InferContext<A>) => {
      if (!x?.dims) return [{ kind: 'tensor', dtype: x?.dtype }];
      if (x.dims.length < 2) throw new ShapeError(`${name} needs X of rank >= 2, got [${x.dims.join(',')}]`);
      return [{ kind: 'tensor', dtype: x.dtype, dims: [x.dims[0], x.dims[1], ...x.dims.slice(2).map(() => 1)] }];
    },
    reference: ({ inputs, attrs }: RunContext<A>) => {
      const x = inputs[0] as Tensor;
      const planes = x.dims[0] * x.dims[1];
      const plane = x.size / Math.max(planes, 1);
      const v = readValues(x);
      const out = new Float64Array(planes);
      for (let i = 0; i < planes; i++) out[i] = combine(v, i * plane, (i + 1) * plane, attrs);
      return [Tensor.fromValues(x.type, [x.dims[0], x.dims[1], ...x.dims.slice(2).map(() => 1)], out)];
    },
  });
}

/** GlobalAveragePool: the mean of each [n, c] plane. */
export const GlobalAveragePool = defineGlobalPool('GlobalAveragePool', [1, 22], 'Mean over all spatial positions of each channel.',
  (v, s, e) => { let acc = 0; for (let i = s; i < e; i++) acc += v[i]; return acc / (e - s); });

/** GlobalMaxPool: the max of each [n, c] plane. */
export const GlobalMaxPool = defineGlobalPool('GlobalMaxPool', [1, 22], 'Max over all spatial positions of each channel.',
  (v, s, e) => { let acc = -Infinity; for (let i = s; i < e; i++) if (v[i] > acc) acc = v[i]; return acc; });

/** GlobalLpPool: the p-norm of each [n, c] plane. */
export const GlobalLpPool = defineGlobalPool('GlobalLpPool', [1, 2, 22], 'p-norm over all spatial positions of each channel.',
  (v, s, e, attrs) => {
    const p = attrs.p as number;
    let acc = 0;
    for (let i = s; i < e; i++) acc += Math.abs(v[i]) ** p;
    return acc ** (1 / p);
  },
  { p: { type: 'int', default: 2, legacyType: { type: 'float', until: 2 } } });

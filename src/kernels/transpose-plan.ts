/**
 * The geometry both providers' Transpose kernels start from: a permutation with its size-1 axes
 * dropped and its runs of input axes that stay neighbours merged, so [20,2,2,64] by [0,2,1,3] is
 * a walk over three output axes with 64-element rows, and [2,1,3] by [1,0,2] is a plain copy.
 */
import { stridesOf } from '../ir/ops/common/broadcast.js';
import { sizeOf } from '../ir/tensor.js';

/** The collapsed transpose: output dims, and the input stride of each output axis (at most one axis: a copy). */
export interface CollapsedTranspose {
  /** The merged axes' input sizes, in input order. */
  inDims: number[];
  /** For each output axis, which merged input axis it is. */
  perm: number[];
  /** Output dims of the merged axes. */
  dims: number[];
  /** Input element stride of each output axis. */
  strides: number[];
}

/** `dims` permuted by `perm`, collapsed (see the file comment). */
export function collapseTranspose(dims: readonly number[], perm: readonly number[]): CollapsedTranspose {
  const live = dims.map((_, i) => i).filter((i) => dims[i] !== 1);
  const liveDims = live.map((i) => dims[i]);
  const keep = perm.filter((p) => dims[p] !== 1).map((p) => live.indexOf(p));
  const groups: number[][] = [];
  for (const p of keep) {
    const g = groups[groups.length - 1];
    if (g && g[g.length - 1] + 1 === p) g.push(p);
    else groups.push([p]);
  }
  // Rank of each group in input order.
  const order = [...groups].sort((x, y) => x[0] - y[0]);
  const inDims = order.map((g) => sizeOf(g.map((a) => liveDims[a])));
  const inStrides = stridesOf(inDims);
  const cperm = groups.map((g) => order.indexOf(g));
  return { inDims, perm: cperm, dims: cperm.map((p) => inDims[p]), strides: cperm.map((p) => inStrides[p]) };
}

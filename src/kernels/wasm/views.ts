/**
 * Reshape and Gather on the wasm provider, in plain TypeScript (no wasm module involved; Gather
 * writes a float32 output into a block of wasm memory where one is lent).
 *
 * Reshape as a view: the same data under new dims, computed by the spec's reshapeDims (which
 * also reports impossible shapes) from the int64 shape read directly. Through the reference
 * provider the same call cost 5–7 µs of CPU (scratch timing under tsx, 09:24 UTC), mostly the
 * generic value readers and context copy; tinybert runs 8 Reshapes per inference.
 */
import { entriesPerElement, type TypedArray } from '../../ir/dtype.js';
import { reshapeDims } from '../../ir/ops/tensor/reshape.js';
import type { Value } from '../../ir/ops/spec.js';
import { Tensor } from '../../ir/tensor.js';
import { scratch } from '../caches.js';
import type { KernelContext } from '../kernel.js';
import { reference, shapeValues } from './common.js';
import { runCopier } from './copy-runs.js';
import { movedOutput } from './output.js';

type Attrs = Readonly<Record<string, unknown>>;

/** Reshape (opset 5+: the shape is an int64 input), by the spec's own rule (reshapeDims). */
export function runReshape(ctx: KernelContext, inputs: readonly (Value | undefined)[], attrs: Attrs): Value[] | Promise<Value[]> {
  const data = inputs[0] as Tensor, shape = inputs[1] as Tensor;
  if (shape.type !== 'int64') return reference(ctx, inputs, attrs);
  const dims = reshapeDims(data.dims, shapeValues(shape), attrs.allowzero === 1) as number[];
  return [data.reshape(dims)];
}

/**
 * Gather with rows copied by `set`: tinybert's embedding lookups (16 rows of 128 floats) took
 * ~15 µs each on the generated cpu kernel, whose index conversion goes through generic value
 * readers (scratch timing, 09:50 UTC). Indices out of range go to the reference, which reports
 * them; string and complex tensors too. The normalized indices go to reused scratch (a fresh
 * Int32Array was ~1 µs of allocation), and a float32 output goes to a block of wasm memory where
 * one is lent, so the wasm kernel after it (a layer norm of the embeddings) reads it in place.
 */
export function runGather(ctx: KernelContext, inputs: readonly (Value | undefined)[], attrs: Attrs): Value[] | Promise<Value[]> {
  const data = inputs[0] as Tensor, indices = inputs[1] as Tensor;
  const rank = data.dims.length;
  const axis = (attrs.axis as number) < 0 ? (attrs.axis as number) + rank : (attrs.axis as number);
  if (data.type === 'string' || entriesPerElement(data.type) !== 1 || axis < 0 || axis >= rank) return reference(ctx, inputs, attrs);
  const axisDim = data.dims[axis];
  let outer = 1, inner = 1;
  for (let i = 0; i < axis; i++) outer *= data.dims[i];
  for (let i = axis + 1; i < rank; i++) inner *= data.dims[i];
  const raw = indices.data as BigInt64Array | Int32Array;
  const n = raw.length;
  const idx = scratch<Int32Array>('int32', 'gather-indices', n);
  for (let j = 0; j < n; j++) {
    const v = Number(raw[j]);
    const w = v < 0 ? v + axisDim : v;
    if (w < 0 || w >= axisDim) return reference(ctx, inputs, attrs);
    idx[j] = w;
  }
  const size = outer * n * inner;
  const out = movedOutput(ctx, data.type, size);
  const src = data.data as TypedArray;
  const { out0, src0, per, copy } = runCopier(out, src);
  const row = inner * per;
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < n; j++) copy(out0 + (o * n + j) * row, src0 + (o * axisDim + idx[j]) * row, row);
  }
  const dims = data.dims.slice(0, axis);
  for (const d of indices.dims) dims.push(d);
  for (let i = axis + 1; i < rank; i++) dims.push(data.dims[i]);
  return [new Tensor(data.type, out, dims)];
}

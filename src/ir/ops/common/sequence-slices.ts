/**
 * Cutting tensors into pieces along an axis and joining pieces back together: the data movement
 * shared by Scan (slices in, stacked outputs out), Loop (stacked scan outputs), SplitToSequence and
 * ConcatFromSequence. Works for every dtype, strings and complex numbers included, by copying raw
 * storage entries.
 */
import { allocate, entriesPerElement, type TensorData } from '../../dtype.js';
import { ShapeError } from '../../errors.js';
import { sizeOf, Tensor } from '../../tensor.js';

/** Copies `count` storage entries; typed arrays use `set` (a memcpy), string arrays a plain loop. */
function copyEntries(src: TensorData, srcOffset: number, dst: TensorData, dstOffset: number, count: number): void {
  if (Array.isArray(src)) {
    const out = dst as string[];
    for (let i = 0; i < count; i++) out[dstOffset + i] = src[srcOffset + i];
  } else {
    (dst as typeof src).set(src.subarray(srcOffset, srcOffset + count) as never, dstOffset);
  }
}

/** Elements before `axis` (the outer loop count) and storage entries from `axis + 1` on (one copied run). */
function splitAround(t: { dims: readonly number[]; type: Tensor['type'] }, axis: number): { outer: number; inner: number } {
  return {
    outer: sizeOf(t.dims.slice(0, axis)),
    inner: sizeOf(t.dims.slice(axis + 1)) * entriesPerElement(t.type),
  };
}

/** `t[..., start:start+length, ...]` along `axis` (the axis keeps its place, with size `length`). */
export function sliceAlong(t: Tensor, axis: number, start: number, length: number): Tensor {
  const n = t.dims[axis];
  const { outer, inner } = splitAround(t, axis);
  const dims = [...t.dims];
  dims[axis] = length;
  const out = allocate(t.type, sizeOf(dims));
  const src = t.data;
  const run = length * inner;
  for (let o = 0; o < outer; o++) copyEntries(src, (o * n + start) * inner, out, o * run, run);
  return new Tensor(t.type, out, dims);
}

/** The sub-tensor at `index` along `axis`, with that axis removed (rank one less). */
export function takeAlong(t: Tensor, axis: number, index: number): Tensor {
  const part = sliceAlong(t, axis, index, 1);
  return part.reshape(t.dims.filter((_, i) => i !== axis));
}

/** Joins tensors along an existing `axis`; all other dims must agree (ShapeError names the shapes). */
export function concatAlong(parts: readonly Tensor[], axis: number): Tensor {
  if (parts.length === 0) throw new ShapeError('cannot concatenate an empty list of tensors');
  const first = parts[0];
  const rank = first.dims.length;
  let total = 0;
  for (const p of parts) {
    const same = p.type === first.type && p.dims.length === rank && p.dims.every((d, i) => i === axis || d === first.dims[i]);
    if (!same) {
      throw new ShapeError(`cannot concatenate ${first.type}[${first.dims.join(',')}] and ${p.type}[${p.dims.join(',')}] along axis ${axis}`);
    }
    total += p.dims[axis];
  }
  const dims = [...first.dims];
  dims[axis] = total;
  const out = allocate(first.type, sizeOf(dims));
  const { outer, inner } = splitAround(first, axis);
  const row = total * inner;
  let offset = 0;
  for (const p of parts) {
    const run = p.dims[axis] * inner;
    const src = p.data;
    for (let o = 0; o < outer; o++) copyEntries(src, o * run, out, o * row + offset, run);
    offset += run;
  }
  return new Tensor(first.type, out, dims);
}

/** Stacks equally shaped tensors along a new `axis` (0 ≤ axis ≤ rank), like numpy.stack. */
export function stackAlong(parts: readonly Tensor[], axis: number): Tensor {
  if (parts.length === 0) throw new ShapeError('cannot stack an empty list of tensors');
  const withAxis = (p: Tensor) => [...p.dims.slice(0, axis), 1, ...p.dims.slice(axis)];
  const first = parts[0];
  for (const p of parts) {
    if (p.type !== first.type || p.dims.length !== first.dims.length || p.dims.some((d, i) => d !== first.dims[i])) {
      throw new ShapeError(`cannot stack ${first.type}[${first.dims.join(',')}] with ${p.type}[${p.dims.join(',')}]: every part must have the same type and shape`);
    }
  }
  return concatAlong(parts.map((p) => p.reshape(withAxis(p))), axis);
}

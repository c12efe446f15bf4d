/**
 * Multidirectional (numpy-style) broadcasting, per ONNX Broadcasting.md: shapes are right-aligned,
 * and each dim pair must be equal or contain a 1. Shared by shape inference and every provider.
 */
import { ShapeError } from '../../errors.js';
import type { Dim } from '../../model.js';

/** Broadcast result of static shapes; throws ShapeError when they are incompatible. */
export function broadcastShapes(...shapes: readonly (readonly number[])[]): number[] {
  return broadcastDims(...shapes) as number[];
}

/** Broadcast with symbolic/unknown dims: a symbol meets a 1 or itself; otherwise the result is unknown. */
export function broadcastDims(...shapes: readonly (readonly Dim[])[]): Dim[] {
  const rank = Math.max(0, ...shapes.map((s) => s.length));
  const out: Dim[] = [];
  for (let i = 0; i < rank; i++) {
    let d: Dim = 1;
    for (const s of shapes) {
      const k = s.length - rank + i;
      if (k < 0) continue;
      const e = s[k];
      if (e === 1) continue;
      if (d === 1) { d = e; continue; }
      if (e === d) continue;
      if (typeof e === 'number' && typeof d === 'number') {
        throw new ShapeError(`shapes ${shapes.map((x) => `[${x.map((v) => v ?? '?').join(',')}]`).join(' and ')} cannot broadcast (dim ${i}: ${d} vs ${e})`);
      }
      // One side symbolic/unknown: prefer the static value (the other must be 1 or equal at run time).
      d = typeof e === 'number' ? e : typeof d === 'number' ? d : undefined;
    }
    out.push(d);
  }
  return out;
}

/** Row-major strides of a shape. */
export function stridesOf(dims: readonly number[]): number[] {
  const s = new Array<number>(dims.length);
  let acc = 1;
  for (let i = dims.length - 1; i >= 0; i--) { s[i] = acc; acc *= dims[i]; }
  return s;
}

/**
 * The strides, per axis of `outDims`, at which an input of shape `inDims` broadcast to it is read:
 * its own row-major strides, 0 on the axes it broadcasts along (size 1 or absent).
 */
export function broadcastStrides(inDims: readonly number[], outDims: readonly number[]): number[] {
  const inStrides = stridesOf(inDims);
  const lead = outDims.length - inDims.length;
  return outDims.map((_, i) => (i < lead || inDims[i - lead] === 1 ? 0 : inStrides[i - lead]));
}

/**
 * For each output element (row-major over `outDims`), the flat index into an input of shape
 * `inDims` broadcast to it. Returns an Int32Array of offsets; readable rather than fast. With
 * `into` (at least as long as the output), the offsets are written there and `into` is returned:
 * callers that run often reuse one array instead of allocating one per call.
 */
export function broadcastIndex(inDims: readonly number[], outDims: readonly number[], into?: Int32Array): Int32Array {
  const size = outDims.reduce((a, b) => a * b, 1);
  const out = into && into.length >= size ? into : new Int32Array(size);
  const rank = outDims.length;
  const strides = broadcastStrides(inDims, outDims);
  const counter = new Array<number>(rank).fill(0);
  let offset = 0;
  for (let i = 0; i < size; i++) {
    out[i] = offset;
    for (let d = rank - 1; d >= 0; d--) {
      counter[d]++;
      offset += strides[d];
      if (counter[d] < outDims[d]) break;
      offset -= strides[d] * counter[d];
      counter[d] = 0;
    }
  }
  return out;
}

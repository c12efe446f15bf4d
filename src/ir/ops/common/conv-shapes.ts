/**
 * Window geometry shared by Conv, ConvTranspose, the pools and their providers: explicit pads from
 * `auto_pad`, output sizes (with pooling's `ceil_mode`), and the transposed-conv output size. All
 * arrays are per spatial axis; `pads` is ONNX's `[begin_0, …, begin_k, end_0, …, end_k]`.
 */
import { ShapeError } from '../../errors.js';
import type { Dim } from '../../model.js';
import type { AttrSpec } from '../spec.js';

/** Resolved window parameters of one node, per spatial axis. */
export interface WindowGeometry {
  kernel: number[];
  strides: number[];
  dilations: number[];
  /** [begins…, ends…] */
  pads: number[];
  /** Output spatial sizes. */
  out: number[];
}

/** The attributes that describe a sliding window (absent lists default to ones/zeros). */
export interface WindowAttrs {
  auto_pad?: string;
  strides?: number[];
  dilations?: number[];
  pads?: number[];
  ceil_mode?: number;
}

/** Extent of a dilated kernel: the distance from its first to its last tap, plus one. */
export function dilatedExtent(kernel: number, dilation: number): number {
  return (kernel - 1) * dilation + 1;
}

/**
 * Geometry of a forward window op (Conv, pools) over `inSpatial`. `auto_pad` SAME_* picks pads that
 * give ceil(in / stride) outputs (the odd pad goes at the end for SAME_UPPER, at the start for
 * SAME_LOWER); VALID means no pads; NOTSET uses `pads`. With `ceil_mode`, a last window that would
 * start inside the end padding is dropped, as in PyTorch and the ONNX reference.
 */
export function windowGeometry(inSpatial: readonly number[], kernel: readonly number[], a: WindowAttrs): WindowGeometry {
  const n = inSpatial.length;
  if (kernel.length !== n) throw new ShapeError(`kernel_shape [${kernel.join(',')}] does not match ${n} spatial dims [${inSpatial.join(',')}]`);
  const strides = checkList(a.strides, n, 1, 'strides');
  const dilations = checkList(a.dilations, n, 1, 'dilations');
  const autoPad = a.auto_pad ?? 'NOTSET';
  let pads: number[];
  if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') {
    pads = new Array<number>(2 * n).fill(0);
    for (let i = 0; i < n; i++) {
      const out = Math.ceil(inSpatial[i] / strides[i]);
      const total = Math.max(0, (out - 1) * strides[i] + dilatedExtent(kernel[i], dilations[i]) - inSpatial[i]);
      const small = Math.floor(total / 2);
      pads[i] = autoPad === 'SAME_UPPER' ? small : total - small;
      pads[i + n] = total - pads[i];
    }
  } else if (autoPad === 'VALID') {
    pads = new Array<number>(2 * n).fill(0);
  } else if (autoPad === 'NOTSET') {
    pads = checkList(a.pads, 2 * n, 0, 'pads');
  } else {
    throw new ShapeError(`auto_pad '${autoPad}' is not one of NOTSET, SAME_UPPER, SAME_LOWER, VALID`);
  }
  const out = inSpatial.map((size, i) => {
    const span = size + pads[i] + pads[i + n] - dilatedExtent(kernel[i], dilations[i]);
    if (span < 0) {
      throw new ShapeError(`window of kernel ${kernel[i]} (dilation ${dilations[i]}) does not fit input size ${size} with pads ${pads[i]}+${pads[i + n]} on spatial axis ${i}`);
    }
    if (!a.ceil_mode) return Math.floor(span / strides[i]) + 1;
    let o = Math.ceil(span / strides[i]) + 1;
    if ((o - 1) * strides[i] >= size + pads[i]) o--;
    return o;
  });
  return { kernel: [...kernel], strides, dilations, pads, out };
}

/**
 * Output dims [N, channels, …spatial] for shape inference. Each spatial axis is independent, so an
 * axis is computed wherever its input size and kernel size are static, and unknown elsewhere.
 */
export function windowOutputDims(xDims: readonly Dim[], channels: Dim, kernel: readonly (Dim | undefined)[] | undefined, a: WindowAttrs): Dim[] {
  const spatial = xDims.slice(2);
  const n = spatial.length;
  if (kernel && kernel.length !== n) throw new ShapeError(`kernel [${kernel.join(',')}] does not match ${n} spatial dims [${spatial.join(',')}]`);
  const strides = checkList(a.strides, n, 1, 'strides');
  const dilations = checkList(a.dilations, n, 1, 'dilations');
  const pads = checkList(a.pads, 2 * n, 0, 'pads');
  const out = spatial.map((d, i) => {
    const k = kernel?.[i];
    if (typeof d !== 'number' || typeof k !== 'number') return undefined;
    const axis = { ...a, strides: [strides[i]], dilations: [dilations[i]], pads: [pads[i], pads[i + n]] };
    return windowGeometry([d], [k], axis).out[0];
  });
  return [xDims[0], channels, ...out];
}

/**
 * Geometry of ConvTranspose: output size `stride*(in-1) + output_padding + extent - pads`, or, when
 * `output_shape` is given (or auto_pad is SAME_*, which asks for in*stride), the pads that produce
 * that size, with the odd one at the start unless auto_pad is SAME_UPPER (as the spec states).
 */
export function transposeGeometry(inSpatial: readonly number[], kernel: readonly number[],
  a: WindowAttrs & { output_padding?: number[]; output_shape?: number[] }): WindowGeometry {
  const n = inSpatial.length;
  const strides = checkList(a.strides, n, 1, 'strides');
  const dilations = checkList(a.dilations, n, 1, 'dilations');
  const outPad = checkList(a.output_padding, n, 0, 'output_padding');
  const autoPad = a.auto_pad ?? 'NOTSET';
  const full = (i: number) => strides[i] * (inSpatial[i] - 1) + outPad[i] + dilatedExtent(kernel[i], dilations[i]);
  let target: number[] | undefined;
  if (a.output_shape?.length) {
    if (a.output_shape.length < n) throw new ShapeError(`output_shape [${a.output_shape.join(',')}] has fewer than ${n} spatial dims`);
    target = a.output_shape.slice(a.output_shape.length - n);
  } else if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') {
    target = inSpatial.map((s, i) => s * strides[i]);
  }
  let pads: number[];
  if (target) {
    pads = new Array<number>(2 * n).fill(0);
    for (let i = 0; i < n; i++) {
      const total = full(i) - target[i];
      const half = Math.floor(total / 2);
      pads[i] = autoPad === 'SAME_UPPER' ? half : total - half;
      pads[i + n] = total - pads[i];
    }
  } else {
    pads = autoPad === 'VALID' ? new Array<number>(2 * n).fill(0) : checkList(a.pads, 2 * n, 0, 'pads');
  }
  const out = inSpatial.map((_, i) => full(i) - pads[i] - pads[i + n]);
  if (out.some((o) => o <= 0)) throw new ShapeError(`ConvTranspose output [${out.join(',')}] is empty for input [${inSpatial.join(',')}]`);
  return { kernel: [...kernel], strides, dilations, pads, out };
}

function checkList(v: number[] | undefined, n: number, fill: number, what: string): number[] {
  if (v === undefined || v.length === 0) return new Array<number>(n).fill(fill);
  if (v.length !== n) throw new ShapeError(`${what} [${v.join(',')}] should have ${n} entries`);
  return [...v];
}

/**
 * Views spatial sizes as exactly three (depth, height, width) by prepending 1s, so one loop nest
 * serves 1-D, 2-D and 3-D windows. Higher ranks are rejected.
 */
export function as3d(v: readonly number[], fill: number): [number, number, number] {
  if (v.length > 3) throw new ShapeError(`${v.length} spatial dims are not supported (at most 3)`);
  const r = [...new Array<number>(3 - v.length).fill(fill), ...v];
  return [r[0], r[1], r[2]];
}

/**
 * The window attributes of Conv, ConvTranspose, ConvInteger and QLinearConv, declared once
 * (ConvTranspose adds output_padding and output_shape).
 */
export const CONV_ATTRIBUTES = {
  auto_pad: { type: 'string', default: 'NOTSET' },
  dilations: { type: 'ints' },
  group: { type: 'int', default: 1 },
  kernel_shape: { type: 'ints' },
  pads: { type: 'ints' },
  strides: { type: 'ints' },
} as const satisfies Record<string, AttrSpec>;

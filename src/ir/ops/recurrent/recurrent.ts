/**
 * What RNN, GRU and LSTM share: their attributes, input/output layout (the `layout` attribute),
 * shape inference, and one driver that walks the sequence in each direction and hands every
 * (time step, batch row) to the op's cell function.
 *
 * The driver first projects the whole input through W at once (X·Wᵀ + Wb, one row per time step
 * and batch entry), so a cell only adds the recurrent term R·H(t-1) and applies its gate math.
 */
import type { DType } from '../../dtype.js';
import { ShapeError } from '../../errors.js';
import type { Dim } from '../../model.js';
import { readValues, Tensor } from '../../tensor.js';
import type { InferContext, InferResult, RunContext, Value } from '../spec.js';
import { type Activation, resolveActivations } from './activations.js';

/** Attributes common to RNN, GRU and LSTM (the ops add their own). */
export const RECURRENT_ATTRS = {
  activation_alpha: { type: 'floats' },
  activation_beta: { type: 'floats' },
  clip: { type: 'float' },
  direction: { type: 'string', default: 'forward' },
  hidden_size: { type: 'int' },
  layout: { type: 'int', default: 0, since: 14 },
  // Opset 1 only: whether Y is produced. We produce Y whenever the node names it.
  output_sequence: { type: 'int', default: 0, until: 7 },
} as const;

/** T of all three ops (bfloat16 since opset 22). */
export const RECURRENT_TYPES: readonly DType[] = ['float32', 'float64', 'float16', 'bfloat16'];

type CommonAttrs = {
  activations?: string[]; activation_alpha?: number[]; activation_beta?: number[];
  clip?: number; direction: string; hidden_size?: number; layout: number;
};

/** The shape of a recurrent op's problem. */
export interface RecurrentDims {
  seq: number;
  batch: number;
  inputSize: number;
  hidden: number;
  directions: number;
}

/** One direction's parameters, as a cell sees them. */
export interface DirectionParams {
  /** Recurrence weights of this direction, [gates*hidden, hidden] row-major. */
  R: Float64Array;
  /** Recurrence bias (Rb), [gates*hidden]; zeros when B is absent. */
  Rb: Float64Array;
  /** This direction's activations (f, g, h…) in attribute order. */
  activations: Activation[];
  clip: number | undefined;
  hidden: number;
  /** The op's extra per-direction input (LSTM's peepholes P), or undefined. */
  extra: Float64Array | undefined;
}

/**
 * Advances one batch row by one time step: reads the input projection at xw[xOff..], the state
 * h[off..off+hidden) (and c for LSTM) and overwrites them with the new state.
 */
export type Cell = (xw: Float64Array, xOff: number, h: Float64Array, c: Float64Array | undefined, off: number) => void;

/** What distinguishes RNN, GRU and LSTM for the shared driver. */
export interface RecurrentOp {
  /** Gates stacked in W and R: 1 for RNN, 3 for GRU, 4 for LSTM. */
  gates: number;
  /** Activations per direction, and the equations' defaults when the attribute is absent. */
  activationsPerDirection: number;
  defaultActivations: readonly string[];
  /** LSTM carries a cell state (initial_c input 6, Y_c output 2). */
  cellState: boolean;
  /** Input index and per-direction length (in hidden units) of an extra parameter (LSTM's P). */
  extra?: { input: number; perHidden: number };
  makeCell(p: DirectionParams): Cell;
}

function directionCount(direction: string): number {
  if (direction === 'forward' || direction === 'reverse') return 1;
  if (direction === 'bidirectional') return 2;
  throw new ShapeError(`direction '${direction}' must be forward, reverse or bidirectional`);
}

/** Output types of Y, Y_h (and Y_c) from the input shapes. */
export function inferRecurrent(ctx: InferContext<any>, op: Pick<RecurrentOp, 'gates' | 'cellState' | 'extra'>): InferResult {
  const attrs = ctx.attrs as CommonAttrs;
  const dtype = ctx.inputs[0]?.dtype;
  const layout = ctx.version >= 14 ? attrs.layout : 0;
  const d = checkRecurrentDims(attrs, layout, op, ctx.inputs.map((t) => t?.dims));
  const y: Dim[] = layout === 0 ? [d.seq, d.directions, d.batch, d.hidden] : [d.batch, d.seq, d.directions, d.hidden];
  const state: Dim[] = layout === 0 ? [d.directions, d.batch, d.hidden] : [d.batch, d.directions, d.hidden];
  const out: InferResult = [{ kind: 'tensor', dtype, dims: y }, { kind: 'tensor', dtype, dims: state }];
  if (op.cellState) out.push({ kind: 'tensor', dtype, dims: [...state] });
  return out.slice(0, ctx.outputCount);
}

/** RecurrentDims while some dims may still be symbolic or unknown (shape inference). */
type SymbolicDims = { [K in keyof RecurrentDims]: K extends 'directions' ? number : Dim };

/**
 * The one check of every input's shape against the problem X, R and the attributes define, used
 * both at load (dims may be symbolic or unknown: only numbers are compared) and at run time (all
 * numbers), so that no provider's kernel ever sees inputs the reference would refuse.
 * `inputs` holds each input's dims, undefined where the input is absent or its rank unknown.
 */
function checkRecurrentDims(attrs: CommonAttrs, layout: number, op: Pick<RecurrentOp, 'gates' | 'cellState' | 'extra'>, inputs: readonly (readonly Dim[] | undefined)[]): SymbolicDims {
  const directions = directionCount(attrs.direction);
  const [x, , r] = inputs;
  if (x && x.length !== 3) throw new ShapeError(`X must have rank 3, got [${x.join(',')}]`);
  if (r && r.length !== 3) throw new ShapeError(`R must have rank 3, got [${r.join(',')}]`);
  const [seq, batch]: Dim[] = x ? (layout === 0 ? [x[0], x[1]] : [x[1], x[0]]) : [undefined, undefined];
  const hidden: Dim = attrs.hidden_size ?? r?.[2];
  const d: SymbolicDims = { seq, batch, inputSize: x?.[2], hidden, directions };
  const rows = typeof hidden === 'number' ? op.gates * hidden : undefined;
  const state = layout === 0 ? [directions, batch, hidden] : [batch, directions, hidden];
  const expect = (i: number, name: string, want: Dim[]) => {
    const got = inputs[i];
    if (!got) return;
    const differs = (v: Dim, k: number) => typeof v === 'number' && typeof want[k] === 'number' && v !== want[k];
    if (got.length !== want.length || got.some(differs)) {
      throw new ShapeError(`${name} is [${got.join(',')}], expected [${want.map((v) => v ?? '?').join(',')}] (direction='${attrs.direction}', hidden_size ${hidden ?? '?'}, X [${x?.join(',') ?? '?'}])`);
    }
  };
  expect(1, 'W', [directions, rows, d.inputSize]);
  expect(2, 'R', [directions, rows, hidden]);
  expect(3, 'B', [directions, rows === undefined ? undefined : 2 * rows]);
  expect(4, 'sequence_lens', [batch]);
  expect(5, 'initial_h', state);
  if (op.cellState) expect(6, 'initial_c', state);
  if (op.extra) expect(op.extra.input, 'P', [directions, typeof hidden === 'number' ? op.extra.perHidden * hidden : undefined]);
  return d;
}

/** Runs a recurrent op: inputs X, W, R, B, sequence_lens, initial_h (, initial_c, P for LSTM). */
export function runRecurrent(ctx: RunContext<any>, op: RecurrentOp): Value[] {
  const attrs = ctx.attrs as CommonAttrs;
  const input = (i: number) => ctx.inputs[i] as Tensor | undefined;
  const X = input(0)!, W = input(1)!, R = input(2)!;
  const layout = ctx.version >= 14 ? attrs.layout : 0;
  const dims = checkRecurrentDims(attrs, layout, op, ctx.inputs.map((t) => (t as Tensor | undefined)?.dims)) as RecurrentDims;
  const { seq, batch, hidden, directions } = dims;
  const rows = op.gates * hidden;

  // Internally everything is layout 0: X [seq, batch, input], states [directions, batch, hidden].
  const x = layout === 0 ? toFloat64(X) : swapLeadingAxes(toFloat64(X), batch, seq, dims.inputSize);
  const w = toFloat64(W), r = toFloat64(R);
  const b = input(3) ? toFloat64(input(3)!) : new Float64Array(directions * 2 * rows);
  const lens = sequenceLengths(input(4), seq, batch);
  const initialState = (i: number) => {
    const t = input(i);
    if (!t) return new Float64Array(directions * batch * hidden);
    return layout === 0 ? toFloat64(t) : swapLeadingAxes(toFloat64(t), batch, directions, hidden);
  };
  const h = initialState(5);
  const c = op.cellState ? initialState(6) : undefined;
  const extraInput = op.extra && input(op.extra.input);
  const extra = extraInput ? toFloat64(extraInput) : undefined;
  const activations = resolveActivations(attrs, op.activationsPerDirection, directions, op.defaultActivations);

  // Y [seq, directions, batch, hidden]: steps past a row's sequence length stay 0.
  const y = new Float64Array(seq * directions * batch * hidden);
  for (let d = 0; d < directions; d++) {
    const reverse = attrs.direction === 'reverse' || d === 1;
    const xw = project(x, seq * batch, dims.inputSize, w.subarray(d * rows * dims.inputSize, (d + 1) * rows * dims.inputSize), b.subarray(d * 2 * rows, d * 2 * rows + rows));
    const perDir = op.extra ? op.extra.perHidden * hidden : 0;
    const cell = op.makeCell({
      R: r.subarray(d * rows * hidden, (d + 1) * rows * hidden),
      Rb: b.subarray(d * 2 * rows + rows, (d + 1) * 2 * rows),
      activations: activations[d],
      clip: attrs.clip,
      hidden,
      extra: extra?.subarray(d * perDir, (d + 1) * perDir),
    });
    for (let bi = 0; bi < batch; bi++) {
      const off = (d * batch + bi) * hidden;
      const len = lens[bi];
      for (let s = 0; s < len; s++) {
        // Reverse runs from each row's own last valid step, not from the padded end.
        const t = reverse ? len - 1 - s : s;
        cell(xw, (t * batch + bi) * rows, h, c, off);
        y.set(h.subarray(off, off + hidden), ((t * directions + d) * batch + bi) * hidden);
      }
    }
  }

  const outs: Value[] = [];
  const type = X.type;
  const want = (i: number) => i < ctx.outputCount && !!ctx.node.outputs[i];
  if (layout === 0) {
    outs.push(want(0) ? Tensor.fromValues(type, [seq, directions, batch, hidden], y) : null);
    outs.push(want(1) ? Tensor.fromValues(type, [directions, batch, hidden], h) : null);
    if (op.cellState) outs.push(want(2) ? Tensor.fromValues(type, [directions, batch, hidden], c!) : null);
  } else {
    outs.push(want(0) ? Tensor.fromValues(type, [batch, seq, directions, hidden], yToBatchMajor(y, dims)) : null);
    outs.push(want(1) ? Tensor.fromValues(type, [batch, directions, hidden], swapLeadingAxes(h, directions, batch, hidden)) : null);
    if (op.cellState) outs.push(want(2) ? Tensor.fromValues(type, [batch, directions, hidden], swapLeadingAxes(c!, directions, batch, hidden)) : null);
  }
  return outs;
}

function toFloat64(t: Tensor): Float64Array {
  return Float64Array.from(readValues(t));
}

function sequenceLengths(t: Tensor | undefined, seq: number, batch: number): Int32Array {
  const lens = new Int32Array(batch).fill(seq);
  if (!t) return lens;
  const v = readValues(t);
  for (let i = 0; i < batch; i++) {
    if (v[i] < 0 || v[i] > seq) throw new ShapeError(`sequence_lens[${i}] = ${v[i]} is outside [0, ${seq}]`);
    lens[i] = v[i];
  }
  return lens;
}

/**
 * The input projection of every (time step, batch) row: out[row] = Wb + W·x[row], W being
 * [rows, cols] row-major. Done once for the whole sequence, outside the recurrence.
 */
function project(x: Float64Array, count: number, cols: number, W: Float64Array, Wb: Float64Array): Float64Array {
  const rows = Wb.length;
  const out = new Float64Array(count * rows);
  for (let n = 0; n < count; n++) {
    const xOff = n * cols, oOff = n * rows;
    for (let g = 0; g < rows; g++) {
      const wOff = g * cols;
      let acc = Wb[g];
      for (let k = 0; k < cols; k++) acc += W[wOff + k] * x[xOff + k];
      out[oOff + g] = acc;
    }
  }
  return out;
}

/**
 * out[outOff + i] += Σ_k M[(row0 + i)·cols + k] · v[vOff + k] for i in [0, rows): a slice of rows of
 * a row-major matrix times a vector, added into `out`.
 */
export function addMatVec(M: Float64Array, row0: number, rows: number, cols: number, v: Float64Array, vOff: number, out: Float64Array, outOff: number): void {
  for (let i = 0; i < rows; i++) {
    const mOff = (row0 + i) * cols;
    let acc = 0;
    for (let k = 0; k < cols; k++) acc += M[mOff + k] * v[vOff + k];
    out[outOff + i] += acc;
  }
}

/** [a, b, inner] → [b, a, inner]. */
function swapLeadingAxes(v: Float64Array, a: number, b: number, inner: number): Float64Array {
  const out = new Float64Array(v.length);
  for (let i = 0; i < a; i++) {
    for (let j = 0; j < b; j++) out.set(v.subarray((i * b + j) * inner, (i * b + j + 1) * inner), (j * a + i) * inner);
  }
  return out;
}

/** Y from [seq, directions, batch, hidden] to layout 1's [batch, seq, directions, hidden]. */
function yToBatchMajor(y: Float64Array, d: RecurrentDims): Float64Array {
  const out = new Float64Array(y.length);
  const H = d.hidden;
  for (let t = 0; t < d.seq; t++) {
    for (let k = 0; k < d.directions; k++) {
      for (let b = 0; b < d.batch; b++) {
        const from = ((t * d.directions + k) * d.batch + b) * H;
        out.set(y.subarray(from, from + H), ((b * d.seq + t) * d.directions + k) * H);
      }
    }
  }
  return out;
}

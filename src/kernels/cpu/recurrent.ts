/**
 * LSTM and GRU on the `cpu` provider: the glue around the generated `recurrent` kernels
 * (codegen/cpu/templates-recurrent.ts). It does what the spec's driver (runRecurrent in
 * src/ir/ops/recurrent/recurrent.ts) does around its cells, with the generated GEMM core for the
 * input projection:
 *
 * 1. X·Wᵀ + biases for every time step and both directions as ONE GEMM (float64 result, W packed
 *    once per initializer);
 * 2. per direction, one call of the generated kernel: the recurrence with R packed once per
 *    initializer, writing Y as it goes;
 * 3. Y_h (and Y_c) from the final states, in the node's layout.
 *
 * Everything between the input and the rounded outputs is float64, as in the reference. Shapes
 * the spec would reject go to the reference (`delegate`), which reports them.
 */
import type { DType } from '../../ir/dtype.js';
import { getOpSpec } from '../../ir/ops/index.js';
import { resolveActivations } from '../../ir/ops/recurrent/activations.js';
import type { Value } from '../../ir/ops/spec.js';
import { Tensor } from '../../ir/tensor.js';
import { outputStorage, type KernelConfig, type KernelContext } from '../kernel.js';
import { cachedFor, scratch } from '../caches.js';
import { delegate } from './families.js';
import { type GemmFns, multiply, packRows } from './gemm-core.js';
import { aPanelsSize, bPanelsSize, newPanels, panelScratch, type Panels } from './panels.js';

type Floats = Float32Array | Float64Array;
type Attrs = Readonly<Record<string, unknown>>;
type Fn = (...args: any[]) => void;

/** What tells LSTM and GRU apart here (the cells themselves are in the generated files). */
interface Cell {
  gates: number;
  activationsPerDirection: number;
  /** The equations' default activations (the ONNX operator pages; lstm.ts and gru.ts use the same). */
  defaults: readonly string[];
  cellState: boolean;
}

const CELLS: Record<'LSTM' | 'GRU', Cell> = {
  LSTM: { gates: 4, activationsPerDirection: 3, defaults: ['Sigmoid', 'Tanh', 'Tanh'], cellState: true },
  GRU: { gates: 3, activationsPerDirection: 2, defaults: ['Sigmoid', 'Tanh'], cellState: false },
};

/**
 * What the kernel makes of a constant input (packed W and R, float64 biases and peepholes): made
 * once per initializer and kept as long as the tensor lives (`use` keeps the makings apart should
 * one tensor serve as two inputs); per call for inputs computed in the graph.
 */
function cachedIfConstant<T>(ctx: KernelContext, input: number, t: Tensor, use: string, make: () => T): T {
  return ctx.graph.initializers.has(ctx.node.inputs[input]) ? cachedFor(t, `recurrent:${input}:${use}`, make) : make();
}

const directionCount = (d: unknown) => (d === 'forward' || d === 'reverse' ? 1 : d === 'bidirectional' ? 2 : 0);
const sameDims = (t: Tensor | undefined, dims: number[]) => !t || (t.dims.length === dims.length && t.dims.every((v, i) => v === dims[i]));

/** The cpu KernelConfig of LSTM or GRU at `dtype`, running the generated `kernel`. */
export function recurrentKernel(op: 'LSTM' | 'GRU', dtype: string, variant: string, kernel: Fn, gemm: GemmFns, gemm64: GemmFns): KernelConfig {
  const cell = CELLS[op];
  const Ctor = dtype === 'float32' ? Float32Array : Float64Array;
  const run = (ctx: KernelContext, inputs: readonly (Value | undefined)[], attrs: Attrs): Value[] | Promise<Value[]> => {
    const input = (i: number) => (inputs[i] instanceof Tensor ? inputs[i] as Tensor : undefined);
    const X = input(0), W = input(1), R = input(2);
    const dirs = directionCount(attrs.direction);
    const layout = ctx.version >= 14 ? (attrs.layout as number) : 0;
    if (!X || !W || !R || dirs === 0 || X.dims.length !== 3 || R.dims.length !== 3) return delegate(ctx, inputs, attrs);
    const H = (attrs.hidden_size as number | undefined) ?? R.dims[2];
    const [seq, batch] = layout === 0 ? [X.dims[0], X.dims[1]] : [X.dims[1], X.dims[0]];
    const I = X.dims[2], G = cell.gates, N = G * H;
    const state = layout === 0 ? [dirs, batch, H] : [batch, dirs, H];
    const lensT = input(4), P = op === 'LSTM' ? input(7) : undefined;
    const floats = [X, W, R, input(3), input(5), input(6), P].filter((t): t is Tensor => !!t);
    // Other dtypes (T1 is int32 only), shapes the spec rejects and empty problems: the reference.
    if (floats.some((t) => t.type !== dtype) || (lensT && lensT.type !== 'int32') || seq * batch * I * H === 0
      || !sameDims(W, [dirs, N, I]) || !sameDims(R, [dirs, N, H]) || !sameDims(input(3), [dirs, 2 * N]) || !sameDims(lensT, [batch])
      || !sameDims(input(5), state) || (cell.cellState && !sameDims(input(6), state)) || !sameDims(P, [dirs, 3 * H])) {
      return delegate(ctx, inputs, attrs);
    }
    const lens = new Int32Array(batch).fill(seq);
    if (lensT) {
      const v = lensT.data as Int32Array;
      for (let b = 0; b < batch; b++) {
        if (v[b] < 0 || v[b] > seq) return delegate(ctx, inputs, attrs);
        lens[b] = v[b];
      }
    }
    const acts = resolveActivations(attrs, cell.activationsPerDirection, dirs, cell.defaults);
    const clip = attrs.clip as number | undefined;

    // 1. xw[row, d·N + n] = biases + Σ_k X[row, k]·W[d, n, k] over the rows of X as stored (layout 0:
    //    t·batch + b, layout 1: b·seq + t), both directions in one GEMM.
    const rows = seq * batch, cols = dirs * N;
    // Scratch for the projection and its packed input (lstm_bidi2's projection is 80 KB per layer and run).
    const work = scratch('float64', 'recurrent', rows * cols + rows) as Float64Array;
    const xw = work.subarray(0, rows * cols);
    const ap = panelScratch('recurrentX', aPanelsSize(rows, I));
    const B = input(3);
    // The biases in float64, once per initializer (as W and R).
    const bias = B ? cachedIfConstant(ctx, 3, B, `projectionBias:${op}`, () => projectionBias(op, B, dirs, H)) : projectionBias(op, undefined, dirs, H);
    for (let r = 0; r < rows; r++) xw.set(bias, r * cols);
    packRows(gemm, X.data as Floats, 0, rows, I, I, 1, ap);
    const bp = packedW(ctx, gemm, W, cols, I);
    // With accumulate set, the GEMM never reads its row bias: zeros, from the scratch.
    multiply(gemm64, rows, cols, I, ap, 0, bp, 0, xw, 0, cols, true, work.subarray(rows * cols).fill(0));

    // 2. The recurrence, per direction. R is packed per gate so each gate's rows start a panel.
    const rp = packedR(ctx, gemm, R, dirs, G, H);
    const h = initialState(input(5), layout, dirs, batch, H);
    const c = cell.cellState ? initialState(input(6), layout, dirs, batch, H) : undefined;
    const p = P ? cachedIfConstant(ctx, 7, P, 'float64', () => Float64Array.from(P.data as Floats)) : undefined;
    // GRU's Rbh enters inside its cell: B in float64 for that (LSTM's biases are all in the projection).
    const b64 = op === 'GRU' && B ? cachedIfConstant(ctx, 3, B, 'float64', () => Float64Array.from(B.data as Floats)) : undefined;
    const want = (i: number) => i < ctx.outputCount && !!ctx.node.outputs[i];
    const wantY = want(0);
    const ySize = seq * dirs * batch * H;
    const y = (wantY ? outputStorage(ctx, dtype as DType, ySize) : new Ctor(ySize)) as Floats;
    // Steps past a row's sequence length stay 0 in Y (pooled storage comes uninitialized).
    if (lensT) y.fill(0);
    // Y is [seq, dirs, batch, H] in layout 0 and [batch, seq, dirs, H] in layout 1.
    const [yStep, yBatch] = layout === 0 ? [dirs * batch * H, H] : [dirs * H, seq * dirs * H];
    const [xwStep, xwBatch] = layout === 0 ? [batch * cols, cols] : [cols, seq * cols];
    for (let d = 0; d < dirs; d++) {
      const reverse = attrs.direction === 'reverse' || d === 1;
      const yOff = layout === 0 ? d * batch * H : d * H;
      const common = [seq, batch, H, xw, d * N, xwStep, xwBatch, rp[d], h, d * batch * H, y, yOff, yStep, yBatch, lens, reverse];
      if (op === 'LSTM') kernel(...common, c, p?.subarray(d * 3 * H, (d + 1) * 3 * H), acts[d], clip, !!attrs.input_forget);
      else {
        // Rbh of this direction: B is [Wb (3H), Rb (3H)] per direction, Rbh the last H of Rb.
        const rbh = b64 ? b64.subarray(d * 2 * N + N + 2 * H, (d + 1) * 2 * N) : new Float64Array(H);
        kernel(...common, rbh, acts[d], clip, !!attrs.linear_before_reset);
      }
    }

    // 3. The outputs the node names; the others are null, as the reference returns them.
    const outs: Value[] = [wantY ? new Tensor(X.type, y, layout === 0 ? [seq, dirs, batch, H] : [batch, seq, dirs, H]) : null];
    outs.push(want(1) ? finalState(ctx, X.type, h, layout, dirs, batch, H) : null);
    if (cell.cellState) outs.push(want(2) ? finalState(ctx, X.type, c!, layout, dirs, batch, H) : null);
    return outs;
  };
  // Session creation: pack constant W and R now, so the first run does not (same checks as `run`).
  const prepare = (ctx: KernelContext, constants: readonly (Tensor | undefined)[], attrs: Attrs): void => {
    const [, W, R] = constants;
    const dirs = directionCount(attrs.direction);
    if (!W || !R || W.type !== dtype || R.type !== dtype || dirs === 0 || R.dims.length !== 3 || W.dims.length !== 3) return;
    const H = (attrs.hidden_size as number | undefined) ?? R.dims[2], G = cell.gates;
    if (!sameDims(W, [dirs, G * H, W.dims[2]]) || !sameDims(R, [dirs, G * H, H]) || H * W.dims[2] === 0) return;
    packedW(ctx, gemm, W, dirs * G * H, W.dims[2]);
    packedR(ctx, gemm, R, dirs, G, H);
  };
  return { op, domain: '', provider: 'cpu', versions: [getOpSpec('', op)!.versions[0]], dtypes: [dtype as DType], variant, run, prepare };
}

/** Wᵀ of every direction ([I, dirs·gates·H]) in the GEMM's B panels. */
function packedW(ctx: KernelContext, gemm: GemmFns, W: Tensor, cols: number, I: number): Panels {
  return cachedIfConstant(ctx, 1, W, 'packedW', () => {
    const out = newPanels(bPanelsSize(I, cols));
    gemm.packB(W.data as Floats, 0, I, cols, 1, I, out, 0);
    return out;
  });
}

/** R per direction, each gate's H rows in 4-row panels of their own (packa's layout at height 4: the recurrent kernel's matrix-vector product), Hp = H rounded up to 4 rows per gate. */
function packedR(ctx: KernelContext, gemm: GemmFns, R: Tensor, dirs: number, G: number, H: number): Panels[] {
  const Hp = (H + 3) & ~3;
  return cachedIfConstant(ctx, 2, R, 'packedR', () => Array.from({ length: dirs }, (_, d) => {
    const out = newPanels(G * Hp * H);
    for (let g = 0; g < G; g++) gemm.packA(R.data as Floats, (d * G + g) * H * H, H, H, H, 1, out, g * Hp * H, 4);
    return out;
  }));
}

/**
 * The projection's per-column bias [dirs·gates·H]: Wb + Rb, except GRU's hidden gate, which takes
 * only Wbh (its Rbh enters inside the cell, multiplied by rt under linear_before_reset).
 */
function projectionBias(op: 'LSTM' | 'GRU', B: Tensor | undefined, dirs: number, H: number): Float64Array {
  const N = CELLS[op].gates * H;
  const out = new Float64Array(dirs * N);
  if (!B) return out;
  const b = B.data as Floats;
  for (let d = 0; d < dirs; d++) {
    for (let n = 0; n < N; n++) {
      const wb = b[d * 2 * N + n], rb = b[d * 2 * N + N + n];
      out[d * N + n] = op === 'GRU' && n >= 2 * H ? wb : wb + rb;
    }
  }
  return out;
}

/** An initial state as float64 [dirs, batch, H] (zeros when absent). */
function initialState(t: Tensor | undefined, layout: number, dirs: number, batch: number, H: number): Float64Array {
  const out = new Float64Array(dirs * batch * H);
  if (!t) return out;
  const v = t.data as Floats;
  if (layout === 0) { out.set(v); return out; }
  // Layout 1 stores [batch, dirs, H].
  for (let b = 0; b < batch; b++) for (let d = 0; d < dirs; d++) out.set(v.subarray((b * dirs + d) * H, (b * dirs + d + 1) * H), (d * batch + b) * H);
  return out;
}

/** A final state [dirs, batch, H] (float64) as the output tensor in the node's layout. */
function finalState(ctx: KernelContext, type: Tensor['type'], s: Float64Array, layout: number, dirs: number, batch: number, H: number): Tensor {
  const out = outputStorage(ctx, type as DType, s.length) as Floats;
  if (layout === 0) { out.set(s); return new Tensor(type, out, [dirs, batch, H]); }
  for (let b = 0; b < batch; b++) for (let d = 0; d < dirs; d++) out.set(s.subarray((d * batch + b) * H, (d * batch + b + 1) * H), (b * dirs + d) * H);
  return new Tensor(type, out, [batch, dirs, H]);
}

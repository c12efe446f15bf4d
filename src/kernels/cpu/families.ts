/**
 * The hand-written half of the `cpu` provider: for each op family, a KernelConfig that reads the
 * node's tensors, does the shape math with the spec's own helpers (windowGeometry, broadcastShapes,
 * axisOffsets, resolvePerm, …), asks selection.ts which generated variant fits, and calls it.
 * The element loops are in the generated `*.gen.ts` files; what is computed here is glue around
 * them (bias fills, Gemm's alpha/beta scaling, the Clip activation epilogue).
 *
 * When a call hits a case the generated kernels do not cover and `supports()` could not see it
 * coming (it sees the node and attributes, not the input shapes or the second input's dtype), the
 * kernel runs the spec's reference kernel instead (`delegate`), so results never depend on it.
 */
import type { DType } from '../../ir/dtype.js';
import type { Node } from '../../ir/model.js';
import { normalizeAxes, normalizeAxis } from '../../ir/ops/common/axes.js';
import { broadcastIndex, broadcastShapes, broadcastStrides } from '../../ir/ops/common/broadcast.js';
import { transposeGeometry, windowGeometry } from '../../ir/ops/common/conv-shapes.js';
import { legacyAlign } from '../../ir/ops/common/elementwise.js';
import { indexValues, wrapIndex } from '../../ir/ops/common/indexing.js';
import { FUSED_DOMAIN } from '../../ir/ops/fused/compose.js';
import { checkConvOperands } from '../../ir/ops/nn/conv.js';
import { convTransposeOperandsFit } from '../../ir/ops/nn/conv-transpose.js';
import { checkBatchNormStats } from '../../ir/ops/normalization/batch-normalization.js';
import { isRowParam } from '../../ir/ops/normalization/layer-normalization.js';
import { getOpSpec } from '../../ir/ops/index.js';
import { exactC, gemmShapes } from '../../ir/ops/linalg/gemm.js';
import { matmulDims } from '../../ir/ops/linalg/matmul.js';
import { axisOffsets, reducedDims } from '../../ir/ops/reduction/reduce.js';
import type { Value } from '../../ir/ops/spec.js';
import { axisSlices } from '../../ir/ops/tensor/slice.js';
import { resolvePerm } from '../../ir/ops/tensor/transpose.js';
import { Tensor } from '../../ir/tensor.js';
import { finiteOperand } from '../finite.js';
import { outputStorage, outputStorageInPlace, type KernelConfig, type KernelContext } from '../kernel.js';
import { runReference } from '../reference/provider.js';
import { cachedFor, scratch } from '../caches.js';
import { concatRows } from '../concat-rows.js';
import { linear2dPlan } from '../resize-taps.js';
import { convPlan } from './conv-plan.js';
import { type GemmFns, multiply, packRows } from './gemm-core.js';
import { aPanelsSize, bPanelsSize, newPanels, panelScratch, type Panels } from './panels.js';
import { recurrentKernel } from './recurrent.js';
import type { GeneratedKernel } from './kernels.gen.js';
import { binaryCase, convCase, IM2COL_COLUMNS, reduceCase, softmaxCase, transposeCase } from './selection.js';

type Floats = Float32Array | Float64Array;
/** The generated GEMM's tile name: its register block (src/kernels/cpu/panels.ts). */
const GEMM_TILE = '2x4';
type Attrs = Readonly<Record<string, unknown>>;
type Fn = (...args: any[]) => void;
/** dtype → tile → generated function */
type ByDtype = Map<string, Map<string, Fn>>;

const CTORS: Record<string, Float32ArrayConstructor | Float64ArrayConstructor | BigInt64ArrayConstructor> = {
  float32: Float32Array, float64: Float64Array, int64: BigInt64Array,
};
const alloc = (dtype: string, n: number) => new CTORS[dtype](n) as Floats;
const prod = (d: readonly number[]) => d.reduce((p, q) => p * q, 1);
const tag = (d: string) => ({ float32: 'f32', float64: 'f64', int64: 'i64' } as Record<string, string>)[d] ?? d;

/** The spec's own kernel: for the few cases the generated kernels leave out (see the header). */
export const delegate = runReference;

/** Number of outputs the node asks for (trailing empty names do not count). */
function outputsAsked(node: Node): number {
  let n = node.outputs.length;
  while (n > 0 && !node.outputs[n - 1]) n--;
  return n;
}

function kernel(op: string, dtype: string, variant: string, run: KernelConfig['run'], extra: Partial<KernelConfig> = {}): KernelConfig {
  const spec = getOpSpec(extra.domain ?? '', op);
  if (!spec) throw new Error(`cpu: no spec for ${extra.domain ?? ''}.${op}`);
  return { op, domain: spec.domain, provider: 'cpu', versions: [spec.versions[0]], dtypes: [dtype as DType], variant, run, ...extra };
}

/** Groups the generated table: op → dtype → tile → function. */
function group(table: readonly GeneratedKernel[]): Map<string, ByDtype> {
  const out = new Map<string, ByDtype>();
  for (const k of table) {
    const byDtype = out.get(k.op) ?? new Map<string, Map<string, Fn>>();
    const byTile = byDtype.get(k.dtype) ?? new Map<string, Fn>();
    byTile.set(k.tile, k.fn);
    byDtype.set(k.dtype, byTile);
    out.set(k.op, byDtype);
  }
  return out;
}

/** Builds every cpu KernelConfig from the generated table (called by the generated index). */
export function buildCpuKernels(table: readonly GeneratedKernel[]): KernelConfig[] {
  const ops = group(table);
  const fn = (op: string, dtype: string, tile: string): Fn => {
    const f = ops.get(op)?.get(dtype)?.get(tile);
    if (!f) throw new Error(`cpu: no generated kernel ${op} ${dtype} ${tile}`);
    return f;
  };
  const has = (op: string, dtype: string) => ops.get(op)?.has(dtype) ?? false;
  const kernels: KernelConfig[] = [];
  const epilogue = activationEpilogue(fn);
  for (const [op, byDtype] of ops) {
    for (const [dtype, byTile] of byDtype) {
      const template = table.find((k) => k.op === op && k.dtype === dtype)!.template;
      const tiles = [...byTile.keys()];
      const label = `${op.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}-${tag(dtype)}-${tiles.length > 1 ? `{${tiles.join(',')}}` : tiles[0]}-ts`;
      switch (template) {
        case 'unary': kernels.push(unaryKernel(op, dtype, label, byTile.get('flat')!)); break;
        case 'binary': kernels.push(binaryKernel(op, dtype, label, (t) => byTile.get(t)!)); break;
        case 'variadic': kernels.push(variadicKernel(op, dtype, label, (t) => byTile.get(t)!)); break;
        case 'gemm': kernels.push(...gemmKernels(dtype, label, byTile.get(GEMM_TILE) as unknown as GemmFns, epilogue, fn)); break;
        case 'conv': kernels.push(...convKernels(dtype, label, (t) => byTile.get(t)!, fn('Gemm', dtype, GEMM_TILE) as unknown as GemmFns, fn('Gemm', 'float64', GEMM_TILE) as unknown as GemmFns, epilogue)); break;
        case 'softmax': kernels.push(softmaxKernel(op, dtype, label, (t) => byTile.get(t)!)); break;
        case 'layernorm': kernels.push(...layerNormKernels(dtype, label, byTile.get('lastaxis')!)); break;
        case 'batchnorm': kernels.push(batchNormKernel(dtype, label, byTile.get('channel')!)); break;
        case 'reduce': kernels.push(reduceKernel(op, dtype, label, (t) => byTile.get(t)!)); break;
        case 'pool': kernels.push(poolKernel(op, dtype, label, byTile.get('2d') ?? byTile.get('global')!)); break;
        case 'transpose': kernels.push(transposeKernel(dtype, label, (t) => byTile.get(t)!)); break;
        case 'gather': kernels.push(gatherKernel(dtype, label, byTile.get('blocks')!)); break;
        case 'slice': kernels.push(sliceKernel(dtype, label, byTile.get('runs')!, fn('Gather', dtype, 'blocks'))); break;
        case 'resize': kernels.push(resizeKernel(dtype, label, byTile.get('nearest2d')!, byTile.get('linear2d')!)); break;
        case 'convtranspose': kernels.push(convTransposeKernel(dtype, label, byTile.get('col2im')!, fn('Gemm', dtype, GEMM_TILE) as unknown as GemmFns, fn('Gemm', 'float64', GEMM_TILE) as unknown as GemmFns)); break;
        case 'recurrent': kernels.push(recurrentKernel(op as 'LSTM' | 'GRU', dtype, label, byTile.get('sequence')!, fn('Gemm', dtype, GEMM_TILE) as unknown as GemmFns, fn('Gemm', 'float64', GEMM_TILE) as unknown as GemmFns)); break;
        default: throw new Error(`cpu: unknown template ${template}`);
      }
    }
  }
  // The com.onnx-ts Gelu is ai.onnx Gelu with approximate='none'.
  for (const dtype of ['float32', 'float64']) {
    if (!has('Gelu', dtype)) continue;
    const gelu = fn('Gelu', dtype, 'flat');
    kernels.push(kernel('Gelu', dtype, `gelu-${tag(dtype)}-flat-ts`, (ctx, inputs) => {
      const x = inputs[0] as Tensor;
      // Gelu reads x[i] before writing y[i], as the unary templates do.
      const y = outputStorageInPlace(ctx, 0, x.type, x.size) as Floats;
      gelu(x.data, y, { approximate: 'none' });
      return [new Tensor(x.type, y, x.dims)];
    }, { domain: FUSED_DOMAIN }));
  }
  // Concat: row copies into pooled storage (src/kernels/concat-rows.ts), shared with the wasm
  // provider: no element loop to generate. Concat-1's default axis is the reference's business.
  for (const dtype of ['float32', 'float64', 'int64', 'int32'] as const) {
    kernels.push(kernel('Concat', dtype, `concat-${tag(dtype)}-rows-ts`, (ctx, inputs, attrs) => {
      const xs = inputs as readonly Tensor[];
      if (xs.length === 0 || xs.some((x) => !(x instanceof Tensor) || x.type !== dtype)) return delegate(ctx, inputs, attrs);
      return [concatRows(ctx, xs, attrs.axis as number)];
    }, { versions: [4] }));
  }
  for (const dtype of ['float32', 'float64']) {
    if (has('Gemm', dtype) && has('Add', dtype) && has('Mul', dtype) && has('Softmax', dtype) && has('LayerNormalization', dtype)) {
      kernels.push(...compositeKernels(dtype, fn));
    }
  }
  return kernels;
}

// ---------------------------------------------------------------------------------------------
// Elementwise

function unaryKernel(op: string, dtype: string, variant: string, f: Fn): KernelConfig {
  return kernel(op, dtype, variant, (ctx, inputs, attrs) => {
    const x = inputs[0] as Tensor;
    // Every unary template reads x[i] before writing y[i], so y may be x's own buffer.
    const y = outputStorageInPlace(ctx, 0, x.type, x.size) as Floats;
    f(x.data, y, attrs);
    return [new Tensor(x.type, y, x.dims)];
  });
}

/** Runs one broadcast binary call with the case selection.ts picks; `storage` makes the output array. */
function runBinary(dtype: string, tile: (t: string) => Fn, a: Tensor, b: Tensor, storage?: (n: number) => Floats): Tensor {
  const dims = broadcastShapes(a.dims, b.dims);
  const out = storage ? storage(prod(dims)) : alloc(dtype, prod(dims));
  const c = binaryCase(a.dims, b.dims, dims);
  switch (c.kind) {
    case 'same': tile('same')(a.data, b.data, out); break;
    case 'scalar': tile('scalar')(a.data, b.data, out, c.aIsScalar); break;
    case 'trailing': tile('trailing')(a.data, b.data, out, c.outer, c.mid, c.inner, c.aIsSmall); break;
    case 'strided': tile('strided')(a.data, b.data, out, c.dims, c.sa, c.sb); break;
  }
  return new Tensor(a.type, out, dims);
}

function binaryKernel(op: string, dtype: string, variant: string, tile: (t: string) => Fn): KernelConfig {
  return kernel(op, dtype, variant, (ctx, inputs, attrs) => {
    const a = inputs[0] as Tensor;
    let b = inputs[1] as Tensor;
    // Pow's exponent may have another type (T1); the generated loop reads both as `dtype`.
    if (b.type !== a.type) return delegate(ctx, inputs, attrs);
    // Opsets before 7: B aligned to A at `axis` (legacyAlign is the spec's own rule).
    if (ctx.version < 7) b = b.reshape(legacyAlign(a.dims.length, b.dims, { attrs: attrs as Record<string, unknown> }) as number[]);
    // Each case reads a[i]/b[i] of an operand at the output's shape before writing out[i]: in place over it is safe.
    const storage = (n: number) => (n === a.size ? outputStorageInPlace(ctx, 0, a.type, n) : n === b.size ? outputStorageInPlace(ctx, 1, a.type, n)
      : outputStorage(ctx, a.type, n)) as Floats;
    return [runBinary(dtype, tile, a, b, storage)];
  });
}

function variadicKernel(op: string, dtype: string, variant: string, tile: (t: string) => Fn): KernelConfig {
  return kernel(op, dtype, variant, (ctx, inputs, attrs) => {
    const ts = inputs as Tensor[];
    if (ts.some((t) => t.type !== dtype)) return delegate(ctx, inputs, attrs);
    if (ts.length === 1) return [new Tensor(ts[0].type, ts[0].data.slice() as Floats, ts[0].dims)];
    let acc = ts[0];
    for (let i = 1; i < ts.length; i++) acc = runBinary(dtype, tile, acc, ts[i]);
    return [acc];
  });
}

// ---------------------------------------------------------------------------------------------
// Fused activations

type Epilogue = (y: Floats, dtype: string, activation: string, params: readonly number[]) => void;

/**
 * Applies a fused activation in place with the generated unary kernels (the ai.onnx specs' scalar
 * math); Clip and SiLU follow how the reference composes them (bounds rounded to the dtype;
 * x · Sigmoid(x) with the sigmoid rounded first).
 */
function activationEpilogue(fn: (op: string, dtype: string, tile: string) => Fn): Epilogue {
  return (y, dtype, activation, params) => {
    switch (activation) {
      case '': return;
      case 'Relu': case 'Sigmoid': case 'Tanh': return fn(activation, dtype, 'flat')(y, y, {});
      case 'Gelu': return fn('Gelu', dtype, 'flat')(y, y, { approximate: 'none' });
      case 'HardSigmoid': return fn('HardSigmoid', dtype, 'flat')(y, y, { alpha: params[0], beta: params[1] });
      case 'LeakyRelu': return fn('LeakyRelu', dtype, 'flat')(y, y, { alpha: params[0] });
      case 'SiLU': {
        const s = alloc(dtype, y.length);
        fn('Sigmoid', dtype, 'flat')(y, s, {});
        return fn('Mul', dtype, 'same')(y, s, y);
      }
      case 'Clip': {
        const round = dtype === 'float32' ? Math.fround : (v: number) => v;
        const lo = params[0] !== undefined && Number.isFinite(params[0]) ? round(params[0]) : -Infinity;
        const hi = params[1] !== undefined && Number.isFinite(params[1]) ? round(params[1]) : Infinity;
        if (y instanceof Float32Array) clipF32(y, lo, hi);
        else clipF64(y as Float64Array, lo, hi);
        return;
      }
      default: throw new Error(`cpu: unknown fused activation '${activation}'`);
    }
  };
}

/**
 * y = min(max(y, lo), hi) in place (a fused Clip after FusedMatMul/FusedGemm; every Conv route
 * clamps in its store), one function per array class: one loop over Float32Array |
 * Float64Array makes the element access polymorphic (the float32-only loop note in
 * src/ir/ops/common/elementwise.ts: 530 ms polymorphic vs 48 ms monomorphic). Comparisons are
 * false for NaN, so NaN passes through, as in the Clip spec.
 */
function clipF32(y: Float32Array, lo: number, hi: number): void {
  for (let i = 0; i < y.length; i++) { let v = y[i]; if (v < lo) v = lo; if (v > hi) v = hi; y[i] = v; }
}
function clipF64(y: Float64Array, lo: number, hi: number): void {
  for (let i = 0; i < y.length; i++) { let v = y[i]; if (v < lo) v = lo; if (v > hi) v = hi; y[i] = v; }
}

// ---------------------------------------------------------------------------------------------
// GEMM: MatMul, Gemm, FusedMatMul, FusedGemm

/**
 * Packed panels, `side` A: rows = `rows`, inner = `inner`; side B: the other way round (see the
 * packa/packb docs). Constant weights are packed once per weight array and layout (initializers
 * are the same objects on every run, so this saves a pass over every weight matrix per inference).
 */
function packed(g: GemmFns, side: 'A' | 'B', src: Floats, off: number, rows: number, inner: number, rs: number, cs: number, constant: boolean): Panels {
  // A: rows = M, inner = K; B: rows = K, inner = N.
  const size = side === 'A' ? aPanelsSize(rows, inner) : bPanelsSize(rows, inner);
  const pack = (out: Panels) => {
    if (side === 'A') packRows(g, src, off, rows, inner, rs, cs, out);
    else g.packB(src, off, rows, inner, rs, cs, out, 0);
    return out;
  };
  // Packing writes every element, padding included, so a reused scratch buffer is fine.
  if (constant) return cachedFor(src, `${side}:${off}:${rows}:${inner}:${rs}:${cs}`, () => pack(newPanels(size)));
  return pack(panelScratch(`pack${side}`, size));
}

let zeros = new Float64Array(64);
/** A zero row bias for `rows` rows (shared and never written). */
function noBias(rows: number): Float64Array {
  if (zeros.length < rows) zeros = new Float64Array(Math.max(rows, 2 * zeros.length));
  return zeros;
}

/**
 * The [lo, hi] a fused activation clamps to when the GEMM can apply it in its store (Relu, Clip;
 * Clip's bounds rounded to the dtype, as the reference composes it), or undefined for the others.
 */
function clampOf(activation: string, params: readonly number[] | undefined, dtype: string): [number, number] | undefined {
  if (activation === 'Relu') return [0, Infinity];
  if (activation !== 'Clip') return undefined;
  const round = dtype === 'float32' ? Math.fround : (v: number) => v;
  const lo = params?.[0] !== undefined && Number.isFinite(params[0]) ? round(params[0]) : -Infinity;
  const hi = params?.[1] !== undefined && Number.isFinite(params[1]) ? round(params[1]) : Infinity;
  return [lo, hi];
}

const isInitializer = (ctx: KernelContext, i: number) => ctx.graph.initializers.has(ctx.node.inputs[i]);

/**
 * Storage for a node's output from the session's buffer pool (recycled across nodes and runs, where
 * `alloc` makes a new array every run). Only for arrays the kernel returns as an output and writes
 * whole: the pool hands out old contents.
 */
const pooled = (ctx: KernelContext, dtype: string) => (n: number) => outputStorage(ctx, dtype as DType, n) as Floats;

/** Whether `t` is one row of N values ([N] or [1, N]: a Linear layer's bias), which every output row can start from. */
const isBiasRow = (t: Tensor, N: number) => t.size === N && t.dims[t.dims.length - 1] === N;

/** Copies `row` into each of the `size / row.length` rows of `out`: the GEMM then adds A·B in its store. */
function fillRows(out: Floats, row: Floats, size: number): void {
  for (let r = 0; row.length > 0 && r < size; r += row.length) out.set(row, r);
}

/**
 * A·B with numpy's broadcasting. `storage` makes the output array (a pooled one for a node's
 * output; fresh for a composite kernel's intermediates). With `bias` (N values), every row of the
 * result starts from it and the GEMM adds A·B in its store: one rounding of bias + A·B, where the
 * reference's MatMul then Add round twice (within an ulp of each other).
 */
function matmul(g: GemmFns, dtype: string, ctx: KernelContext, a: Tensor, b: Tensor, storage?: (n: number) => Floats, bias?: Floats): Tensor {
  const outDims = matmulDims(a.dims, b.dims) as number[];
  const aDims = a.dims.length === 1 ? [1, a.dims[0]] : [...a.dims];
  const bDims = b.dims.length === 1 ? [b.dims[0], 1] : [...b.dims];
  const M = aDims[aDims.length - 2], K = aDims[aDims.length - 1], N = bDims[bDims.length - 1];
  const size = prod(outDims);
  const out = storage ? storage(size) : alloc(dtype, size);
  if (bias) fillRows(out, bias, size);
  const av = a.data as Floats, bv = b.data as Floats;
  const constA = isInitializer(ctx, 0), constB = isInitializer(ctx, 1);
  if (bDims.length === 2) {
    // One B for every batch: A's batches are rows of one taller matrix.
    const rows = prod(aDims) / K;
    const ap = packed(g, 'A', av, 0, rows, K, K, 1, constA);
    multiply(g, rows, N, K, ap, 0, packed(g, 'B', bv, 0, K, N, N, 1, constB), 0, out, 0, N, !!bias, noBias(rows));
    return new Tensor(a.type, out, outDims);
  }
  const batch = broadcastShapes(aDims.slice(0, -2), bDims.slice(0, -2));
  const aIdx = broadcastIndex(aDims.slice(0, -2), batch), bIdx = broadcastIndex(bDims.slice(0, -2), batch);
  for (let p = 0; p < aIdx.length; p++) {
    const ap = packed(g, 'A', av, aIdx[p] * M * K, M, K, K, 1, constA);
    const bp = packed(g, 'B', bv, bIdx[p] * K * N, K, N, N, 1, constB);
    multiply(g, M, N, K, ap, 0, bp, 0, out, p * M * N, N, !!bias, noBias(M));
  }
  return new Tensor(a.type, out, outDims);
}

function gemm(g: GemmFns, dtype: string, ctx: KernelContext, inputs: readonly (Value | undefined)[], attrs: Attrs, storage: (n: number) => Floats): Tensor {
  const a = inputs[0] as Tensor, b = inputs[1] as Tensor, c = inputs[2] as Tensor | null | undefined;
  const transA = attrs.transA as number, transB = attrs.transB as number;
  const alpha = attrs.alpha as number, beta = attrs.beta as number;
  const [M, K, N] = gemmShapes(a.dims, b.dims, c?.dims, transA, transB,
    ctx.node.domain === '' && exactC(ctx.version, attrs.broadcast as number | undefined));
  const out = storage(M * N);
  const useC = c && beta !== 0;
  if (useC && alpha === 1) {
    const cv = c.data as Floats;
    if (beta === 1 && isBiasRow(c, N)) fillRows(out, cv, M * N);
    else {
      const idx = broadcastIndex(c.dims, [M, N]);
      for (let p = 0; p < M * N; p++) out[p] = beta * cv[idx[p]];
    }
  }
  const ap = packed(g, 'A', a.data as Floats, 0, M, K, transA ? 1 : K, transA ? M : 1, isInitializer(ctx, 0));
  const bp = packed(g, 'B', b.data as Floats, 0, K, N, transB ? 1 : N, transB ? K : 1, isInitializer(ctx, 1));
  multiply(g, M, N, K, ap, 0, bp, 0, out, 0, N, !!useC && alpha === 1, noBias(M));
  if (alpha !== 1) {
    for (let p = 0; p < M * N; p++) out[p] *= alpha;
    if (useC) {
      const cv = c.data as Floats, idx = broadcastIndex(c.dims, [M, N]);
      for (let p = 0; p < M * N; p++) out[p] += beta * cv[idx[p]];
    }
  }
  return new Tensor(a.type, out, [M, N]);
}

function gemmKernels(dtype: string, label: string, g: GemmFns, epilogue: Epilogue, fn: (op: string, dtype: string, tile: string) => Fn): KernelConfig[] {
  const same = (xs: readonly (Value | undefined)[]) => xs.every((x) => !(x instanceof Tensor) || x.type === dtype);
  const add = (t: string) => fn('Add', dtype, t);
  return [
    kernel('MatMul', dtype, label.replace(/^gemm/, 'matmul'), (ctx, inputs, attrs) => {
      if (!same(inputs)) return delegate(ctx, inputs, attrs);
      return [matmul(g, dtype, ctx, inputs[0] as Tensor, inputs[1] as Tensor, pooled(ctx, dtype))];
    }),
    kernel('Gemm', dtype, label, (ctx, inputs, attrs) => {
      if (!same(inputs)) return delegate(ctx, inputs, attrs);
      return [gemm(g, dtype, ctx, inputs, attrs, pooled(ctx, dtype))];
    }),
    kernel('FusedMatMul', dtype, `fused-${label.replace(/^gemm/, 'matmul')}`, (ctx, inputs, attrs) => {
      if (!same(inputs)) return delegate(ctx, inputs, attrs);
      const a = inputs[0] as Tensor, b = inputs[1] as Tensor, bias = inputs[2] as Tensor | undefined | null;
      const N = b.dims.length === 1 ? 1 : b.dims[b.dims.length - 1];
      // A bias of N values (the fusion's usual Linear bias) enters in the GEMM's store; others add
      // after. The spec has checked that the bias broadcasts into the product, so no rank grows.
      const row = bias && isBiasRow(bias, N);
      let y = matmul(g, dtype, ctx, a, b, pooled(ctx, dtype), row ? bias.data as Floats : undefined);
      // Add reads y[i] before writing it: in place over y's own storage.
      if (bias && !row) y = runBinary(dtype, add, y, bias, (n) => (n === y.size ? y.data as Floats : alloc(dtype, n)));
      epilogue(y.data as Floats, dtype, attrs.activation as string, attrs.activation_params as number[]);
      return [y];
    }, { domain: FUSED_DOMAIN }),
    kernel('FusedGemm', dtype, `fused-${label}`, (ctx, inputs, attrs) => {
      if (!same(inputs)) return delegate(ctx, inputs, attrs);
      const y = gemm(g, dtype, ctx, inputs, attrs, pooled(ctx, dtype));
      epilogue(y.data as Floats, dtype, attrs.activation as string, attrs.activation_params as number[]);
      return [y];
    }, { domain: FUSED_DOMAIN }),
  ];
}

// ---------------------------------------------------------------------------------------------
// Conv, FusedConv

interface WinogradFns {
  input: (x: Floats, xOff: number, C: number, H: number, W: number, ph: number, pw: number, TH: number, TW: number, out: Panels) => void;
  weights: (w: Floats, wOff: number, M: number, C: number, out: Panels) => void;
  output: (m: Float64Array, M: number, TH: number, TW: number, OH: number, OW: number, bias: Floats | undefined, y: Floats, yOff: number, lo: number, hi: number) => void;
}

/**
 * Winograd F(tile×tile, 3×3) for one Conv (tile 2 or 4, the generated `winograd`/`winograd4`
 * kernels): weights transformed once (cached for initializers), then per image the input
 * transform, (tile+2)² float64 GEMMs (one per transform position) and the output transform.
 */
function winogradConv(wf: WinogradFns, tile: number, g64: GemmFns, xv: Floats, xDims: readonly number[], wv: Floats, M: number, bias: Floats | undefined,
  pads: readonly number[], out: Floats, OH: number, OW: number, constW: boolean, lo: number, hi: number): void {
  const [N, C, H, W] = xDims;
  const positions = (tile + 2) * (tile + 2);
  const aSize = aPanelsSize(M, C);
  // Transformed weights per output tile size: once per initializer.
  const transform = () => {
    const u = newPanels(positions * aSize);
    wf.weights(wv, 0, M, C, u);
    return u;
  };
  const U = constW ? cachedFor(wv, `winograd${tile}`, transform) : transform();
  const TH = Math.ceil(OH / tile), TW = Math.ceil(OW / tile), T = TH * TW;
  const bSize = bPanelsSize(C, T);
  // V's padding columns (tiles past T in the last panel) are never written; they only feed GEMM columns that are not stored.
  const V = panelScratch('winogradV', positions * bSize);
  const m = scratch('float64', 'winogradM', positions * M * T) as Float64Array;
  for (let n = 0; n < N; n++) {
    wf.input(xv, n * C * H * W, C, H, W, pads[0], pads[1], TH, TW, V);
    for (let xi = 0; xi < positions; xi++) {
      multiply(g64, M, T, C, U, xi * aSize, V, xi * bSize, m, xi * M * T, T, false, noBias(M));
    }
    wf.output(m, M, TH, TW, OH, OW, bias, out, n * M * OH * OW, lo, hi);
  }
}

function convKernels(dtype: string, label: string, tile: (t: string) => Fn, g: GemmFns, g64: GemmFns, epilogue: Epilogue): KernelConfig[] {
  const im2col = tile('im2col'), depthwise = tile('depthwise');
  const wino = tile('winograd') as unknown as WinogradFns, wino4 = tile('winograd4') as unknown as WinogradFns;
  /**
   * One Conv; `clamp` is a fused activation's [lo, hi] (Relu, Clip). Returns the output and
   * whether it was applied: every route clamps in its store (GEMM, depthwise, Winograd output), so only
   * activations other than Relu/Clip are left to the epilogue.
   */
  const run = (ctx: KernelContext, inputs: readonly (Value | undefined)[], attrs: Attrs, clamp?: readonly [number, number]): [Tensor, boolean] => {
    const x = inputs[0] as Tensor, w = inputs[1] as Tensor, b = inputs[2] as Tensor | null | undefined;
    const group = attrs.group as number;
    const geo = windowGeometry(x.dims.slice(2), (attrs.kernel_shape as number[] | undefined) ?? w.dims.slice(2), attrs);
    const plan = convPlan(x.dims.slice(2), geo);
    const [N, C, M, Cg] = [x.dims[0], x.dims[1], w.dims[0], w.dims[1]];
    const Mg = M / group, inPlane = prod(x.dims.slice(2)), outPlane = prod(geo.out), kSize = prod(geo.kernel);
    const out = pooled(ctx, dtype)(N * M * outPlane);
    const xv = x.data as Floats, wv = w.data as Floats, bv = b ? (b.data as Floats) : undefined;
    let which = convCase(C, M, group, geo.kernel, geo.strides, geo.pads, geo.dilations, geo.out);
    if ((which === 'winograd' || which === 'winograd4') && !(finiteOperand(xv, false) && finiteOperand(wv, isInitializer(ctx, 1)))) {
      which = 'im2col'; // a non-finite value would spread through the transforms (src/kernels/finite.ts)
    }
    const [lo, hi] = clamp ?? [-Infinity, Infinity];
    if (which === 'winograd' || which === 'winograd4') {
      const [wf, t] = which === 'winograd4' ? [wino4, 4] : [wino, 2];
      winogradConv(wf, t, g64, xv, x.dims, wv, M, bv, geo.pads, out, geo.out[0], geo.out[1], isInitializer(ctx, 1), lo, hi);
      return [new Tensor(x.type, out, [N, M, ...geo.out]), clamp !== undefined];
    }
    if (which === 'depthwise') {
      const acc = scratch('float64', 'depthwise', outPlane);
      // The zero-bordered copy of a plane the 3×3 route reads when a window leaves the plane.
      const padded = scratch(dtype, 'padded', ((plan.OH - 1) * plan.sh + 3) * ((plan.OW - 1) * plan.sw + 3));
      for (let n = 0; n < N; n++) {
        for (let c = 0; c < C; c++) depthwise(xv, (n * C + c) * inPlane, wv, c * kSize, bv ? bv[c] : 0, plan, out, (n * M + c) * outPlane, acc, padded, lo, hi);
      }
      return [new Tensor(x.type, out, [N, M, ...geo.out]), clamp !== undefined];
    }
    const K = Cg * kSize;
    // im2col works on blocks of whole output rows (2-D/1-D) so its packed matrix stays in cache.
    const [OD, OH, OW] = [plan.OD, plan.OH, plan.OW];
    const rowsPer = OD === 1 ? Math.max(1, Math.floor(IM2COL_COLUMNS / OW)) : OH;
    const chunk = Math.min(outPlane, rowsPer * OW * OD);
    // GEMM panels (float64 whatever the dtype).
    const cols = which === 'im2col' ? panelScratch('im2col', bPanelsSize(K, chunk)) : undefined;
    const planes = which === '1x1' ? panelScratch('planes', bPanelsSize(K, outPlane)) : undefined;
    const constW = isInitializer(ctx, 1);
    for (let n = 0; n < N; n++) {
      for (let gi = 0; gi < group; gi++) {
        const xOff = (n * C + gi * Cg) * inPlane, oOff = (n * M + gi * Mg) * outPlane;
        // The bias enters in the GEMM's store (each row starts from its bias), not as a fill pass.
        const rowBias = bv ? Float64Array.from(bv.subarray(gi * Mg, (gi + 1) * Mg)) : noBias(Mg);
        const ap = packed(g, 'A', wv, gi * Mg * K, Mg, K, K, 1, constW);
        if (!cols) {
          g.packB(xv, xOff, K, outPlane, inPlane, 1, planes!, 0);
          multiply(g, Mg, outPlane, K, ap, 0, planes!, 0, out, oOff, outPlane, false, rowBias, lo, hi);
          continue;
        }
        for (let oh0 = 0; oh0 < OH; oh0 += rowsPer) {
          const oh1 = Math.min(OH, oh0 + rowsPer);
          const columns = (oh1 - oh0) * OW * OD;
          cols.fill(0, 0, bPanelsSize(K, columns));
          im2col(xv, xOff, Cg, plan, oh0, oh1, cols);
          multiply(g, Mg, columns, K, ap, 0, cols, 0, out, oOff + oh0 * OW, outPlane, false, rowBias, lo, hi);
        }
      }
    }
    return [new Tensor(x.type, out, [N, M, ...geo.out]), clamp !== undefined];
  };
  // Operands that break Conv's rules throw here (the spec's check), before any kernel reads them.
  const fits = (inputs: readonly (Value | undefined)[], attrs: Attrs) => {
    const [x, w, b] = inputs as (Tensor | null | undefined)[];
    checkConvOperands(x!.dims, w!.dims, b?.dims, attrs.group as number, attrs.kernel_shape as number[] | undefined);
    return inputs.every((t) => !(t instanceof Tensor) || t.type === dtype) && x!.dims.length <= 5;
  };
  return [
    kernel('Conv', dtype, label, (ctx, inputs, attrs) => (fits(inputs, attrs) ? [run(ctx, inputs, attrs)[0]] : delegate(ctx, inputs, attrs))),
    kernel('FusedConv', dtype, `fused-${label}`, (ctx, inputs, attrs) => {
      if (!fits(inputs, attrs)) return delegate(ctx, inputs, attrs);
      const activation = attrs.activation as string, params = attrs.activation_params as number[];
      const [y, clamped] = run(ctx, inputs, attrs, clampOf(activation, params, dtype));
      if (!clamped) epilogue(y.data as Floats, dtype, activation, params);
      return [y];
    }, { domain: FUSED_DOMAIN }),
  ];
}

/**
 * ConvTranspose (1-D to 3-D, any group): per image and group, cols = Wᵀ·X with the float64 GEMM
 * (rows: output channel × kernel tap, columns: input pixels; W's packed panels cached as Conv's
 * are), then the generated col2im adds each row into the output where its tap lands. The reference
 * scatters one weight at a time over one input row: unet_tiny's 64→32 2×2 stride-2 layer took
 * 5.8 ms there. Operands the spec rejects go to the reference, which reports them.
 */
function convTransposeKernel(dtype: string, variant: string, col2im: Fn, g: GemmFns, g64: GemmFns): KernelConfig {
  return kernel('ConvTranspose', dtype, variant, (ctx, inputs, attrs) => {
    const x = inputs[0] as Tensor, w = inputs[1] as Tensor, b = inputs[2] as Tensor | null | undefined;
    const group = (attrs.group as number | undefined) ?? 1;
    const kernel = (attrs.kernel_shape as number[] | undefined) ?? w.dims.slice(2);
    if (x.dims.length > 5 || !convTransposeOperandsFit(x.dims, w.dims, b?.size, group, kernel) || [x, w, b].some((t) => t && t.type !== dtype)) {
      return delegate(ctx, inputs, attrs);
    }
    const geo = transposeGeometry(x.dims.slice(2), kernel, attrs);
    const plan = convPlan(x.dims.slice(2), geo);
    const [N, C, Mg] = [x.dims[0], x.dims[1], w.dims[1]];
    const M = Mg * group, Cg = C / group;
    const inPlane = prod(x.dims.slice(2)), outPlane = prod(geo.out), kSize = prod(geo.kernel);
    const out = pooled(ctx, dtype)(N * M * outPlane);
    const rows = Mg * kSize;
    const cols = scratch('float64', 'col2im', rows * inPlane) as Float64Array;
    const acc = scratch('float64', 'col2im-plane', outPlane) as Float64Array;
    const bias = b ? Float64Array.from(b.data as Floats) : noBias(M);
    const xv = x.data as Floats, wv = w.data as Floats, constW = isInitializer(ctx, 1);
    for (let n = 0; n < N; n++) {
      for (let gi = 0; gi < group; gi++) {
        // Wᵀ of group gi: row (m, tap) and column c is W[gi·Cg + c, m, tap].
        const ap = packed(g, 'A', wv, gi * Cg * rows, rows, Cg, 1, rows, constW);
        const bp = packed(g, 'B', xv, (n * C + gi * Cg) * inPlane, Cg, inPlane, inPlane, 1, false);
        multiply(g64, rows, inPlane, Cg, ap, 0, bp, 0, cols, 0, inPlane, false, noBias(rows));
        col2im(cols, acc, out, (n * M + gi * Mg) * outPlane, Mg, plan, bias, gi * Mg);
      }
    }
    return [new Tensor(x.type, out, [N, M, ...geo.out])];
  });
}

// ---------------------------------------------------------------------------------------------
// Softmax, normalization, reductions

function softmaxKernel(op: string, dtype: string, variant: string, tile: (t: string) => Fn): KernelConfig {
  return kernel(op, dtype, variant, (ctx, inputs, attrs) => {
    const x = inputs[0] as Tensor;
    const dims = x.dims;
    const axis = normalizeAxis(attrs.axis as number, Math.max(dims.length, 1));
    // Before opset 13 the input is coerced to 2-D at `axis` (see the spec).
    const outer = prod(dims.slice(0, axis));
    const len = ctx.version < 13 ? prod(dims.slice(axis)) : dims[axis] ?? 1;
    const inner = ctx.version < 13 ? 1 : prod(dims.slice(axis + 1));
    const y = pooled(ctx, dtype)(x.size);
    const tmp = new Float64Array(len);
    if (softmaxCase(inner) === 'lastaxis') tile('lastaxis')(x.data, y, outer, len, tmp);
    else tile('strided')(x.data, y, outer, len, inner, tmp);
    return [new Tensor(x.type, y, dims)];
  });
}

function layerNormKernels(dtype: string, label: string, f: Fn): KernelConfig[] {
  const run = (ctx: KernelContext, inputs: readonly (Value | undefined)[], attrs: Attrs): Value[] | Promise<Value[]> => {
    const [x, scale, bias] = inputs as [Tensor, Tensor, Tensor | undefined | null];
    const axis = normalizeAxis(attrs.axis as number, x.dims.length);
    const norm = prod(x.dims.slice(axis));
    // Scale and B covering exactly the normalized dims is what models have; other broadcasts go to the reference.
    const fits = (t: Tensor | undefined | null) => !t || (t.type === dtype && isRowParam(t.dims, x.dims, axis));
    if (!fits(scale) || !fits(bias) || norm === 0) return delegate(ctx, inputs, attrs);
    const y = pooled(ctx, dtype)(x.size);
    f(x.data, scale.data, bias ? bias.data : undefined, y, x.size / norm, norm, attrs.epsilon as number);
    return [new Tensor(x.type, y, x.dims)];
  };
  const onlyY = { supports: (node: Node) => outputsAsked(node) <= 1 };
  return [
    kernel('LayerNormalization', dtype, label, run, onlyY),
    kernel('LayerNormalization', dtype, label, run, { ...onlyY, domain: FUSED_DOMAIN }),
  ];
}

function batchNormKernel(dtype: string, variant: string, f: Fn): KernelConfig {
  return kernel('BatchNormalization', dtype, variant, (ctx, inputs, attrs) => {
    const [x, scale, bias, mean, variance] = inputs as Tensor[];
    if ([scale, bias, mean, variance].some((t) => t.type !== dtype)) return delegate(ctx, inputs, attrs);
    const n = x.dims[0];
    const c = x.dims.length < 2 ? 1 : x.dims[1];
    checkBatchNormStats(x.dims, c, [scale, bias, mean, variance]);
    const y = pooled(ctx, dtype)(x.size);
    f(x.data, scale.data, bias.data, mean.data, variance.data, y, n, c, x.size / Math.max(n * c, 1), attrs.epsilon as number);
    return [new Tensor(x.type, y, x.dims)];
  }, {
    // Inference only: training mode (is_test=0 before opset 7, extra outputs 7-13, training_mode
    // from 14) and per-element statistics (spatial=0 before opset 9) stay on the reference.
    supports: (node, attrs) => outputsAsked(node) <= 1 && attrs.is_test !== 0 && !attrs.training_mode && attrs.spatial !== 0,
  });
}

/** The version from which `axes` is an input (ReduceSum 13, the others 18), as in reduce-ops.ts. */
const AXES_INPUT_SINCE: Record<string, number> = { ReduceSum: 13, ReduceMean: 18, ReduceMax: 18 };

function reduceKernel(op: string, dtype: string, variant: string, tile: (t: string) => Fn): KernelConfig {
  return kernel(op, dtype, variant, (ctx, inputs, attrs) => {
    const x = inputs[0] as Tensor;
    const axesInput = inputs[1] as Tensor | undefined | null;
    const rank = x.dims.length;
    let axes: number[];
    if (ctx.version < AXES_INPUT_SINCE[op]) {
      const a = attrs.axes as number[] | undefined;
      axes = a?.length ? normalizeAxes(a, rank) : x.dims.map((_, i) => i);
    } else if (axesInput && axesInput.size > 0) {
      axes = normalizeAxes(Array.from(axesInput.data as BigInt64Array, Number), rank);
    } else {
      axes = attrs.noop_with_empty_axes ? [] : x.dims.map((_, i) => i);
    }
    const outDims = reducedDims(x.dims, axes, attrs.keepdims !== 0);
    const y = alloc(dtype, prod(outDims));
    if (axes.length === 0) { y.set(x.data as Floats); return [new Tensor(x.type, y, outDims)]; }
    const c = reduceCase(x.dims, axes);
    if (c.kind === 'lastaxis') tile('lastaxis')(x.data, y, c.outer, c.len);
    else if (c.kind === 'middle') tile('middle')(x.data, y, c.outer, c.len, c.inner, new Float64Array(c.inner));
    else {
      const sorted = [...axes].sort((p, q) => p - q);
      const kept = x.dims.map((_, i) => i).filter((i) => !sorted.includes(i));
      tile('general')(x.data, y, axisOffsets(x.dims, kept), axisOffsets(x.dims, sorted));
    }
    return [new Tensor(x.type, y, outDims)];
  });
}

// ---------------------------------------------------------------------------------------------
// Pools, layout, indexing

function poolKernel(op: string, dtype: string, variant: string, f: Fn): KernelConfig {
  if (op === 'GlobalAveragePool' || op === 'GlobalMaxPool') {
    return kernel(op, dtype, variant, (ctx, inputs) => {
      const x = inputs[0] as Tensor;
      const planes = x.dims[0] * x.dims[1];
      const y = pooled(ctx, dtype)(planes);
      f(x.data, y, planes, x.size / Math.max(planes, 1));
      return [new Tensor(x.type, y, [x.dims[0], x.dims[1], ...x.dims.slice(2).map(() => 1)])];
    });
  }
  return kernel(op, dtype, variant, (ctx, inputs, attrs) => {
    const x = inputs[0] as Tensor;
    const geo = windowGeometry(x.dims.slice(2), attrs.kernel_shape as number[], attrs);
    const plan = convPlan(x.dims.slice(2), geo);
    const planes = x.dims[0] * x.dims[1];
    const y = pooled(ctx, dtype)(planes * prod(geo.out));
    if (op === 'MaxPool') f(x.data, y, planes, plan);
    else f(x.data, y, planes, plan, !!attrs.count_include_pad);
    return [new Tensor(x.type, y, [x.dims[0], x.dims[1], ...geo.out])];
  }, {
    // 2-D windows only (4-D X), and MaxPool without the Indices output.
    supports: (node, attrs) => (attrs.kernel_shape as number[] | undefined)?.length === 2 && outputsAsked(node) <= 1,
  });
}

function transposeKernel(dtype: string, variant: string, tile: (t: string) => Fn): KernelConfig {
  return kernel('Transpose', dtype, variant, (ctx, inputs, attrs) => {
    const x = inputs[0] as Tensor;
    const perm = resolvePerm(attrs.perm as number[] | undefined, x.dims.length);
    const outDims = perm.map((p) => x.dims[p]);
    const c = transposeCase(x.dims, perm);
    const y = pooled(ctx, dtype)(x.size);
    if (c.kind === 'copy') y.set(x.data as Floats);
    else if (c.kind === 'swap2d') tile('swap2d')(x.data, y, c.batch, c.R, c.C);
    else tile('general')(x.data, y, c.dims, c.strides);
    return [new Tensor(x.type, y, outDims)];
  });
}

function gatherKernel(dtype: string, variant: string, f: Fn): KernelConfig {
  return kernel('Gather', dtype, variant, (ctx, inputs, attrs) => {
    const data = inputs[0] as Tensor, indices = inputs[1] as Tensor;
    const axis = normalizeAxis(attrs.axis as number, data.dims.length);
    const axisDim = data.dims[axis];
    const idx = Int32Array.from(indexValues(indices), (v) => wrapIndex(v, axisDim, 'Gather'));
    const dims = [...data.dims.slice(0, axis), ...indices.dims, ...data.dims.slice(axis + 1)];
    // The template writes every output element.
    const out = outputStorage(ctx, data.type, prod(dims)) as Floats;
    f(data.data, idx, out, prod(data.dims.slice(0, axis)), axisDim, prod(data.dims.slice(axis + 1)));
    return [new Tensor(data.type, out, dims)];
  });
}

/**
 * Slice with at most one axis cut (the others whole): data viewed as [outer, axisDim, inner] on that
 * axis, copied as `outer` runs at step 1 (the slice template) or gathered at the slice's indices at
 * other steps (the gather template). Slices that cut several axes go to the reference kernel.
 */
function sliceKernel(dtype: string, variant: string, runs: Fn, gather: Fn): KernelConfig {
  return kernel('Slice', dtype, variant, (ctx, inputs, attrs) => {
    const data = inputs[0] as Tensor;
    const per = axisSlices(inputs, attrs, ctx.version);
    const cut = per.flatMap((p, a) => (p.first === 0 && p.count === data.dims[a] && p.step === 1 ? [] : [a]));
    if (cut.length > 1 || data.dims.length === 0) return delegate(ctx, inputs, attrs);
    const dims = per.map((p) => p.count);
    // Both templates write every output element.
    const out = outputStorage(ctx, data.type, prod(dims)) as Floats;
    const axis = cut[0] ?? 0, { first, count, step } = per[axis];
    const outer = prod(data.dims.slice(0, axis)), axisDim = data.dims[axis], inner = prod(data.dims.slice(axis + 1));
    if (step === 1) runs(data.data, out, outer, axisDim * inner, first * inner, count * inner);
    else gather(data.data, Int32Array.from({ length: count }, (_, j) => first + j * step), out, outer, axisDim, inner);
    return [new Tensor(data.type, out, dims)];
  });
}

// ---------------------------------------------------------------------------------------------
// Fused composites: the com.onnx-ts ops whose specs compose other specs, composed here from the
// same generated kernels in the same order (so rounding matches the reference's composition).

function compositeKernels(dtype: string, fn: (op: string, dtype: string, tile: string) => Fn): KernelConfig[] {
  const g = fn('Gemm', dtype, GEMM_TILE) as unknown as GemmFns;
  const add = (t: string) => fn('Add', dtype, t), mul = (t: string) => fn('Mul', dtype, t);
  const softmax = fn('Softmax', dtype, 'lastaxis'), layerNorm = fn('LayerNormalization', dtype, 'lastaxis');
  const tagged = `-${tag(dtype)}-composite-ts`;
  const allOfType = (xs: readonly (Value | undefined)[]) => xs.every((x) => !(x instanceof Tensor) || x.type === dtype);
  return [
    kernel('FusedAttention', dtype, `fused-attention${tagged}`, (ctx, inputs, attrs) => {
      if (!allOfType(inputs)) return delegate(ctx, inputs, attrs);
      const [q, k, v, mask] = inputs as (Tensor | undefined)[];
      const scale = attrs.scale as number, heads = (attrs.num_heads as number | undefined) ?? 0;
      const attend = (qh: Tensor, kh: Tensor, vh: Tensor): Tensor => {
        let s = matmul(g, dtype, ctx, qh, kh);
        // The reference multiplies by a scalar tensor of the input's type: the scale rounded to it.
        if (scale !== 1) s = runBinary(dtype, mul, s, new Tensor(s.type, alloc(dtype, 1).fill(scale), []));
        if (mask) s = runBinary(dtype, add, s, mask);
        const len = s.dims[s.dims.length - 1] ?? 1;
        const p = alloc(dtype, s.size);
        softmax(s.data, p, s.size / Math.max(len, 1), len, new Float64Array(len));
        // The probabilities are an intermediate: never an initializer, so nothing is cached for them.
        return matmul(g, dtype, ctx, new Tensor(s.type, p, s.dims), vh);
      };
      if (!(heads > 0)) return [attend(q!, k!, v!)];
      return [headsInPlace(g, dtype, softmax, ctx, q!, k, v, mask, scale, heads)];
    }, { domain: FUSED_DOMAIN }),
    kernel('SkipLayerNormalization', dtype, `skip-layer-normalization${tagged}`, (ctx, inputs, attrs) => {
      const [input, skip, gamma, beta] = inputs as [Tensor, Tensor, Tensor, Tensor | undefined | null];
      const axis = normalizeAxis(attrs.axis as number, input.dims.length);
      const norm = prod(input.dims.slice(axis));
      const fits = (t: Tensor | undefined | null) => !t || (t.type === dtype && isRowParam(t.dims, input.dims, axis));
      if (!allOfType(inputs) || !fits(gamma) || !fits(beta) || norm === 0) return delegate(ctx, inputs, attrs);
      const sum = runBinary(dtype, add, input, skip);
      const y = alloc(dtype, sum.size);
      layerNorm(sum.data, gamma.data, beta ? beta.data : undefined, y, sum.size / norm, norm, attrs.epsilon as number);
      const out = new Tensor(sum.type, y, sum.dims);
      return ctx.outputCount > 1 ? [out, sum] : [out];
    }, { domain: FUSED_DOMAIN }),
  ];
}

/**
 * FusedAttention with num_heads > 0 on its sequence-first operands as they are ([S, B, H·D], or Q
 * the packed [S, B, 3·H·D]): per batch row and head, the GEMM's packing reads the head's columns of
 * Q, K (transposed) and V through strides, and the head's output lands in its columns of Y. The
 * steps and roundings are the spec's (scores, × scale, + mask, softmax, · V), without the five
 * transposes, the packed-input slices and their copies of the heads-first chain (tinybert's
 * [16,1,384] packed attention, two layers, per-node profile: 0.56–0.66 → 0.43–0.54 ms).
 */
function headsInPlace(g: GemmFns, dtype: string, softmax: Fn, ctx: KernelContext, q: Tensor, k: Tensor | undefined, v: Tensor | undefined,
  mask: Tensor | undefined, scale: number, heads: number): Tensor {
  const [S, B, eq] = q.dims;
  // Packed: Q, K and V are thirds of one row (offsets 0, E, 2E; row stride 3E); else three tensors.
  const E = k ? eq : eq / 3, Ev = v ? v.dims[2] : E, Sk = k ? k.dims[0] : S;
  const [qv, kv, vv] = [q, k ?? q, v ?? q].map((t) => t.data as Floats);
  const [qOff, kOff, vOff] = k ? [0, 0, 0] : [0, E, 2 * E];
  // Element (s, b, c) of a [S, B, width] operand is at s·B·width + b·width + c.
  const [qWidth, kWidth, vWidth] = k ? [eq, k.dims[2], Ev] : [eq, eq, eq];
  const D = E / heads, Dv = Ev / heads;
  const out = pooled(ctx, dtype)(S * B * Ev);
  const scores = scratch(dtype, 'attentionScores', S * Sk) as Floats, probs = scratch(dtype, 'attentionProbs', S * Sk) as Floats;
  // The reference multiplies by a scalar tensor of the input's type: the scale rounded to it.
  const scaleT = dtype === 'float32' ? Math.fround(scale) : scale;
  // The mask is read through its broadcast strides over the scores [B·H, S, S_kv] (no index table,
  // which would be B·H·S·S_kv entries per call).
  const maskV = mask?.data as Floats | undefined;
  const [m0, m1, m2] = mask ? broadcastStrides(mask.dims, [B * heads, S, Sk]) : [0, 0, 0];
  const tmp = new Float64Array(Sk);
  for (let b = 0; b < B; b++) {
    for (let h = 0; h < heads; h++) {
      // scores[i][j] = Q[i, b, h·D + d] · K[j, b, h·D + d] summed over d.
      const ap = packed(g, 'A', qv, qOff + b * qWidth + h * D, S, D, B * qWidth, 1, false);
      const bp = packed(g, 'B', kv, kOff + b * kWidth + h * D, D, Sk, 1, B * kWidth, false);
      multiply(g, S, Sk, D, ap, 0, bp, 0, scores, 0, Sk, false, noBias(S));
      // Each step stores into the dtype's array, so it rounds where the reference's Mul and Add do.
      if (scale !== 1) for (let i = 0; i < S * Sk; i++) scores[i] *= scaleT;
      if (maskV) {
        for (let i = 0, base = (b * heads + h) * m0; i < S; i++) {
          for (let j = 0; j < Sk; j++) scores[i * Sk + j] += maskV[base + i * m1 + j * m2];
        }
      }
      softmax(scores, probs, S, Sk, tmp);
      // out[i, b, h·Dv + d] = probs[i] · V[:, b, h·Dv + d].
      const pp = packed(g, 'A', probs, 0, S, Sk, Sk, 1, false);
      const vp = packed(g, 'B', vv, vOff + b * vWidth + h * Dv, Sk, Dv, B * vWidth, 1, false);
      multiply(g, S, Dv, Sk, pp, 0, vp, 0, out, b * Ev + h * Dv, B * Ev, false, noBias(S));
    }
  }
  return new Tensor(q.type, out, [S, B, Ev]);
}

/**
 * Whole factors of a nearest Resize on the last two axes, when the source index is exactly
 * floor(i / s): asymmetric coordinates with floor rounding (i/s = q + r/s, 0 ≤ r/s < 1), or the
 * half-pixel family with round-to-nearest (x = q + (r − (s−1)/2)/s, whose fraction stays strictly
 * inside (−½, ½), so no tie is ever rounded). Undefined for anything else.
 */
function nearestFactors(ctx: KernelContext, inputs: readonly (Value | undefined)[], attrs: Attrs): [number, number] | undefined {
  const x = inputs[0] as Tensor;
  const rank = x.dims.length;
  if (rank < 2 || attrs.mode !== 'nearest' || (attrs.axes as number[] | undefined)?.length) return undefined;
  const v10 = ctx.version < 11;
  const ctm = v10 ? 'asymmetric' : (attrs.coordinate_transformation_mode as string);
  const rounding = v10 ? 'floor' : (attrs.nearest_mode as string);
  const halfPixel = ctm === 'half_pixel' || ctm === 'pytorch_half_pixel' || ctm === 'half_pixel_symmetric';
  if (!(ctm === 'asymmetric' && rounding === 'floor') && !(halfPixel && rounding.startsWith('round_prefer'))) return undefined;
  const scalesT = (v10 ? inputs[1] : inputs[2]) as Tensor | null | undefined;
  const sizesT = v10 ? undefined : (inputs[3] as Tensor | null | undefined);
  let out: number[];
  if (sizesT && sizesT.size > 0) {
    if (attrs.keep_aspect_ratio_policy !== undefined && attrs.keep_aspect_ratio_policy !== 'stretch') return undefined;
    out = Array.from(sizesT.data as BigInt64Array, Number);
  } else if (scalesT && scalesT.size > 0) {
    out = Array.from(scalesT.data as Float32Array, (s, i) => Math.floor(x.dims[i] * s));
  } else return undefined;
  if (out.length !== rank) return undefined;
  for (let i = 0; i < rank - 2; i++) if (out[i] !== x.dims[i]) return undefined;
  const [H, W] = x.dims.slice(-2), [OH, OW] = out.slice(-2);
  if (H === 0 || W === 0 || OH % H !== 0 || OW % W !== 0 || OH === 0 || OW === 0) return undefined;
  // With sizes, pytorch_half_pixel and friends use scale = out / in: whole factors here.
  return [OH / H, OW / W];
}

/**
 * Resize: nearest by whole factors (nearest2d), bilinear on the last two axes (linear2d), the
 * reference for the rest (cubic, nearest by other factors, resized outer axes).
 */
function resizeKernel(dtype: string, variant: string, nearest: Fn, linear: Fn): KernelConfig {
  return kernel('Resize', dtype, variant, (ctx, inputs, attrs) => {
    const x = inputs[0] as Tensor;
    const [H, W] = x.dims.slice(-2);
    const factors = nearestFactors(ctx, inputs, attrs);
    if (factors) {
      const [sh, sw] = factors;
      const dims = [...x.dims.slice(0, -2), H * sh, W * sw];
      const y = pooled(ctx, dtype)(prod(dims));
      nearest(x.data, y, x.size / (H * W), H, W, sh, sw);
      return [new Tensor(x.type, y, dims)];
    }
    const plan = linear2dPlan(ctx, inputs, attrs);
    if (!plan) return delegate(ctx, inputs, attrs);
    const { out, rows, cols } = plan;
    const y = pooled(ctx, dtype)(prod(out));
    // Four blended source rows (float64, as the reference's intermediate), each with its −0 slot.
    const t = scratch('float64', 'resizeRows', 4 * (W + 1)) as Float64Array;
    linear(x.data, y, prod(x.dims.slice(0, -2)), H, W, out[out.length - 2], out[out.length - 1], rows.index, rows.weight, cols.index, cols.weight, t,
      rows.lo, rows.hi, cols.lo, cols.hi, rows.zero, cols.zero, plan.extrapolation);
    return [new Tensor(x.type, y, out)];
  });
}

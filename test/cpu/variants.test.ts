// Every generated cpu variant against the reference kernel. The cases are derived from the variant
// list itself (codegen/cpu/variants.ts): each line gets at least one single-node model whose shapes
// make selection.ts pick exactly that variant, plus edge shapes (remainders of the 4x4 GEMM block,
// size-1 and empty dims). Each case asserts that the node really ran on `cpu` with that variant.
import { describe, expect, it, vi } from 'vitest';
import { CPU_VARIANTS, type Variant, variantName } from '../../codegen/cpu/variants.js';
import type { DType } from '../../src/ir/dtype.js';
import { FUSED_DOMAIN } from '../../src/ir/ops/fused/compose.js';
import { getOpSpec } from '../../src/ir/ops/index.js';
import { Tensor } from '../../src/ir/tensor.js';
import { InferenceSession } from '../../src/runtime/inference-session.js';
import { buildModel, type AttrLite } from '../../src/tools/model-builder.js';
import { compareValues } from '../../src/tools/numeric-compare.js';

interface Case {
  title: string;
  op: string;
  domain?: string;
  opset?: number;
  inputs: (readonly [DType, number[], { init?: boolean; values?: number[]; lo?: number; hi?: number }?] | null)[];
  attrs?: Record<string, AttrLite>;
  /** Substring the variant label of the cpu kernel that ran must contain. */
  tile: string;
  /**
   * Whether the cpu kernel must hand this case to the spec's reference kernel (`delegate`): the
   * variant label is the same either way, so this is what shows the generated loop really ran.
   * Unset: not checked.
   */
  delegates?: boolean;
  /** Compare bit for bit, the sign of zero included (the kernel computes in the reference's order and rounds once). */
  exact?: boolean;
}

/** A deterministic pseudo-random stream (tests must not flake). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32; };
}

function tensor(dtype: DType, dims: number[], r: () => number, o: { values?: number[]; lo?: number; hi?: number } = {}): Tensor {
  const n = dims.reduce((p, q) => p * q, 1);
  const lo = o.lo ?? -2, hi = o.hi ?? 2;
  const vals = o.values ?? Array.from({ length: n }, () => lo + (hi - lo) * r());
  if (dtype === 'int64') return new Tensor('int64', BigInt64Array.from(vals, (v) => BigInt(Math.round(v))), dims);
  return Tensor.fromValues(dtype, dims, vals);
}

async function check(c: Case, dtype: DType) {
  const r = rng(c.title.length * 7919 + dtype.length);
  const names = c.inputs.map((inp, i) => (inp ? `in${i}` : ''));
  const feeds: Record<string, Tensor> = {};
  const initializers: Record<string, Tensor> = {};
  c.inputs.forEach((inp, i) => {
    if (!inp) return;
    const t = tensor(inp[0], inp[1], r, inp[2]);
    if (inp[2]?.init) initializers[names[i]] = t; else feeds[names[i]] = t;
  });
  const model = () => buildModel({
    opset: c.domain ? { '': c.opset ?? 17, [c.domain]: 1 } : (c.opset ?? 17),
    nodes: [{ op: c.op, domain: c.domain, inputs: names, outputs: ['y'], attrs: c.attrs }],
    inputs: Object.entries(feeds).map(([n, t]) => [n, t.type, [...t.dims]] as const),
    outputs: [['y', dtype]],
    initializers,
  });
  const ran: string[] = [];
  const cpu = await InferenceSession.fromModel(model(), { executionProviders: ['cpu'], graphOptimizationLevel: 'disabled' });
  const ref = await InferenceSession.fromModel(model(), { executionProviders: ['reference'], graphOptimizationLevel: 'disabled' });
  const spec = getOpSpec(c.domain ?? '', c.op)!;
  const reference = vi.spyOn(spec, 'reference');
  const got = await cpu.run(feeds, { onNode: (e: { provider: string; variant?: string }) => ran.push(`${e.provider}:${e.variant}`) });
  const delegated = reference.mock.calls.length > 0;
  reference.mockRestore();
  const want = await ref.run(feeds);
  if (c.delegates !== undefined) expect(delegated, delegated ? 'the cpu kernel delegated to the reference' : 'the cpu kernel ran its own loop').toBe(c.delegates);
  expect(ran.length).toBe(1);
  expect(ran[0].startsWith('cpu:'), `ran on ${ran[0]}`).toBe(true);
  expect(ran[0]).toContain(c.tile);
  const res = compareValues(got.y as Tensor, want.y as Tensor, c.exact ? { rtol: 0, atol: 0 } : { rtol: 1e-5, atol: 1e-6 });
  expect(res.ok, res.reason).toBe(true);
  if (c.exact) {
    const [a, b] = [(got.y as Tensor).data as Float32Array, (want.y as Tensor).data as Float32Array];
    const i = b.findIndex((v, k) => !Object.is(v, a[k]));
    expect(i, `at ${i}: ${Object.is(a[i], -0) ? '-0' : a[i]} vs expected ${Object.is(b[i], -0) ? '-0' : b[i]}`).toBe(-1);
  }
}

const f = (dims: number[], o?: { init?: boolean; values?: number[]; lo?: number; hi?: number }) => (d: DType) => [d, dims, o] as const;

/** Inputs are written dtype-free and bound per variant. */
type CaseOf = Omit<Case, 'inputs'> & { inputs: (((d: DType) => readonly [DType, number[], object?]) | null)[] };

const BROADCAST_SHAPES: Record<string, [number[], number[]][]> = {
  same: [[[2, 3, 5], [2, 3, 5]], [[0, 3], [0, 3]]],
  scalar: [[[2, 3, 5], []], [[1], [4, 3]]],
  trailing: [[[2, 3, 5], [5]], [[2, 3, 4, 4], [3, 1, 1]], [[3, 1], [3, 7]]],
  strided: [[[2, 1, 5], [3, 1]], [[2, 3, 1, 4], [1, 3, 5, 1]]],
};

/** Cases that make selection.ts pick `v`. */
function casesFor(v: Variant): CaseOf[] {
  const t = variantName(v);
  switch (v.template) {
    case 'unary': {
      // Domain-restricted functions get inputs in their domain; the rest see negatives, zero and ±2.
      const range = ({ Acosh: { lo: 1, hi: 4 }, Log: { lo: 0.1, hi: 4 }, Sqrt: { lo: 0, hi: 4 }, Asin: { lo: -1, hi: 1 }, Acos: { lo: -1, hi: 1 }, Atanh: { lo: -0.9, hi: 0.9 } } as Record<string, { lo: number; hi: number }>)[v.op];
      const attrs: Record<string, AttrLite> = v.op === 'LeakyRelu' ? { alpha: { float: 0.2 } } : v.op === 'Gelu' ? { approximate: 'tanh' } : {};
      return [
        { title: `${v.op} [${t}] [3,7]`, op: v.op, opset: v.op === 'Swish' ? 24 : 22, inputs: [f([3, 7], range)], attrs, tile: t },
        { title: `${v.op} [${t}] empty`, op: v.op, opset: v.op === 'Swish' ? 24 : 22, inputs: [f([0, 4], range)], tile: t },
      ];
    }
    case 'binary': case 'variadic':
      return BROADCAST_SHAPES[v.broadcast].map(([a, b]) => ({
        title: `${v.op} [${t}] [${a}] x [${b}]`, op: v.op, opset: 14,
        inputs: [f(a, v.op === 'Pow' ? { lo: 0.1, hi: 3 } : undefined), f(b, v.op === 'Div' ? { lo: 0.5, hi: 3 } : undefined)],
        tile: v.broadcast,
      }));
    case 'gemm':
      return [
        { title: `MatMul [${t}] [5,7]x[7,6]`, op: 'MatMul', inputs: [f([5, 7]), f([7, 6])], tile: '2x4' },
        { title: `MatMul [${t}] batched bcast`, op: 'MatMul', inputs: [f([2, 1, 9, 3]), f([3, 3, 2], { init: true })], tile: '2x4' },
        { title: `MatMul [${t}] 1-D`, op: 'MatMul', inputs: [f([6]), f([6])], tile: '2x4' },
        { title: `MatMul [${t}] weights [1,13,300]x[300,5]`, op: 'MatMul', inputs: [f([1, 13, 300]), f([300, 5], { init: true })], tile: '2x4' },
        { title: `Gemm [${t}] transA transB C`, op: 'Gemm', opset: 13, inputs: [f([4, 6]), f([5, 4]), f([5])], attrs: { transA: 1, transB: 1 }, tile: '2x4' },
        { title: `Gemm [${t}] alpha beta`, op: 'Gemm', opset: 13, inputs: [f([3, 4]), f([4, 9], { init: true }), f([3, 1])], attrs: { alpha: { float: 0.5 }, beta: { float: 2 } }, tile: '2x4' },
        { title: `FusedMatMul [${t}] bias Relu`, op: 'FusedMatMul', domain: FUSED_DOMAIN, inputs: [f([2, 5, 8]), f([8, 7]), f([7])], attrs: { activation: 'Relu' }, tile: '2x4' },
        // A bias that is not one row of N values is added after the GEMM, in place.
        { title: `FusedMatMul [${t}] column bias`, op: 'FusedMatMul', domain: FUSED_DOMAIN, inputs: [f([2, 5, 8]), f([8, 7]), f([5, 1])], tile: '2x4' },
        { title: `FusedMatMul [${t}] 1-D A, bias [N]`, op: 'FusedMatMul', domain: FUSED_DOMAIN, inputs: [f([8]), f([8, 7]), f([7])], tile: '2x4' },
        { title: `Gemm [${t}] bias row, and C [M, 1]`, op: 'Gemm', inputs: [f([5, 3]), f([3, 6]), f([1, 6])], tile: '2x4' },
        { title: `Gemm [${t}] C [M, 1] beta 0.5`, op: 'Gemm', inputs: [f([5, 3]), f([3, 6]), f([5, 1])], attrs: { beta: 0.5 }, tile: '2x4' },
        { title: `FusedGemm [${t}] Clip`, op: 'FusedGemm', domain: FUSED_DOMAIN, inputs: [f([5, 3]), f([3, 6]), f([6])], attrs: { activation: 'Clip', activation_params: { floats: [-0.5, 0.5] } }, tile: '2x4' },
        { title: `FusedGemm [${t}] SiLU`, op: 'FusedGemm', domain: FUSED_DOMAIN, inputs: [f([5, 3]), f([3, 6])], attrs: { activation: 'SiLU' }, tile: '2x4' },
      ];
    case 'conv':
      // F(2×2) below WINOGRAD4_MIN_SIDE output rows or columns, F(4×4) from it on (selection.ts).
      if (v.tile === 'winograd') {
        return [
          { title: `Conv [${t}] 3x3 p1 odd sizes`, op: 'Conv', inputs: [f([1, 16, 3, 6]), f([17, 16, 3, 3], { init: true }), f([17])], attrs: { pads: [1, 1, 1, 1] }, tile: 'winograd' },
          { title: `Conv [${t}] 3x3 no pads batch 2`, op: 'Conv', inputs: [f([2, 20, 9, 5]), f([16, 20, 3, 3])], tile: 'winograd' },
          { title: `FusedConv [${t}] Relu SAME_UPPER`, op: 'FusedConv', domain: FUSED_DOMAIN, inputs: [f([1, 16, 4, 4]), f([16, 16, 3, 3]), f([16])], attrs: { activation: 'Relu', auto_pad: 'SAME_UPPER' }, tile: 'winograd' },
        ];
      }
      if (v.tile === 'winograd4') {
        return [
          { title: `Conv [${t}] 3x3 p1 odd sizes`, op: 'Conv', inputs: [f([1, 16, 7, 6]), f([17, 16, 3, 3], { init: true }), f([17])], attrs: { pads: [1, 1, 1, 1] }, tile: 'winograd4' },
          { title: `Conv [${t}] 3x3 no pads batch 2`, op: 'Conv', inputs: [f([2, 20, 11, 14]), f([16, 20, 3, 3])], tile: 'winograd4' },
          { title: `FusedConv [${t}] Relu SAME_UPPER 13x13`, op: 'FusedConv', domain: FUSED_DOMAIN, inputs: [f([1, 16, 13, 13]), f([16, 16, 3, 3]), f([16])], attrs: { activation: 'Relu', auto_pad: 'SAME_UPPER' }, tile: 'winograd4' },
          { title: `Conv [${t}] 3x3 p1 asymmetric pads`, op: 'Conv', inputs: [f([1, 8, 9, 8]), f([9, 8, 3, 3], { init: true })], attrs: { pads: [0, 1, 2, 1] }, tile: 'winograd4' },
        ];
      }
      if (v.tile === 'depthwise') {
        return [
          { title: `Conv [${t}] dw 3x3 s1 p1`, op: 'Conv', inputs: [f([2, 3, 8, 7]), f([3, 1, 3, 3], { init: true }), f([3])], attrs: { group: 3, pads: [1, 1, 1, 1] }, tile: 'depthwise' },
          { title: `Conv [${t}] dw 3x3 s2 dil`, op: 'Conv', inputs: [f([1, 4, 9, 9]), f([4, 1, 3, 3])], attrs: { group: 4, strides: [2, 2], dilations: [2, 1], pads: [0, 1, 2, 1] }, tile: 'depthwise' },
          // The unrolled 3×3 path: interior windows, borders on every side, asymmetric pads, planes smaller than the window.
          { title: `FusedConv [${t}] dw 3x3 s2 asym pads Clip`, op: 'FusedConv', domain: FUSED_DOMAIN, inputs: [f([1, 5, 11, 10]), f([5, 1, 3, 3], { init: true }), f([5])], attrs: { group: 5, strides: [2, 2], pads: [0, 1, 1, 0], activation: 'Clip', activation_params: { floats: [-1, 1] } }, tile: 'depthwise' },
          { title: `Conv [${t}] dw 3x3 s1 p1 plane 2x1`, op: 'Conv', inputs: [f([2, 3, 2, 1]), f([3, 1, 3, 3])], attrs: { group: 3, pads: [1, 1, 1, 1] }, tile: 'depthwise' },
          { title: `Conv [${t}] dw 3x3 s1 p0/2 rows inside, no inside column`, op: 'Conv', inputs: [f([1, 2, 5, 2]), f([2, 1, 3, 3])], attrs: { group: 2, pads: [0, 1, 0, 1] }, tile: 'depthwise' },
          { title: `Conv [${t}] dw 5x5 p2`, op: 'Conv', inputs: [f([1, 2, 7, 6]), f([2, 1, 5, 5]), f([2])], attrs: { group: 2, pads: [2, 2, 2, 2] }, tile: 'depthwise' },
        ];
      }
      return [
        { title: `Conv [${t}] 3x3 p1`, op: 'Conv', inputs: [f([1, 3, 7, 6]), f([5, 3, 3, 3], { init: true }), f([5])], attrs: { pads: [1, 1, 1, 1] }, tile: 'im2col' },
        { title: `Conv [${t}] group=2 s2 SAME_UPPER`, op: 'Conv', inputs: [f([2, 4, 9, 8]), f([6, 2, 3, 2])], attrs: { group: 2, strides: [2, 2], auto_pad: 'SAME_UPPER' }, tile: 'im2col' },
        { title: `Conv [${t}] 40x40 (two row blocks)`, op: 'Conv', inputs: [f([1, 3, 40, 41]), f([5, 3, 3, 3]), f([5])], attrs: { pads: [1, 0, 1, 2] }, tile: 'im2col' },
        { title: `Conv [${t}] 1x1`, op: 'Conv', inputs: [f([1, 6, 5, 5]), f([7, 6, 1, 1])], tile: 'im2col' },
        { title: `Conv [${t}] 1-D`, op: 'Conv', inputs: [f([2, 3, 11]), f([4, 3, 3])], attrs: { dilations: [2] }, tile: 'im2col' },
        { title: `FusedConv [${t}] LeakyRelu`, op: 'FusedConv', domain: FUSED_DOMAIN, inputs: [f([1, 3, 6, 6]), f([4, 3, 3, 3]), f([4])], attrs: { activation: 'LeakyRelu', activation_params: { floats: [0.1] } }, tile: 'im2col' },
        // Relu and Clip are applied in the GEMM's store, after the last K block only (K = 64·9 = 576 spans two blocks).
        { title: `FusedConv [${t}] Relu 1x1 bias`, op: 'FusedConv', domain: FUSED_DOMAIN, inputs: [f([1, 6, 5, 7]), f([9, 6, 1, 1], { init: true }), f([9])], attrs: { activation: 'Relu' }, tile: 'im2col' },
        { title: `FusedConv [${t}] Clip s2 K=576`, op: 'FusedConv', domain: FUSED_DOMAIN, inputs: [f([1, 64, 5, 5], { lo: -0.2, hi: 0.2 }), f([7, 64, 3, 3], { lo: -0.2, hi: 0.2 }), f([7])], attrs: { strides: [2, 2], pads: [1, 1, 1, 1], activation: 'Clip', activation_params: { floats: [-0.25, 0.5] } }, tile: 'im2col' },
      ];
    case 'softmax':
      return v.tile === 'lastaxis'
        ? [{ title: `${v.op} [${t}] axis=-1`, op: v.op, opset: 13, inputs: [f([3, 11])], attrs: { axis: -1 }, tile: 'lastaxis' },
          { title: `${v.op} [${t}] opset 11 coerced`, op: v.op, opset: 11, inputs: [f([2, 3, 4])], attrs: { axis: 1 }, tile: 'lastaxis' }]
        : [{ title: `${v.op} [${t}] axis=1`, op: v.op, opset: 13, inputs: [f([2, 5, 3])], attrs: { axis: 1 }, tile: 'strided' }];
    case 'layernorm':
      return [
        { title: `LayerNormalization [${t}] bias`, op: 'LayerNormalization', inputs: [f([2, 3, 8]), f([8]), f([8])], tile: 'lastaxis' },
        { title: `LayerNormalization [${t}] axis=1 no bias`, op: 'LayerNormalization', inputs: [f([2, 3, 4]), f([3, 4])], attrs: { axis: 1 }, tile: 'lastaxis' },
      ];
    case 'batchnorm':
      return [{ title: `BatchNormalization [${t}]`, op: 'BatchNormalization', opset: 15, inputs: [f([2, 3, 4, 4]), f([3]), f([3]), f([3]), f([3], { lo: 0.5, hi: 2 })], tile: 'channel' }];
    case 'reduce': {
      const shapes: Record<string, [number[], number[]]> = { lastaxis: [[2, 3, 5], [-1]], middle: [[2, 3, 5], [1]], general: [[2, 3, 4, 5], [0, 2]] };
      const [dims, axes] = shapes[v.tile];
      return [
        { title: `${v.op} [${t}] axes=[${axes}]`, op: v.op, opset: 11, inputs: [f(dims)], attrs: { axes, keepdims: 1 }, tile: v.tile },
        { title: `${v.op} [${t}] axes=[${axes}] keepdims=0`, op: v.op, opset: 11, inputs: [f(dims)], attrs: { axes, keepdims: 0 }, tile: v.tile },
      ];
    }
    case 'pool':
      // Planes of 20 and of 13×13 (the average's four running sums, then a remainder of one).
      if (v.tile === 'global') return [{ title: `${v.op} [${t}]`, op: v.op, inputs: [f([2, 3, 5, 4])], tile: 'global' },
        { title: `${v.op} [${t}] 13x13`, op: v.op, inputs: [f([1, 3, 13, 13])], tile: 'global' }];
      return [
        { title: `${v.op} [${t}] 3x3 s2 p1`, op: v.op, inputs: [f([1, 2, 9, 9])], attrs: { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1] }, tile: '2d' },
        { title: `${v.op} [${t}] ceil_mode`, op: v.op, inputs: [f([1, 2, 8, 7])], attrs: { kernel_shape: [3, 2], strides: [2, 2], ceil_mode: 1, ...(v.op === 'AveragePool' ? { count_include_pad: 1, pads: [1, 0, 1, 1] } : {}) }, tile: '2d' },
        // MaxPool's unrolled 3×3 windows inside the plane, next to border and ceil_mode windows.
        { title: `${v.op} [${t}] 3x3 s2 ceil_mode asym pads`, op: v.op, inputs: [f([2, 3, 12, 11])], attrs: { kernel_shape: [3, 3], strides: [2, 2], pads: [0, 1, 1, 0], ceil_mode: 1 }, tile: '2d' },
        { title: `${v.op} [${t}] 3x3 s1 NaN`, op: v.op, inputs: [f([1, 1, 4, 5], { values: [NaN, 1, 2, 3, 4, 5, NaN, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, NaN] })], attrs: { kernel_shape: [3, 3] }, tile: '2d' },
        // The branch-free 3×3 windows, bit for bit: ±0 ties keep the first zero, a NaN first tap wins,
        // a NaN first in row 1 or 2 does not, and equal maxima in two rows keep the upper one.
        ...(v.op === 'MaxPool' ? [{
          title: `MaxPool [${t}] 3x3 s1 ±0, NaN, ties (exact)`, op: v.op, tile: '2d', exact: true, attrs: { kernel_shape: [3, 3] },
          inputs: [f([1, 1, 5, 5], { values: [-0, 0, -1, NaN, 2, 0, -0, -0, 3, 3, NaN, -0, 0, 1, 3, -5, -4, -0, NaN, -2, -1, -1, -1, -1, -1] })],
        }] : []),
      ];
    case 'transpose':
      return v.tile === 'swap2d'
        ? [{ title: `Transpose [${t}] [2,3,17]`, op: 'Transpose', inputs: [f([2, 3, 17])], attrs: { perm: [0, 2, 1] }, tile: 'swap2d' },
          { title: `Transpose [${t}] 2-D`, op: 'Transpose', inputs: [f([20, 33])], tile: 'swap2d' }]
        : [{ title: `Transpose [${t}] [2,3,4,5] perm`, op: 'Transpose', inputs: [f([2, 3, 4, 5])], attrs: { perm: [2, 0, 3, 1] }, tile: 'general' },
          // The last axis kept last, rows long enough to go by set().
          { title: `Transpose [${t}] [3,2,4,20] rows`, op: 'Transpose', inputs: [f([3, 2, 4, 20])], attrs: { perm: [0, 2, 1, 3] }, tile: 'general' }];
    case 'resize': {
      const floats = (values: number[]) => (() => ['float32', [values.length], { init: true, values }]) as never;
      const sizes = (values: number[]) => (() => ['int64', [values.length], { init: true, values }]) as never;
      if (v.tile === 'nearest2d') {
        return [
          { title: `Resize [${t}] asymmetric floor x2,x3`, op: 'Resize', opset: 13, tile: 'nearest2d', delegates: false,
            inputs: [f([1, 2, 3, 4]), null, floats([1, 1, 2, 3])],
            attrs: { mode: 'nearest', coordinate_transformation_mode: 'asymmetric', nearest_mode: 'floor' } },
          { title: `Resize [${t}] half_pixel sizes`, op: 'Resize', opset: 13, tile: 'nearest2d', delegates: false,
            inputs: [f([2, 3, 5, 2]), null, null, sizes([2, 3, 15, 8])],
            attrs: { mode: 'nearest' } },
          // Not whole factors: the kernel hands the node to the reference, same answer.
          { title: `Resize [${t}] x1.5 (reference path)`, op: 'Resize', opset: 13, tile: 'nearest2d', delegates: true,
            inputs: [f([1, 1, 4, 4]), null, floats([1, 1, 1.5, 1.5])],
            attrs: { mode: 'nearest' } },
        ];
      }
      // linear2d: every coordinate mode, up and down, scales and sizes; compared bit for bit.
      const lin = (title: string, x: number[], roi: number[] | null, by: { scales?: number[]; sizes?: number[] }, attrs: Record<string, AttrLite>,
        o: { opset?: number; values?: number[]; delegates?: boolean } = {}): CaseOf => ({
        title: `Resize [${t}] ${title}`, op: 'Resize', opset: o.opset ?? 13, tile: 'linear2d', delegates: o.delegates ?? false, exact: true,
        // Opset 10 has no roi input: [X, scales].
        inputs: [f(x, o.values ? { values: o.values } : undefined), ...((o.opset ?? 13) < 11 ? [] : [roi ? floats(roi) : null]),
          by.scales ? floats(by.scales) : null, ...(by.sizes ? [sizes(by.sizes)] : [])],
        attrs: { mode: 'linear', ...attrs },
      });
      return [
        // unet_tiny's nn.Upsample(scale_factor=2, mode='bilinear').
        lin('half_pixel x2', [1, 3, 5, 4], null, { scales: [1, 1, 2, 2] }, {}),
        lin('pytorch_half_pixel sizes down, N=2 C=3', [2, 3, 7, 9], null, { sizes: [2, 3, 4, 5] }, { coordinate_transformation_mode: 'pytorch_half_pixel' }),
        lin('pytorch_half_pixel sizes to 1 column', [1, 2, 3, 4], null, { sizes: [1, 2, 6, 1] }, { coordinate_transformation_mode: 'pytorch_half_pixel' }),
        lin('align_corners x1.5,x2.5', [1, 2, 4, 3], null, { scales: [1, 1, 1.5, 2.5] }, { coordinate_transformation_mode: 'align_corners' }),
        lin('align_corners sizes down', [1, 1, 9, 7], null, { sizes: [1, 1, 4, 3] }, { coordinate_transformation_mode: 'align_corners' }),
        lin('asymmetric x0.5,x0.75', [2, 2, 6, 8], null, { scales: [1, 1, 0.5, 0.75] }, { coordinate_transformation_mode: 'asymmetric' }),
        lin('half_pixel_symmetric x0.6,x1.7', [1, 2, 5, 6], null, { scales: [1, 1, 0.6, 1.7] }, { coordinate_transformation_mode: 'half_pixel_symmetric' }, { opset: 19 }),
        lin('tf_crop_and_resize roi beyond the edges', [1, 2, 4, 5], [0, 0, -0.2, 0.3, 1, 1, 1.3, 0.9], { sizes: [1, 2, 7, 6] },
          { coordinate_transformation_mode: 'tf_crop_and_resize', extrapolation_value: { float: 3.5 } }),
        lin('exclude_outside', [1, 2, 3, 4], null, { scales: [1, 1, 2, 2] }, { exclude_outside: 1 }),
        lin('antialias upsampling (2 taps)', [1, 2, 3, 4], null, { scales: [1, 1, 2, 3] }, { antialias: 1 }, { opset: 18 }),
        lin('axes=[-1] (rows untouched)', [2, 3, 4, 5], null, { scales: [1.6] }, { axes: [-1] }, { opset: 18 }),
        lin('axes=[2,3] keep_aspect_ratio_policy', [1, 2, 4, 6], null, { sizes: [6, 6] }, { axes: [2, 3], keep_aspect_ratio_policy: 'not_larger' }, { opset: 18 }),
        lin('3-D', [3, 4, 5], null, { scales: [1, 2.5, 0.8] }, {}),
        lin('2-D', [5, 3], null, { sizes: [8, 2] }, {}),
        lin('opset 10 (asymmetric)', [1, 2, 3, 4], null, { scales: [1, 1, 2, 1.5] }, {}, { opset: 10 }),
        // Taps of weight 0 are skipped as the reference skips them: 0 · ∞ would be NaN.
        lin('asymmetric x2 over ±∞, NaN, −0', [1, 1, 3, 4], null, { scales: [1, 1, 2, 2] }, { coordinate_transformation_mode: 'asymmetric' },
          { values: [1, Infinity, 2, -3, -0, 0.5, -Infinity, 4, NaN, 1, 2, -0] }),
        // The sign of zero: the reference's 0 + w·x turns −0 into 0 where it resamples, and keeps it where it does not.
        lin('axes=[-1] asymmetric x2 over −0', [1, 1, 2, 4], null, { scales: [2] }, { axes: [-1], coordinate_transformation_mode: 'asymmetric' },
          { opset: 18, values: [-0, -0, 1, -0, -0, 2, -0, -0] }),
        lin('scales 1 over −0', [1, 1, 2, 2], null, { scales: [1, 1, 1, 1] }, {}, { values: [-0, 1, -0, -0] }),
        // Not 2 taps on the last two axes only: the reference.
        lin('cubic (reference path)', [1, 1, 4, 4], null, { scales: [1, 1, 2, 2] }, { mode: 'cubic' }, { delegates: true }),
        lin('antialias downsampling (reference path)', [1, 1, 6, 6], null, { scales: [1, 1, 0.5, 0.5] }, { antialias: 1 }, { opset: 18, delegates: true }),
        lin('channels resized (reference path)', [1, 2, 3, 3], null, { scales: [1, 2, 2, 2] }, {}, { delegates: true }),
        lin('axes=[3,2], columns first (reference path)', [1, 1, 3, 4], null, { scales: [1.5, 2] }, { axes: [3, 2] }, { opset: 18, delegates: true }),
      ];
    }
    case 'convtranspose':
      return [
        // U-Net's up-sampling layer: stride = kernel, so every output takes exactly one tap.
        { title: `ConvTranspose [${t}] 2x2 s2 bias`, op: 'ConvTranspose', inputs: [f([1, 6, 3, 4]), f([6, 5, 2, 2], { init: true }), f([5])], attrs: { strides: [2, 2] }, tile: 'col2im' },
        // Overlapping taps, pads cutting taps off every side, dilation, output_padding, batch 2.
        { title: `ConvTranspose [${t}] 3x3 s2 pads dil outpad`, op: 'ConvTranspose', inputs: [f([2, 3, 4, 5]), f([3, 4, 3, 3])], attrs: { strides: [2, 2], pads: [1, 0, 2, 1], dilations: [1, 2], output_padding: [1, 0] }, tile: 'col2im' },
        { title: `ConvTranspose [${t}] groups, output_shape SAME`, op: 'ConvTranspose', inputs: [f([1, 4, 3, 3]), f([4, 3, 3, 3], { init: true }), f([6])], attrs: { group: 2, strides: [2, 2], output_shape: [6, 6] }, tile: 'col2im' },
        { title: `ConvTranspose [${t}] 1-D, stride 3 under kernel 4`, op: 'ConvTranspose', inputs: [f([2, 3, 7]), f([3, 2, 4])], attrs: { strides: [3] }, tile: 'col2im' },
        { title: `ConvTranspose [${t}] 3-D`, op: 'ConvTranspose', inputs: [f([1, 2, 2, 3, 2]), f([2, 3, 2, 2, 3]), f([3])], attrs: { strides: [1, 2, 1], pads: [0, 1, 1, 1, 0, 1] }, tile: 'col2im' },
      ];
    case 'recurrent': {
      // H = 5 leaves a padded row in every 4-row panel of R; lens [5, 3] stops one row early.
      const H = 5, G = v.op === 'LSTM' ? 4 : 3;
      const lens = (() => ['int32', [2], { values: [5, 3] }]) as never;
      return [
        { title: `${v.op} [${t}] defaults`, op: v.op, opset: 14, inputs: [f([5, 2, 3]), f([1, G * H, 3], { init: true }), f([1, G * H, H], { init: true }), f([1, 2 * G * H])], attrs: { hidden_size: H }, tile: 'sequence' },
        { title: `${v.op} [${t}] bidirectional lens initial_h`, op: v.op, opset: 14, tile: 'sequence',
          inputs: [f([5, 2, 3]), f([2, G * H, 3]), f([2, G * H, H]), f([2, 2 * G * H]), lens, f([2, 2, H])],
          attrs: { hidden_size: H, direction: 'bidirectional', ...(v.op === 'GRU' ? { linear_before_reset: 1 } : {}) } },
        { title: `${v.op} [${t}] reverse clip activations`, op: v.op, opset: 14, tile: 'sequence',
          inputs: [f([4, 1, 2]), f([1, G * H, 2]), f([1, G * H, H])],
          attrs: { hidden_size: H, direction: 'reverse', clip: { float: 0.7 }, activations: v.op === 'LSTM' ? ['HardSigmoid', 'Elu', 'Softsign'] : ['HardSigmoid', 'Softplus'] } },
      ];
    }
    case 'gather':
      return [
        { title: `Gather [${t}] axis 0`, op: 'Gather', inputs: [f([5, 20]), (() => ['int64', [2, 3], { values: [0, 4, -1, 2, 2, 1] }]) as never], tile: 'blocks' },
        { title: `Gather [${t}] axis 1`, op: 'Gather', inputs: [f([3, 5, 2]), (() => ['int32', [2], { values: [4, -5] }]) as never], attrs: { axis: 1 }, tile: 'blocks' },
      ];
    case 'slice': {
      const ints = (values: number[]) => (() => ['int64', [values.length], { values }]) as never;
      return [
        // Short runs (the Q/K/V split of a packed projection), long runs, a whole-tensor copy.
        { title: `Slice [${t}] last axis, short runs`, op: 'Slice', inputs: [f([3, 1, 12]), ints([4]), ints([8]), ints([2])], tile: 'runs' },
        { title: `Slice [${t}] middle axis, long runs, clamped end`, op: 'Slice', inputs: [f([2, 6, 20]), ints([1]), ints([99]), ints([-2])], tile: 'runs' },
        { title: `Slice [${t}] whole`, op: 'Slice', inputs: [f([2, 3]), ints([0]), ints([2 ** 31 - 1])], tile: 'runs' },
        { title: `Slice [${t}] empty`, op: 'Slice', inputs: [f([4, 3]), ints([3]), ints([1])], tile: 'runs' },
        // Other steps go through the gather template; several cut axes through the reference.
        { title: `Slice [${t}] step -2`, op: 'Slice', inputs: [f([7, 3]), ints([-1]), ints([-100]), ints([0]), ints([-2])], tile: 'runs' },
        { title: `Slice [${t}] two axes cut`, op: 'Slice', inputs: [f([4, 5, 3]), ints([1, 0]), ints([3, 2]), ints([0, 2])], tile: 'runs' },
        { title: `Slice-1 [${t}] attributes`, op: 'Slice', opset: 9, inputs: [f([4, 6])], attrs: { starts: [1], ends: [5], axes: [1] }, tile: 'runs' },
      ];
    }
  }
}

describe('cpu generated variants vs reference', () => {
  for (const v of CPU_VARIANTS) {
    for (const c of casesFor(v)) {
      it(`${c.title} (${v.dtype})`, async () => {
        const bound: Case = { ...c, inputs: c.inputs.map((i) => (i ? i(v.dtype) : null)) as Case['inputs'] };
        await check(bound, v.dtype);
      });
    }
  }
});

// Random shapes (seeded): broadcasting pairs of any rank, GEMM sizes around the 4x4 block edges,
// and Conv geometries; whatever variant selection.ts picks must match the reference.
describe('cpu kernels vs reference on random shapes', () => {
  const r = rng(20261126);
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  for (let i = 0; i < 12; i++) {
    const rank = int(1, 4);
    const out = Array.from({ length: rank }, () => int(1, 5));
    const side = () => out.slice(int(0, rank - 1)).map((d) => (r() < 0.4 ? 1 : d));
    const [a, b] = [side(), side()];
    const op = ['Add', 'Sub', 'Mul', 'Div', 'Max'][i % 5];
    it(`${op} [${a}] x [${b}]`, () => check({ title: `${op}${i}`, op, opset: 14, inputs: [['float32', a], ['float32', b, { lo: 0.5, hi: 2 }]], tile: '' }, 'float32'));
  }
  for (let i = 0; i < 8; i++) {
    const [M, K, N] = [int(1, 9), int(1, 9), int(1, 9)];
    it(`MatMul [${M},${K}] x [${K},${N}]`, () => check({ title: `mm${i}`, op: 'MatMul', inputs: [['float32', [M, K]], ['float32', [K, N]]], tile: '2x4' }, 'float32'));
  }
  for (let i = 0; i < 8; i++) {
    const group = int(1, 2), cg = int(1, 3), mg = int(1, 3), k = int(1, 3), s = int(1, 2), p = int(0, k - 1);
    const H = int(k, 8), W = int(k, 8);
    it(`Conv group=${group} k=${k} s=${s} p=${p} [${H},${W}]`, () => check({
      title: `conv${i}`, op: 'Conv', tile: '',
      inputs: [['float32', [int(1, 2), group * cg, H, W]], ['float32', [group * mg, cg, k, k]], ['float32', [group * mg]]],
      attrs: { group, strides: [s, s], pads: [p, p, p, p] },
    }, 'float32'));
  }
});

// The fused composites (FusedAttention, SkipLayerNormalization) are built from the generated
// GEMM, elementwise, Softmax and LayerNorm kernels rather than a variant line of their own.
describe('cpu fused composites vs reference', () => {
  for (const dtype of ['float32', 'float64'] as const) {
    it(`FusedAttention scale mask (${dtype})`, () => check({
      title: 'attn', op: 'FusedAttention', domain: FUSED_DOMAIN, tile: 'composite', attrs: { scale: { float: 0.35 } },
      inputs: [[dtype, [2, 2, 5, 4]], [dtype, [2, 2, 4, 5]], [dtype, [2, 2, 5, 3]], [dtype, [2, 1, 1, 5]]],
    }, dtype));
    // num_heads > 0: sequence-first [S, B, H·D] inputs, split into heads by the kernel.
    it(`FusedAttention num_heads=2 packed QKV mask (${dtype})`, () => check({
      title: 'attn heads packed', op: 'FusedAttention', domain: FUSED_DOMAIN, tile: 'composite', attrs: { scale: { float: 0.5 }, num_heads: 2 },
      inputs: [[dtype, [5, 3, 18]], null, null, [dtype, [6, 1, 5]]],
    }, dtype));
    it(`FusedAttention num_heads=3 separate Q K V (${dtype})`, () => check({
      title: 'attn heads', op: 'FusedAttention', domain: FUSED_DOMAIN, tile: 'composite', attrs: { num_heads: 3 },
      inputs: [[dtype, [4, 2, 6]], [dtype, [7, 2, 6]], [dtype, [7, 2, 9]]],
    }, dtype));
    // The kernel reads the heads in place through strides: a 2-D mask broadcast over batch and heads.
    it(`FusedAttention num_heads=3 separate Q K V, [S, S_kv] mask (${dtype})`, () => check({
      title: 'attn heads mask2d', op: 'FusedAttention', domain: FUSED_DOMAIN, tile: 'composite', attrs: { scale: { float: 0.25 }, num_heads: 3 },
      inputs: [[dtype, [4, 2, 6]], [dtype, [7, 2, 6]], [dtype, [7, 2, 9]], [dtype, [4, 7]]],
    }, dtype));
    it(`SkipLayerNormalization (${dtype})`, () => check({
      title: 'skipln', op: 'SkipLayerNormalization', domain: FUSED_DOMAIN, tile: 'composite',
      inputs: [[dtype, [2, 3, 8]], [dtype, [2, 3, 8]], [dtype, [8]], [dtype, [8]]],
    }, dtype));
  }
});

// Concat copies rows into pooled storage (src/kernels/concat-rows.ts): no generated loop.
describe('cpu Concat vs reference', () => {
  for (const dtype of ['float32', 'float64', 'int64', 'int32'] as const) {
    it(`Concat axis 1 of three, one empty (${dtype})`, () => check({
      title: 'concat1', op: 'Concat', tile: 'rows', attrs: { axis: 1 },
      inputs: [[dtype, [2, 3, 4]], [dtype, [2, 0, 4]], [dtype, [2, 5, 4], { init: true }]],
    }, dtype));
    it(`Concat axis -1, and axis 0 (${dtype})`, async () => {
      await check({ title: 'concat-1', op: 'Concat', tile: 'rows', attrs: { axis: -1 }, inputs: [[dtype, [3, 2, 1]], [dtype, [3, 2, 6]]] }, dtype);
      await check({ title: 'concat0', op: 'Concat', tile: 'rows', attrs: { axis: 0 }, inputs: [[dtype, [1, 7]], [dtype, [4, 7]]] }, dtype);
    });
  }
});

// The cpu GEMM's panel arrays (src/kernels/cpu/panels.ts): JS arrays within the limits, a
// Float64Array past them, and the generated core's two compilations (arrays, and `_typed` for a
// Float64Array on either side) giving the same bits as each other and the sums of a plain loop.
import { getHeapStatistics } from 'node:v8';
import { afterEach, describe, expect, it } from 'vitest';
import { Tensor } from '../../src/ir/tensor.js';
import { InferenceSession } from '../../src/runtime/inference-session.js';
import { buildModel } from '../../src/tools/model-builder.js';
import { type GemmFns, multiply } from '../../src/kernels/cpu/gemm-core.js';
import { gemm_f32_2x4__ts, gemm_f32_2x4_packa__ts, gemm_f32_2x4_packb__ts, gemm_f32_2x4_typed__ts } from '../../src/kernels/cpu/gemm-f32-2x4-ts.gen.js';
import { GEMM_KC } from '../../src/kernels/cpu/selection.js';
import { aPanelsSize, ARRAY_PANEL_LIMITS, bPanelsSize, newPanels, PANEL_ROWS, type Panels } from '../../src/kernels/cpu/panels.js';

const g = { run: gemm_f32_2x4__ts, runTyped: gemm_f32_2x4_typed__ts, packA: gemm_f32_2x4_packa__ts, packB: gemm_f32_2x4_packb__ts } as unknown as GemmFns;
const saved = { ...ARRAY_PANEL_LIMITS };
afterEach(() => Object.assign(ARRAY_PANEL_LIMITS, saved));

let seed = 7;
const next = () => { seed = (seed * 1664525 + 1013904223) >>> 0; return Math.fround(seed / 2 ** 32 * 2 - 1); };

describe('panel arrays', () => {
  it('keep to a quarter of the JS heap\'s limit, and to 1 GiB', () => {
    expect(saved.total * 8).toBeLessThanOrEqual(Math.min(2 ** 30, getHeapStatistics().heap_size_limit / 4));
    expect(saved.total).toBeGreaterThan(0);
  });
  it('are JS arrays within the limits and Float64Arrays past either', () => {
    expect(Array.isArray(newPanels(1000))).toBe(true);
    ARRAY_PANEL_LIMITS.perArray = 999;
    expect(newPanels(1000)).toBeInstanceOf(Float64Array);
    expect(Array.isArray(newPanels(999))).toBe(true);
    // The live total counts the arrays made so far (at least the two above).
    ARRAY_PANEL_LIMITS.perArray = saved.perArray;
    ARRAY_PANEL_LIMITS.total = 1500;
    expect(newPanels(1000)).toBeInstanceOf(Float64Array);
  });
});

describe('the GEMM core over either kind of panels', () => {
  // Odd M, N and K leave partial panels on both sides; the offsets put both operands mid-array.
  const cases: [number, number, number][] = [[5, 7, 9], [16, 12, 33], [1, 130, 3], [3, 5, 300], [3, 5, 600]];
  for (const [M, N, K] of cases) {
    it(`[${M},${K}]·[${K},${N}], Relu, A and B at offsets`, () => {
      const a = Float32Array.from({ length: M * K }, next), b = Float32Array.from({ length: K * N }, next);
      const bias = Float64Array.from({ length: M }, next);
      const ao = 6, bo = 10;
      const pack = (arrays: boolean): [Panels, Panels] => {
        const ap = arrays ? newPanels(ao + aPanelsSize(M, K)) : new Float64Array(ao + aPanelsSize(M, K));
        const bp = arrays ? newPanels(bo + bPanelsSize(K, N)) : new Float64Array(bo + bPanelsSize(K, N));
        g.packA(a, 0, M, K, K, 1, ap, ao, PANEL_ROWS);
        g.packB(b, 0, K, N, N, 1, bp, bo);
        return [ap, bp];
      };
      const product = (ap: Panels, bp: Panels) => {
        const c = new Float32Array(M * N);
        multiply(g, M, N, K, ap, ao, bp, bo, c, 0, N, false, bias, 0, Infinity);
        return c;
      };
      const [aArr, bArr] = pack(true), [aTyped, bTyped] = pack(false);
      expect(Array.isArray(aArr) && Array.isArray(bArr)).toBe(true);
      const want = new Float32Array(M * N);
      for (let i = 0; i < M; i++) {
        for (let j = 0; j < N; j++) {
          let s = 0;
          for (let k = 0; k < K; k++) s += a[i * K + k] * b[k * N + j];
          want[i * N + j] = Math.max(bias[i] + s, 0);
        }
      }
      const got = ([[aArr, bArr], [aTyped, bTyped], [aArr, bTyped], [aTyped, bArr]] as [Panels, Panels][]).map(([ap, bp]) => Array.from(product(ap, bp)));
      for (const c of got.slice(1)) expect(c).toEqual(got[0]);
      // Within one K block the core sums in the loop's order: the same bits. Past it (K = 600), the
      // first block's sums are stored in float32 before the second adds to them.
      if (K <= GEMM_KC) expect(got[0]).toEqual(Array.from(want));
      else got[0].forEach((v, i) => expect(Math.abs(v - want[i])).toBeLessThanOrEqual(1e-5 * (1 + Math.abs(want[i]))));
    });
  }
});

describe('every GEMM route over Float64Array panels', () => {
  // One graph through each route that packs panels: Winograd F(4×4) and F(2×2) (transformed
  // weights and inputs at offsets per position), 1×1 and im2col convolutions, ConvTranspose,
  // MatMul with constant B, Gemm with transposed B, and a bidirectional LSTM (W's panels for the
  // projection, R's 4-row panels for the recurrence). With no array allowed, every panel is a
  // Float64Array and every GEMM runs the `_typed` core: the bits must not change.
  const model = () => {
    let s = 99;
    const r = () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32 - 0.5; };
    const t = (dims: number[]) => Tensor.fromValues('float32', dims, Array.from({ length: dims.reduce((p, q) => p * q, 1) }, r));
    return buildModel({
      opset: 17,
      nodes: [
        { op: 'Conv', inputs: ['x', 'w3', 'b8'], outputs: ['a'], attrs: { pads: { ints: [1, 1, 1, 1] } } }, // 10×10 out: winograd4
        { op: 'Conv', inputs: ['a', 'w3b'], outputs: ['b'] }, // 8×8 out: winograd4 too; cropped below for F(2×2)
        { op: 'Slice', inputs: ['b', 'starts', 'ends'], outputs: ['bs'] },
        { op: 'Conv', inputs: ['bs', 'w3c'], outputs: ['c'] }, // 4×4 → 2×2 out: winograd (F(2×2))
        { op: 'Conv', inputs: ['a', 'w1'], outputs: ['d'] }, // 1×1
        { op: 'Conv', inputs: ['d', 'w3s'], outputs: ['e'], attrs: { strides: { ints: [2, 2] } } }, // im2col
        { op: 'ConvTranspose', inputs: ['e', 'wt'], outputs: ['f'], attrs: { strides: { ints: [2, 2] } } },
        { op: 'Flatten', inputs: ['f'], outputs: ['g'] },
        { op: 'MatMul', inputs: ['g', 'wm'], outputs: ['h'] },
        { op: 'Gemm', inputs: ['h', 'wg', 'bg'], outputs: ['i'], attrs: { transB: 1 } },
        { op: 'Reshape', inputs: ['i', 'seqShape'], outputs: ['xs'] },
        { op: 'LSTM', inputs: ['xs', 'W', 'R', 'B'], outputs: ['y'], attrs: { hidden_size: 5, direction: 'bidirectional' } },
      ],
      inputs: [['x', 'float32', [1, 9, 10, 10]]],
      outputs: [['y', 'float32'], ['c', 'float32']],
      initializers: {
        w3: t([8, 9, 3, 3]), w3b: t([9, 8, 3, 3]), w3c: t([8, 9, 3, 3]), b8: t([8]), w1: t([6, 8, 1, 1]), w3s: t([5, 6, 3, 3]), wt: t([5, 3, 2, 2]),
        starts: new Tensor('int64', BigInt64Array.from([0n, 0n, 0n, 0n]), [4]), ends: new Tensor('int64', BigInt64Array.from([1n, 9n, 4n, 4n]), [4]),
        wm: t([3 * 8 * 8, 14]), wg: t([12, 14]), bg: t([12]), seqShape: new Tensor('int64', BigInt64Array.from([4n, 1n, 3n]), [3]),
        W: t([2, 20, 3]), R: t([2, 20, 5]), B: t([2, 40]),
      },
    });
  };
  const x = Tensor.fromValues('float32', [1, 9, 10, 10], Array.from({ length: 900 }, (_, i) => Math.sin(i)));
  const run = async () => {
    const session = await InferenceSession.fromModel(model(), { executionProviders: ['cpu'], graphOptimizationLevel: 'disabled' });
    const providers = new Set<string>();
    const out = await session.run({ x }, { onNode: (e: { node: { op: string }; provider: string }) => providers.add(`${e.node.op}:${e.provider}`) });
    // Reshape and Flatten are views the cpu provider leaves to the reference.
    expect([...providers].filter((p) => !p.endsWith(':cpu') && !/^(Reshape|Flatten):/.test(p))).toEqual([]);
    return out;
  };

  it('gives the bits of array panels', async () => {
    const arrays = await run();
    ARRAY_PANEL_LIMITS.perArray = 0;
    expect(newPanels(1)).toBeInstanceOf(Float64Array);
    const typed = await run();
    for (const name of ['y', 'c']) {
      const [a, b] = [arrays[name] as Tensor, typed[name] as Tensor];
      expect(b.dims).toEqual(a.dims);
      expect(Array.from(b.data as Float32Array).every((v, i) => Object.is(v, (a.data as Float32Array)[i]))).toBe(true);
    }
  });
});

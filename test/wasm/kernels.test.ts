/**
 * wasm kernels against the reference on random shapes, including edge cases: sizes that are not
 * multiples of the 4×8 tile, K = 1, N = 1, M = 1, empty dims, every epilogue, transposes, groups,
 * strides, pads and dilations, and 1-D convs.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { getRuntime } from '../../src/kernels/wasm/runtime.js';
import { winogradRoute } from '../../src/kernels/wasm/selection.js';
import { randomTensor, runBoth, worstError } from './harness.js';
import { Tensor } from '../../src/ir/tensor.js';

beforeAll(async () => { await getRuntime(); });

async function check(op: string, domain: string, version: number, inputs: (ReturnType<typeof randomTensor> | undefined)[],
  attrs: Record<string, unknown>, constant: number[] = []) {
  const { wasm, ref } = await runBoth(op, domain, version, inputs, attrs, constant);
  expect(wasm.dims).toEqual(ref.dims);
  expect(wasm.type).toBe('float32');
  expect(worstError(wasm, ref)).toBeLessThanOrEqual(1);
}

describe('MatMul [wasm]', () => {
  const shapes: [number[], number[]][] = [
    [[1, 1], [1, 1]], [[3, 5], [5, 7]], [[13, 1], [1, 9]], [[9, 17], [17, 1]], [[1, 33], [33, 20]],
    [[4, 8], [8, 8]], [[67, 300], [300, 45]], [[2, 3, 10, 6], [6, 11]], [[2, 1, 5, 6], [3, 6, 4]],
    [[7], [7, 3]], [[4, 7], [7]], [[0, 4], [4, 5]], [[3, 4], [4, 0]], [[3, 0], [0, 5]],
  ];
  for (const [a, b] of shapes) {
    for (const constant of [[], [1]]) {
      it(`MatMul-v13 [wasm] A=[${a}] B=[${b}]${constant.length ? ' B constant' : ''}`, async () => {
        await check('MatMul', '', 13, [randomTensor(a, 1), randomTensor(b, 2)], {}, constant);
      });
    }
  }
});

describe('ConvTranspose [wasm]', () => {
  const cases: { x: number[]; w: number[]; b?: boolean; attrs: Record<string, unknown>; label: string; constant?: number[] }[] = [
    // U-Net's up-sampling layer: stride = kernel, every output takes exactly one tap.
    { x: [1, 16, 5, 6], w: [16, 8, 2, 2], b: true, attrs: { strides: [2, 2] }, label: '2x2 stride 2 (U-Net)' },
    // Overlapping taps; pads that cut taps off every side; dilation; output_padding; batch 2.
    { x: [2, 5, 4, 7], w: [5, 6, 3, 3], attrs: { strides: [2, 2], pads: [1, 0, 2, 1], dilations: [1, 2], output_padding: [1, 0] }, label: '3x3 s2 pads dilation output_padding' },
    { x: [1, 6, 3, 3], w: [6, 2, 3, 3], b: true, attrs: { group: 3, strides: [2, 2], output_shape: [7, 6] }, label: 'groups, output_shape', constant: [] },
    { x: [2, 3, 9], w: [3, 4, 4], b: true, attrs: { strides: [3], pads: [1, 2] }, label: '1-D stride 3, kernel 4' },
    { x: [1, 4, 5, 5], w: [4, 3, 3, 3], attrs: { auto_pad: 'SAME_UPPER', strides: [2, 2] }, label: 'SAME_UPPER' },
  ];
  for (const c of cases) {
    it(`ConvTranspose-v11 [wasm] ${c.label}`, async () => {
      await check('ConvTranspose', '', 11, [randomTensor(c.x, 31), randomTensor(c.w, 32), c.b ? randomTensor([c.w[1] * ((c.attrs.group as number) ?? 1)], 33) : undefined],
        c.attrs, c.constant ?? [1, 2]);
    });
  }
});

describe('FusedMatMul [wasm]', () => {
  const cases: [number[], number[], number[], string, number[]][] = [
    [[5, 9], [9, 13], [13], 'Relu', []],
    [[2, 5, 9], [9, 6], [6], 'Clip', [-0.2, 0.3]],
    [[3, 9], [9, 6], [3, 6], 'Sigmoid', []],
    [[3, 9], [9, 6], [3, 1], '', []],
    [[4, 7], [7, 10], [10], 'LeakyRelu', [0.1]],
    [[1, 16, 12], [12, 20], [20], 'Gelu', []],
  ];
  for (const [a, b, bias, act, params] of cases) {
    it(`FusedMatMul-v1 [wasm] A=[${a}] B=[${b}] bias=[${bias}] activation=${act || 'none'}`, async () => {
      await check('FusedMatMul', 'com.onnx-ts', 1, [randomTensor(a, 3), randomTensor(b, 4), randomTensor(bias, 5)],
        { activation: act, activation_params: params }, [1, 2]);
    });
  }
});

describe('Gemm [wasm]', () => {
  const cases: [number, number, number, number, number, number[] | undefined, number, number][] = [
    // M, K, N, transA, transB, C dims, alpha, beta
    [5, 7, 9, 0, 0, [9], 1, 1],
    [5, 7, 9, 1, 0, [5, 9], 0.5, 2],
    [5, 7, 9, 0, 1, [1], 1, 1],
    [6, 1, 1, 1, 1, undefined, 1, 1],
    [1, 33, 17, 0, 1, [1, 17], 2, 0.5],
    [9, 20, 8, 0, 0, [9, 1], 1, 1],
    [8, 13, 5, 0, 0, [8, 5], 0.5, 1.5],
  ];
  for (const [M, K, N, tA, tB, c, alpha, beta] of cases) {
    it(`Gemm-v13 [wasm] M=${M} K=${K} N=${N} transA=${tA} transB=${tB} C=${c ? `[${c}]` : 'none'} alpha=${alpha} beta=${beta}`, async () => {
      const a = randomTensor(tA ? [K, M] : [M, K], 6), b = randomTensor(tB ? [N, K] : [K, N], 7);
      await check('Gemm', '', 13, [a, b, c ? randomTensor(c, 8) : undefined], { transA: tA, transB: tB, alpha, beta }, [1, 2]);
    });
  }
  it('FusedGemm-v1 [wasm] activation=Relu', async () => {
    await check('FusedGemm', 'com.onnx-ts', 1, [randomTensor([3, 10], 9), randomTensor([12, 10], 10), randomTensor([12], 11)],
      { transB: 1, activation: 'Relu' }, [1, 2]);
  });
});

describe('Conv [wasm]', () => {
  const cases: { x: number[]; w: number[]; b?: boolean; attrs: Record<string, unknown>; label: string }[] = [
    { x: [1, 3, 9, 9], w: [8, 3, 3, 3], b: true, attrs: { pads: [1, 1, 1, 1] }, label: '3x3 pads=1' },
    { x: [2, 5, 11, 7], w: [6, 5, 3, 2], attrs: { strides: [2, 1], pads: [0, 1, 2, 0] }, label: 'stride 2x1 asymmetric pads' },
    { x: [1, 4, 10, 10], w: [5, 4, 3, 3], b: true, attrs: { dilations: [2, 2], auto_pad: 'SAME_UPPER' }, label: 'dilations=2 SAME_UPPER' },
    { x: [1, 16, 7, 7], w: [9, 16, 1, 1], b: true, attrs: {}, label: '1x1 pointwise' },
    { x: [2, 6, 5, 5], w: [6, 3, 3, 3], b: true, attrs: { group: 2, pads: [1, 1, 1, 1] }, label: 'group=2' },
    { x: [1, 8, 9, 9], w: [8, 1, 3, 3], b: true, attrs: { group: 8, pads: [1, 1, 1, 1] }, label: 'depthwise 3x3 s1' },
    { x: [2, 5, 10, 11], w: [5, 1, 3, 3], b: true, attrs: { group: 5, pads: [1, 1, 1, 1], strides: [2, 2] }, label: 'depthwise 3x3 s2' },
    { x: [1, 3, 6, 5], w: [3, 1, 3, 3], attrs: { group: 3 }, label: 'depthwise 3x3 no pads' },
    { x: [1, 4, 5, 5], w: [4, 1, 5, 5], attrs: { group: 4, pads: [2, 2, 2, 2] }, label: 'depthwise 5x5 (GEMM per group)' },
    { x: [2, 3, 17], w: [4, 3, 3], b: true, attrs: { pads: [1, 1] }, label: '1-D' },
    { x: [1, 3, 17], w: [4, 3, 4], attrs: { auto_pad: 'SAME_LOWER', strides: [2] }, label: '1-D SAME_LOWER stride 2' },
    { x: [1, 1, 1, 1], w: [1, 1, 1, 1], attrs: {}, label: '1x1 image' },
    // Winograd F(2×2, 3×3) (selection.ts winogradRoute): odd and even output sides, tiles cut at
    // the edge, a tile row padded to 4 tiles, asymmetric pads, 2 images, a 1×1 output.
    { x: [1, 32, 7, 7], w: [32, 32, 3, 3], b: true, attrs: { pads: [1, 1, 1, 1] }, label: 'winograd 7x7 pads=1' },
    { x: [2, 32, 9, 6], w: [40, 32, 3, 3], attrs: { pads: [0, 2, 1, 0] }, label: 'winograd asymmetric pads, 2 images' },
    { x: [1, 33, 20, 21], w: [36, 33, 3, 3], b: true, attrs: { auto_pad: 'SAME_UPPER' }, label: 'winograd 20x21 SAME_UPPER' },
    { x: [1, 32, 3, 3], w: [32, 32, 3, 3], b: true, attrs: {}, label: 'winograd 1x1 output' },
  ];
  for (const c of cases) {
    it(`Conv-v11 [wasm] ${c.label}`, async () => {
      await check('Conv', '', 11, [randomTensor(c.x, 12), randomTensor(c.w, 13), c.b ? randomTensor([c.w[0]], 14) : undefined], c.attrs, [1, 2]);
    });
  }
  it('Conv-v11 [wasm] winograd shapes with a NaN, an infinite input, an infinite filter tap (direct route, same NaN/Inf positions)', async () => {
    const x = randomTensor([1, 32, 8, 8], 21), w = randomTensor([32, 32, 3, 3], 22);
    (x.data as Float32Array)[9] = NaN;
    (x.data as Float32Array)[100] = Infinity;
    await check('Conv', '', 11, [x, randomTensor([32, 32, 3, 3], 23)], { pads: [1, 1, 1, 1] }, [1]);
    (w.data as Float32Array)[4] = -Infinity;
    await check('Conv', '', 11, [randomTensor([1, 32, 8, 8], 24), w], { pads: [1, 1, 1, 1] }, [1]);
  });
  it('Conv-v11 [wasm] depthwise 3×3 with an infinite corner weight (∞·0 = NaN on padded taps, as the reference)', async () => {
    for (const strides of [[1, 1], [2, 2]]) {
      const w = randomTensor([4, 1, 3, 3], 25);
      (w.data as Float32Array)[0] = Infinity;
      await check('Conv', '', 11, [randomTensor([1, 4, 7, 6], 26), w], { pads: [1, 1, 1, 1], group: 4, strides }, [1]);
    }
  });
  it('Conv-v11 [wasm] winograd with runtime (non-constant) filters', async () => {
    await check('Conv', '', 11, [randomTensor([1, 32, 8, 8], 18), randomTensor([32, 32, 3, 3], 19), randomTensor([32], 20)], { pads: [1, 1, 1, 1] });
  });
  it('the winograd cases take the winograd route', () => {
    expect(winogradRoute(1, 32, 32, [3, 3], [1, 1], [1, 1])).toBe(true);
    expect(winogradRoute(1, 33, 36, [3, 3], [1, 1], [1, 1])).toBe(true);
    expect(winogradRoute(1, 8, 32, [3, 3], [1, 1], [1, 1])).toBe(false);
    expect(winogradRoute(1, 32, 32, [3, 3], [2, 2], [1, 1])).toBe(false);
    expect(winogradRoute(2, 64, 64, [3, 3], [1, 1], [1, 1])).toBe(false);
  });
  for (const [act, params] of [['Relu', []], ['Clip', [0, 6]], ['HardSigmoid', [0.2, 0.5]]] as const) {
    it(`FusedConv-v1 [wasm] activation=${act}`, async () => {
      await check('FusedConv', 'com.onnx-ts', 1, [randomTensor([1, 32, 6, 7], 15), randomTensor([32, 32, 3, 3], 16), randomTensor([32], 17)],
        { pads: [1, 1, 1, 1], activation: act, activation_params: [...params] }, [1, 2]);
      await check('FusedConv', 'com.onnx-ts', 1, [randomTensor([1, 4, 8, 8], 15), randomTensor([6, 4, 3, 3], 16), randomTensor([6], 17)],
        { pads: [1, 1, 1, 1], activation: act, activation_params: [...params] }, [1, 2]);
      await check('FusedConv', 'com.onnx-ts', 1, [randomTensor([1, 6, 8, 8], 15), randomTensor([6, 1, 3, 3], 16), randomTensor([6], 17)],
        { pads: [1, 1, 1, 1], group: 6, activation: act, activation_params: [...params] }, [1, 2]);
    });
  }
});

describe('elementwise [wasm]', () => {
  const cases: [number[], number[]][] = [[[2, 3, 5], [2, 3, 5]], [[2, 3, 5], [1]], [[2, 3, 5], [5]], [[2, 3, 5], [3, 5]], [[7], [1, 7]], [[3, 4], [3, 1]], [[1], [6]]];
  for (const op of ['Add', 'Sub', 'Mul', 'Div']) {
    for (const [a, b] of cases) {
      it(`${op}-v14 [wasm] A=[${a}] B=[${b}]`, async () => {
        await check(op, '', 14, [randomTensor(a, 18), randomTensor(b, 19)], {});
      });
    }
  }
  it('Relu-v14 [wasm] 37 elements', async () => { await check('Relu', '', 14, [randomTensor([37], 20)], {}); });
  it('Clip-v13 [wasm] bounds as inputs', async () => {
    const lo = randomTensor([], 1); (lo.data as Float32Array)[0] = -0.3;
    const hi = randomTensor([], 1); (hi.data as Float32Array)[0] = 0.4;
    await check('Clip', '', 13, [randomTensor([3, 11], 21), lo, hi], {});
    await check('Clip', '', 13, [randomTensor([3, 11], 21), undefined, hi], {});
  });
  it('Clip-v6 [wasm] bounds as attributes', async () => { await check('Clip', '', 6, [randomTensor([19], 22)], { min: -0.5, max: 0.25 }); });
});

describe('Resize linear [wasm]', () => {
  const f32 = (v: number[]) => new Tensor('float32', Float32Array.from(v), [v.length]);
  const i64 = (v: number[]) => new Tensor('int64', BigInt64Array.from(v.map(BigInt)), [v.length]);
  const cases: { x: number[]; scales?: number[]; sizes?: number[]; attrs: Record<string, unknown>; label: string; inf?: boolean }[] = [
    // unet_tiny's nn.Upsample(scale_factor=2, mode='bilinear').
    { x: [1, 3, 5, 4], scales: [1, 1, 2, 2], attrs: {}, label: 'half_pixel x2' },
    { x: [2, 3, 7, 9], sizes: [2, 3, 4, 5], attrs: { coordinate_transformation_mode: 'pytorch_half_pixel' }, label: 'pytorch_half_pixel sizes down, N=2' },
    { x: [1, 2, 4, 3], scales: [1, 1, 1.5, 2.5], attrs: { coordinate_transformation_mode: 'align_corners' }, label: 'align_corners x1.5 x2.5' },
    { x: [2, 2, 6, 9], scales: [1, 1, 0.5, 0.75], attrs: { coordinate_transformation_mode: 'asymmetric' }, label: 'asymmetric down, odd row length' },
    { x: [3, 4, 5], scales: [1, 2.5, 0.8], attrs: {}, label: '3-D' },
    // Taps of weight 0 (asymmetric x2: every even output sits on a source sample) are skipped, as the
    // reference skips them: an infinite neighbour does not turn them into NaN.
    { x: [1, 2, 3, 5], scales: [1, 1, 2, 2], attrs: { coordinate_transformation_mode: 'asymmetric' }, label: 'asymmetric x2 with ±Inf', inf: true },
  ];
  for (const c of cases) {
    it(`Resize-v13 [wasm] ${c.label}`, async () => {
      const x = randomTensor(c.x, 51);
      if (c.inf) { (x.data as Float32Array)[6] = Infinity; (x.data as Float32Array)[17] = -Infinity; }
      await check('Resize', '', 13, [x, undefined, c.scales ? f32(c.scales) : undefined, c.sizes ? i64(c.sizes) : undefined],
        { mode: 'linear', coordinate_transformation_mode: 'half_pixel', ...c.attrs }, [1, 2, 3]);
    });
  }
});

describe('MaxPool [wasm]', () => {
  const cases: { x: number[]; attrs: Record<string, unknown>; label: string }[] = [
    { x: [1, 3, 12, 12], attrs: { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1] }, label: '3x3 s2 pads=1 (resnet stem)' },
    { x: [2, 4, 13, 13], attrs: { kernel_shape: [3, 3], strides: [2, 2], ceil_mode: 1 }, label: '3x3 s2 ceil_mode (squeezenet)' },
    { x: [1, 2, 9, 7], attrs: { kernel_shape: [2, 3], dilations: [2, 1], auto_pad: 'SAME_UPPER' }, label: 'dilations SAME_UPPER' },
    { x: [1, 1, 5, 5], attrs: { kernel_shape: [5, 5] }, label: 'global window' },
  ];
  for (const c of cases) {
    it(`MaxPool-v12 [wasm] ${c.label}`, async () => { await check('MaxPool', '', 12, [randomTensor(c.x, 23)], c.attrs); });
  }
});

describe('LSTM [wasm]', () => {
  const cases: { seq: number; batch: number; I: number; H: number; dir: string; bias: boolean; init: boolean }[] = [
    { seq: 5, batch: 1, I: 7, H: 6, dir: 'forward', bias: true, init: false },
    { seq: 4, batch: 3, I: 5, H: 9, dir: 'reverse', bias: false, init: true },
    { seq: 6, batch: 2, I: 8, H: 16, dir: 'bidirectional', bias: true, init: true },
  ];
  for (const c of cases) {
    it(`LSTM-v14 [wasm] seq=${c.seq} batch=${c.batch} input=${c.I} hidden=${c.H} ${c.dir}${c.bias ? ' bias' : ''}${c.init ? ' initial state' : ''}`, async () => {
      const dirs = c.dir === 'bidirectional' ? 2 : 1;
      const inputs = [randomTensor([c.seq, c.batch, c.I], 30), randomTensor([dirs, 4 * c.H, c.I], 31), randomTensor([dirs, 4 * c.H, c.H], 32),
        c.bias ? randomTensor([dirs, 8 * c.H], 33) : undefined, undefined,
        c.init ? randomTensor([dirs, c.batch, c.H], 34) : undefined, c.init ? randomTensor([dirs, c.batch, c.H], 35) : undefined];
      await check('LSTM', '', 14, inputs, { direction: c.dir, hidden_size: c.H }, [1, 2, 3]);
    });
  }
});

describe('Clip [wasm] absent bounds', () => {
  it('Clip-v13 [wasm] absent bounds clamp ±Inf to the float32 limits', async () => {
    const x = randomTensor([6], 40);
    const d = x.data as Float32Array;
    d[0] = Infinity; d[1] = -Infinity; d[2] = NaN;
    const { wasm, ref } = await runBoth('Clip', '', 13, [x], {});
    expect(Array.from(wasm.data as Float32Array)).toEqual(Array.from(ref.data as Float32Array));
  });
});

describe('MaxPool [wasm] NaN', () => {
  it('MaxPool-v12 [wasm] a NaN first tap is kept, as in the reference', async () => {
    const x = randomTensor([1, 1, 4, 4], 41);
    (x.data as Float32Array)[5] = NaN;
    const { wasm, ref } = await runBoth('MaxPool', '', 12, [x], { kernel_shape: [2, 2] });
    expect(Array.from(wasm.data as Float32Array)).toEqual(Array.from(ref.data as Float32Array));
  });
});

describe('MaxPool [wasm] vector path', () => {
  const cases: { x: number[]; attrs: Record<string, unknown>; label: string }[] = [
    { x: [1, 3, 23, 23], attrs: { kernel_shape: [3, 3], strides: [2, 2], ceil_mode: 1 }, label: '3x3 s2 ceil 23x23' },
    { x: [2, 2, 17, 29], attrs: { kernel_shape: [3, 3], strides: [1, 1], pads: [1, 1, 1, 1] }, label: '3x3 s1 pads 1' },
    { x: [1, 2, 20, 20], attrs: { kernel_shape: [2, 2], strides: [2, 2] }, label: '2x2 s2' },
    // 3×3 with row dilation 2 takes the general vector loop, not the unrolled 3×3 one.
    { x: [1, 2, 21, 26], attrs: { kernel_shape: [3, 3], strides: [2, 2], dilations: [2, 1] }, label: '3x3 s2 row dilation 2' },
    { x: [1, 3, 12, 40], attrs: { kernel_shape: [3, 3], strides: [1, 1] }, label: '3x3 s1 no pads' },
    { x: [1, 2, 15, 15], attrs: { kernel_shape: [3, 3], strides: [3, 3], pads: [1, 1, 1, 1] }, label: 's3 (scalar only)' },
    { x: [1, 2, 16, 16], attrs: { kernel_shape: [3, 3], strides: [2, 2], dilations: [2, 2], pads: [2, 2, 2, 2] }, label: 'dilated (scalar only)' },
  ];
  for (const c of cases) {
    it(`MaxPool-v12 [wasm] ${c.label}`, async () => {
      const x = randomTensor(c.x, 42);
      const d = x.data as Float32Array;
      for (let i = 7; i < d.length; i += 37) d[i] = NaN;
      const { wasm, ref } = await runBoth('MaxPool', '', 12, [x], c.attrs);
      expect(Array.from(wasm.data as Float32Array)).toEqual(Array.from(ref.data as Float32Array));
    });
  }
});

describe('Concat [wasm]', () => {
  // [input dims…], axis: outer > 1 with several inputs, a negative axis, an empty input, rank 1.
  const cases: [number[][], number][] = [
    [[[2, 3, 4], [2, 1, 4], [2, 2, 4]], 1],
    [[[2, 3, 4], [2, 3, 2]], -1],
    [[[1, 5, 2, 3], [1, 3, 2, 3]], 1],
    [[[3, 2], [0, 2], [1, 2]], 0],
    [[[5], [2]], 0],
  ];
  cases.forEach(([shapes, axis], k) => {
    it(`Concat-v13 [wasm] [${shapes.map((s) => `[${s}]`).join(', ')}] axis=${axis}`, async () => {
      await check('Concat', '', 13, shapes.map((s, i) => randomTensor(s, 40 + k * 5 + i)), { axis });
    });
  });
});

describe('Transpose [wasm]', () => {
  // Permutations that keep the last axis last (row copies, over 256 words too), size-1 axes that
  // make it a view, an empty dim, and a size-1 last axis whose collapse moves another axis last
  // (handed to the reference).
  const cases: [number[], number[]][] = [
    [[3, 2, 4, 5], [0, 2, 1, 3]], [[2, 16, 8], [1, 0, 2]], [[20, 2, 2, 6], [0, 2, 1, 3]], [[2, 3, 4, 70], [2, 0, 1, 3]],
    [[3, 2, 300], [1, 0, 2]], [[2, 1, 3], [1, 0, 2]], [[2, 3, 0, 4], [2, 0, 1, 3]], [[2, 3, 1], [1, 0, 2]],
  ];
  cases.forEach(([dims, perm], k) => {
    it(`Transpose-v13 [wasm] [${dims}] perm [${perm}]`, async () => {
      const { wasm, ref } = await runBoth('Transpose', '', 13, [randomTensor(dims, 60 + k)], { perm });
      expect(wasm.dims).toEqual(ref.dims);
      expect(Array.from(wasm.data as Float32Array)).toEqual(Array.from(ref.data as Float32Array));
    });
  });

  it('Transpose-v13 [wasm] bool and float16 rows keep their own element size', async () => {
    const b = new Tensor('bool', Uint8Array.from({ length: 30 }, (_, i) => (i * 7) % 3 === 0 ? 1 : 0), [3, 2, 5]);
    const h = new Tensor('float16', Uint16Array.from({ length: 30 }, (_, i) => 0x3c00 + i * 37), [3, 2, 5]);
    for (const x of [b, h]) {
      const { wasm, ref } = await runBoth('Transpose', '', 13, [x], { perm: [1, 0, 2] });
      expect(wasm.type).toBe(x.type);
      expect(Array.from(wasm.data as Uint8Array)).toEqual(Array.from(ref.data as Uint8Array));
    }
  });

  it('Transpose-v13 [wasm] int64 rows move as pairs of words', async () => {
    const x = new Tensor('int64', BigInt64Array.from({ length: 24 }, (_, i) => BigInt(i) * 0x100000001n - 7n), [2, 3, 4]);
    const { wasm, ref } = await runBoth('Transpose', '', 13, [x], { perm: [1, 0, 2] });
    expect(wasm.dims).toEqual([3, 2, 4]);
    expect(Array.from(wasm.data as BigInt64Array)).toEqual(Array.from(ref.data as BigInt64Array));
  });

  it('Transpose [wasm] with input and output in one buffer (wasm memory) copies rows in place', async () => {
    const { runTranspose } = await import('../../src/kernels/wasm/transpose.js');
    const dims = [4, 3, 5], n = 60;
    const buffer = new ArrayBuffer(4 * 200);
    const xs = new Float32Array(buffer, 4 * 7, n);
    for (let i = 0; i < n; i++) xs[i] = i + 0.5;
    const x = new Tensor('float32', xs, dims);
    const ctx = { alloc: (_d: string, length: number) => new Float32Array(buffer, 4 * 101, length) } as never;
    const [y] = (await runTranspose(ctx, [x], { perm: [1, 0, 2] })) as Tensor[];
    expect((x.data as Float32Array).buffer).toBe(buffer);
    expect((y.data as Float32Array).buffer).toBe(buffer);
    const want = Array.from({ length: n }, (_, o) => {
      const [b, a, c] = [Math.floor(o / 20), Math.floor(o / 5) % 4, o % 5];
      return a * 15 + b * 5 + c + 0.5;
    });
    expect(Array.from(y.data as Float32Array)).toEqual(want);
  });

  it('Transpose [wasm] takes only permutations that keep the last axis', async () => {
    const { transposeSupports } = await import('../../src/kernels/wasm/transpose.js');
    const node = {} as never;
    expect(transposeSupports!(node, { perm: [1, 0, 2] })).toBe(true);
    expect(transposeSupports!(node, { perm: [1, 0] })).toBe(false);
    expect(transposeSupports!(node, {})).toBe(false);
  });
});

describe('Slice [wasm]', () => {
  const i64 = (v: number[]) => new Tensor('int64', BigInt64Array.from(v.map(BigInt)), [v.length]);
  // [data dims], starts, ends, axes, steps: one axis cut (first, middle, last, negative and
  // past-the-end bounds, empty result, runs over 256 words), none cut, and the reference's cases
  // (a step, two axes).
  const cases: [number[], number[], number[], number[] | undefined, number[] | undefined][] = [
    [[6, 4, 5], [2], [5], [0], undefined], [[2, 16, 384], [128], [256], [2], undefined], [[2, 7, 3], [-4], [100], [1], undefined],
    [[3, 4, 5], [1], [1], [1], undefined], [[3, 4], [0], [9], [0], undefined], [[2, 8, 300], [2], [5], [1], undefined],
    [[3, 4, 5], [0], [5], [2], [2]],
    [[3, 4, 5], [1, 1], [3, 4], [0, 2], undefined],
  ];
  cases.forEach(([dims, starts, ends, axes, steps], k) => {
    it(`Slice-v13 [wasm] [${dims}] starts [${starts}] ends [${ends}] axes [${axes ?? ''}] steps [${steps ?? ''}]`, async () => {
      const inputs = [randomTensor(dims, 80 + k), i64(starts), i64(ends), axes ? i64(axes) : undefined, steps ? i64(steps) : undefined];
      const { wasm, ref } = await runBoth('Slice', '', 13, inputs, {});
      expect(wasm.dims).toEqual(ref.dims);
      expect(Array.from(wasm.data as Float32Array)).toEqual(Array.from(ref.data as Float32Array));
    });
  });

  it('Slice-v13 [wasm] int64 data (shape vectors) and opset 1 attributes', async () => {
    const x = new Tensor('int64', BigInt64Array.from({ length: 12 }, (_, i) => BigInt(i) * 0x100000001n - 5n), [3, 4]);
    const a = await runBoth('Slice', '', 13, [x, i64([1]), i64([3]), i64([1])], {});
    expect(Array.from(a.wasm.data as BigInt64Array)).toEqual(Array.from(a.ref.data as BigInt64Array));
    const b = await runBoth('Slice', '', 1, [randomTensor([4, 6], 90)], { starts: [1], ends: [-1], axes: [1] });
    expect(b.wasm.dims).toEqual([4, 4]);
    expect(Array.from(b.wasm.data as Float32Array)).toEqual(Array.from(b.ref.data as Float32Array));
  });

  it('Slice-v13 [wasm] uint8 data', async () => {
    const x = new Tensor('uint8', Uint8Array.from({ length: 40 }, (_, i) => i * 5), [4, 10]);
    const { wasm, ref } = await runBoth('Slice', '', 13, [x, i64([3]), i64([8]), i64([1])], {});
    expect(wasm.dims).toEqual([4, 5]);
    expect(Array.from(wasm.data as Uint8Array)).toEqual(Array.from(ref.data as Uint8Array));
  });

  it('Slice [wasm] with input and output in one buffer copies runs in place', async () => {
    const { runSlice } = await import('../../src/kernels/wasm/slice.js');
    const buffer = new ArrayBuffer(4 * 200);
    const xs = new Float32Array(buffer, 4 * 3, 60);
    for (let i = 0; i < 60; i++) xs[i] = i + 0.25;
    const ctx = { alloc: (_d: string, length: number) => new Float32Array(buffer, 4 * 120, length), version: 13 } as never;
    const [y] = (await runSlice(ctx, [new Tensor('float32', xs, [3, 4, 5]), i64([1]), i64([3]), i64([1])], {})) as Tensor[];
    expect((y.data as Float32Array).buffer).toBe(buffer);
    expect(y.dims).toEqual([3, 2, 5]);
    expect(Array.from(y.data as Float32Array)).toEqual(Array.from({ length: 30 }, (_, o) => Math.floor(o / 10) * 20 + 5 + (o % 10) + 0.25));
  });
});

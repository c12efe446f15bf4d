/**
 * The transformer kernels of the wasm provider (attention, layernorm, gelu modules) against the
 * reference: both FusedAttention layouts (heads-first, and sequence-first with packed heads, with
 * and without one packed QKV input), masks broadcasting along each axis, key counts that are not a
 * multiple of 4, LayerNormalization and SkipLayerNormalization with and without B.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Tensor } from '../../src/ir/tensor.js';
import { getRuntime } from '../../src/kernels/wasm/runtime.js';
import { randomTensor, runBoth, worstError } from './harness.js';

beforeAll(async () => { await getRuntime(); });

async function check(op: string, domain: string, version: number, inputs: (Tensor | undefined)[], attrs: Record<string, unknown>, constant: number[] = []) {
  const { wasm, ref } = await runBoth(op, domain, version, inputs, attrs, constant);
  expect(wasm.dims).toEqual(ref.dims);
  expect(worstError(wasm, ref)).toBeLessThanOrEqual(1);
}

/** A mask with some -1e9 entries (masked keys), like the exported Where(mask, -inf-ish, 0). */
function maskTensor(dims: number[], seed: number): Tensor {
  const t = randomTensor(dims, seed);
  const d = t.data as Float32Array;
  for (let i = 0; i < d.length; i++) d[i] = d[i] > 0.6 ? -1e9 : d[i];
  return t;
}

describe('FusedAttention [wasm]', () => {
  // [batch dims, Sq, Skv, D, Dv, mask dims]
  const headsFirst: [number[], number, number, number, number, number[] | undefined][] = [
    [[4], 16, 16, 32, 32, [4, 1, 16]],
    [[2, 3], 5, 7, 6, 8, [7]],
    [[3], 1, 1, 1, 4, undefined],
    [[2], 9, 13, 5, 12, [2, 9, 13]],
    [[2, 2], 4, 6, 8, 4, [2, 1, 1, 6]],
  ];
  for (const [batch, Sq, Skv, D, Dv, m] of headsFirst) {
    it(`FusedAttention-v1 [wasm] Q=[${batch},${Sq},${D}] K=[${batch},${D},${Skv}] V=[${batch},${Skv},${Dv}] mask=[${m ?? 'none'}]`, async () => {
      await check('FusedAttention', 'com.onnx-ts', 1, [randomTensor([...batch, Sq, D], 1), randomTensor([...batch, D, Skv], 2),
        randomTensor([...batch, Skv, Dv], 3), m && maskTensor(m, 4)], { scale: 0.3 });
    });
  }
  // [Sq, Skv, B, H, D, packed, mask dims]
  const packed: [number, number, number, number, number, boolean, number[] | undefined][] = [
    [16, 16, 1, 4, 32, true, [4, 1, 16]],
    [5, 5, 2, 3, 4, true, [6, 5, 5]],
    [3, 7, 2, 2, 8, false, [7]],
    [6, 6, 3, 1, 4, true, undefined],
  ];
  for (const [Sq, Skv, B, H, D, isPacked, m] of packed) {
    it(`FusedAttention-v1 [wasm] num_heads=${H} S=${Sq}/${Skv} B=${B} D=${D} ${isPacked ? 'packed QKV' : 'separate Q, K, V'} mask=[${m ?? 'none'}]`, async () => {
      const E = H * D;
      const inputs = isPacked
        ? [randomTensor([Sq, B, 3 * E], 5), undefined, undefined]
        : [randomTensor([Sq, B, E], 5), randomTensor([Skv, B, E], 6), randomTensor([Skv, B, E], 7)];
      await check('FusedAttention', 'com.onnx-ts', 1, [...inputs, m && maskTensor(m, 8)], { scale: 0.25, num_heads: H });
    });
  }
  it('gives a -∞-masked key no weight, even where its V is huge (exp below float32\'s normal range is 0)', async () => {
    // Clamped, exp(-∞) was the smallest normal float: 1.2e-38 · 3e38 put 3.5 into the weighted sum.
    const v = randomTensor([1, 6, 4], 3);
    (v.data as Float32Array).fill(3e38, 2 * 4, 3 * 4);
    const mask = new Tensor('float32', new Float32Array([0, 0, -Infinity, 0, 0, 0]), [6]);
    await check('FusedAttention', 'com.onnx-ts', 1, [randomTensor([1, 4, 8], 1), randomTensor([1, 8, 6], 2), v, mask], { scale: 0.3 });
  });
});

describe('LayerNormalization [wasm]', () => {
  for (const [dims, withB] of [[[16, 128], true], [[2, 3, 8], false], [[1, 4], true]] as [number[], boolean][]) {
    const cols = dims[dims.length - 1];
    it(`LayerNormalization-v17 [wasm] X=[${dims}]${withB ? ' with B' : ''}`, async () => {
      await check('LayerNormalization', '', 17, [randomTensor(dims, 9), randomTensor([cols], 10), withB ? randomTensor([cols], 11) : undefined], { epsilon: 1e-5 }, [1, 2]);
    });
    it(`SkipLayerNormalization-v1 [wasm] X=[${dims}]${withB ? ' with B' : ''}`, async () => {
      await check('SkipLayerNormalization', 'com.onnx-ts', 1, [randomTensor(dims, 12), randomTensor(dims, 13), randomTensor([cols], 14),
        withB ? randomTensor([cols], 15) : undefined], { epsilon: 1e-12 }, [2, 3]);
    });
  }
});

describe('Gelu epilogue [wasm]', () => {
  it('FusedMatMul-v1 [wasm] activation=Gelu over a wide range (erf clamps at |x/√2| = 4)', async () => {
    const a = randomTensor([7, 3], 16);
    (a.data as Float32Array).forEach((v, i, d) => { d[i] = v * 6; });
    await check('FusedMatMul', 'com.onnx-ts', 1, [a, randomTensor([3, 9], 17), randomTensor([9], 18)], { activation: 'Gelu' }, [1, 2]);
  });
});

describe('Gelu and Reshape [wasm]', () => {
  it('Gelu-v1 (com.onnx-ts) [wasm] X=[3,7] (a tail shorter than one vector)', async () => {
    await check('Gelu', 'com.onnx-ts', 1, [randomTensor([3, 7], 19)], {});
  });
  const int64 = (v: number[]) => new Tensor('int64', BigInt64Array.from(v.map(BigInt)), [v.length]);
  for (const [dims, shape] of [[[16, 1, 128], [16, 128]], [[2, 3, 4], [0, -1]], [[2, 3, 4], [-1]], [[6], [2, 0]]] as [number[], number[]][]) {
    it(`Reshape-v21 [wasm] X=[${dims}] shape=[${shape}]`, async () => {
      let wasm, ref;
      try { ({ wasm, ref } = await runBoth('Reshape', '', 21, [randomTensor(dims, 20), int64(shape)], { allowzero: 0 })); } catch (e) {
        // [6] → [2, 0]: the 0 copies a dim the input does not have; both kernels must refuse it.
        expect(String(e)).toMatch(/reshape/i);
        return;
      }
      expect(wasm.dims).toEqual(ref.dims);
      expect(wasm.data).toBe(ref.data);
    });
  }
});

describe('Gather [wasm]', () => {
  const idx64 = (v: number[], dims: number[]) => new Tensor('int64', BigInt64Array.from(v.map(BigInt)), dims);
  const cases: [number[], number[], number[], number][] = [
    [[50, 8], [3, 0, -1, 49], [1, 4], 0],
    [[2, 5, 3], [4, -5], [2], 1],
    [[4, 6], [5], [], 1],
  ];
  for (const [dims, values, idims, axis] of cases) {
    it(`Gather-v13 [wasm] data=[${dims}] indices=[${values}] axis=${axis}`, async () => {
      const { wasm, ref } = await runBoth('Gather', '', 13, [randomTensor(dims, 21), idx64(values, idims)], { axis });
      expect(wasm.dims).toEqual(ref.dims);
      expect(Array.from(wasm.data as Float32Array)).toEqual(Array.from(ref.data as Float32Array));
    });
  }
});

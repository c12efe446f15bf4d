/**
 * Statistical checks of the random ops' reference kernels. ONNX's own tests compare exact draws
 * from numpy's generator, which no other runtime reproduces; these check what the spec promises:
 * shape, dtype, seeded repeatability, and the distribution's moments over N = 20000 draws.
 */
import { describe, expect, it } from 'vitest';
import { Bernoulli } from '../src/ir/ops/random/bernoulli.js';
import { Multinomial } from '../src/ir/ops/random/multinomial.js';
import { RandomNormal } from '../src/ir/ops/random/random-normal.js';
import { RandomNormalLike } from '../src/ir/ops/random/random-normal-like.js';
import { RandomUniform } from '../src/ir/ops/random/random-uniform.js';
import { RandomUniformLike } from '../src/ir/ops/random/random-uniform-like.js';
import type { AttrSpec, OpSpec, RunContext, Value } from '../src/ir/ops/spec.js';
import { createRandom } from '../src/runtime/random.js';
import { Tensor, readNumbers } from '../src/ir/tensor.js';
import { ONNX_DATA_TYPE } from '../src/ir/dtype.js';

const N = 20000;

/** Runs a spec's reference kernel with a hand-built context: spec defaults, then `attrs`. */
function run(spec: OpSpec<any>, attrs: Record<string, unknown>, inputs: Value[] = [], sessionSeed = 1): Tensor {
  const filled: Record<string, unknown> = {};
  for (const [name, a] of Object.entries(spec.attributes as Record<string, AttrSpec>)) if (a.default !== undefined) filled[name] = a.default;
  Object.assign(filled, attrs);
  const session = createRandom(sessionSeed);
  const ctx: RunContext = {
    attrs: filled as never,
    version: spec.versions[spec.versions.length - 1],
    opset: spec.versions[spec.versions.length - 1],
    node: { name: 'n', op: spec.name, domain: spec.domain, inputs: [], outputs: ['y'], attributes: new Map() },
    outputCount: 1,
    inputs,
    runGraph: () => { throw new Error('no subgraphs'); },
    random: (seed) => (seed === undefined ? session.next : createRandom(seed).next),
  };
  const out = spec.reference(ctx);
  if (out instanceof Promise) throw new Error('random ops are synchronous');
  return out[0] as Tensor;
}

function moments(t: Tensor): { mean: number; variance: number } {
  const v = readNumbers(t);
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  const variance = v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length;
  return { mean, variance };
}

describe('RandomUniform', () => {
  it('RandomUniform-22 low=-2 high=4: shape, dtype, moments', () => {
    const t = run(RandomUniform, { shape: [100, 200], low: -2, high: 4, seed: 3 });
    expect(t.type).toBe('float32');
    expect(t.dims).toEqual([100, 200]);
    const v = readNumbers(t);
    expect(Math.min(...v)).toBeGreaterThanOrEqual(-2);
    expect(Math.max(...v)).toBeLessThan(4);
    const { mean, variance } = moments(t);
    // U[a, b): mean (a+b)/2 = 1, variance (b-a)²/12 = 3; the standard error of the mean is ~0.012.
    expect(mean).toBeCloseTo(1, 1);
    expect(Math.abs(variance - 3)).toBeLessThan(0.1);
  });

  it('RandomUniform-22 seed: same seed repeats, another seed differs', () => {
    const a = readNumbers(run(RandomUniform, { shape: [64], seed: 7 }, [], 1));
    const b = readNumbers(run(RandomUniform, { shape: [64], seed: 7 }, [], 2));
    const c = readNumbers(run(RandomUniform, { shape: [64], seed: 8 }, [], 1));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('RandomUniform-22 dtype=float64 and dtype=float16', () => {
    expect(run(RandomUniform, { shape: [3], dtype: ONNX_DATA_TYPE.float64 }).type).toBe('float64');
    expect(run(RandomUniform, { shape: [3], dtype: ONNX_DATA_TYPE.float16 }).type).toBe('float16');
    expect(() => run(RandomUniform, { shape: [3], dtype: ONNX_DATA_TYPE.int32 })).toThrow(/int32/);
  });
});

describe('RandomNormal', () => {
  it('RandomNormal-22 mean=3 scale=2: shape, dtype, moments', () => {
    const t = run(RandomNormal, { shape: [N], mean: 3, scale: 2, seed: 11 });
    expect(t.type).toBe('float32');
    expect(t.dims).toEqual([N]);
    const { mean, variance } = moments(t);
    // Standard error of the mean: 2/sqrt(20000) ≈ 0.014; of the variance: 4*sqrt(2/20000) ≈ 0.04.
    expect(Math.abs(mean - 3)).toBeLessThan(0.06);
    expect(Math.abs(variance - 4)).toBeLessThan(0.2);
  });

  it('RandomNormal-22 odd element count fills every entry', () => {
    const v = readNumbers(run(RandomNormal, { shape: [3, 3], seed: 1 }));
    expect(v.every((x) => Number.isFinite(x) && x !== 0)).toBe(true);
  });

  it('RandomNormal-22 seed repeats; unseeded draws follow the session stream', () => {
    expect(readNumbers(run(RandomNormal, { shape: [16], seed: 5 }, [], 1))).toEqual(readNumbers(run(RandomNormal, { shape: [16], seed: 5 }, [], 9)));
    expect(readNumbers(run(RandomNormal, { shape: [16] }, [], 1))).toEqual(readNumbers(run(RandomNormal, { shape: [16] }, [], 1)));
    expect(readNumbers(run(RandomNormal, { shape: [16] }, [], 1))).not.toEqual(readNumbers(run(RandomNormal, { shape: [16] }, [], 2)));
  });
});

describe('RandomUniformLike / RandomNormalLike', () => {
  const like = new Tensor('float64', new Float64Array(N), [200, 100]);

  it('RandomUniformLike-22 takes shape and type from the input', () => {
    const t = run(RandomUniformLike, { low: 10, high: 12, seed: 2 }, [like]);
    expect(t.type).toBe('float64');
    expect(t.dims).toEqual([200, 100]);
    const { mean, variance } = moments(t);
    expect(Math.abs(mean - 11)).toBeLessThan(0.02);
    expect(Math.abs(variance - 4 / 12)).toBeLessThan(0.02);
  });

  it('RandomNormalLike-22 dtype attribute overrides the input type', () => {
    const ints = new Tensor('int32', new Int32Array(N), [N]);
    const t = run(RandomNormalLike, { dtype: ONNX_DATA_TYPE.float32, scale: 0.5, seed: 4 }, [ints]);
    expect(t.type).toBe('float32');
    const { mean, variance } = moments(t);
    expect(Math.abs(mean)).toBeLessThan(0.015);
    expect(Math.abs(variance - 0.25)).toBeLessThan(0.015);
    // Without dtype, an int input is not a valid output type.
    expect(() => run(RandomNormalLike, {}, [ints])).toThrow(/int32/);
  });
});

describe('Bernoulli', () => {
  it('Bernoulli-22 p=0.3: 0/1 values with mean p and variance p(1-p)', () => {
    const p = Tensor.fromValues('float32', [N], new Float64Array(N).fill(0.3));
    const t = run(Bernoulli, { seed: 6 }, [p]);
    expect(t.type).toBe('float32');
    expect(t.dims).toEqual([N]);
    const v = readNumbers(t);
    expect(v.every((x) => x === 0 || x === 1)).toBe(true);
    const { mean, variance } = moments(t);
    expect(Math.abs(mean - 0.3)).toBeLessThan(0.015);
    expect(Math.abs(variance - 0.21)).toBeLessThan(0.015);
  });

  it('Bernoulli-22 p=0 and p=1 are certain; dtype=bool', () => {
    const p = new Tensor('float64', [0, 1, 0, 1], [2, 2]);
    const t = run(Bernoulli, { dtype: ONNX_DATA_TYPE.bool }, [p]);
    expect(t.type).toBe('bool');
    expect(Array.from(t.data as Uint8Array)).toEqual([0, 1, 0, 1]);
  });
});

describe('Multinomial', () => {
  it('Multinomial-22 sample_size=20000: class frequencies match softmax(input)', () => {
    const probs = [0.1, 0.2, 0.7];
    const logits = new Tensor('float32', probs.map((p) => Math.log(p) + 5), [1, 3]);
    const t = run(Multinomial, { sample_size: N, seed: 9 }, [logits]);
    expect(t.type).toBe('int32');
    expect(t.dims).toEqual([1, N]);
    const counts = [0, 0, 0];
    for (const c of readNumbers(t)) counts[c]++;
    // Each frequency's standard error is at most sqrt(0.25/20000) ≈ 0.0035.
    probs.forEach((p, c) => expect(Math.abs(counts[c] / N - p)).toBeLessThan(0.015));
  });

  it('Multinomial-22 dtype=int64, two rows sample independently and repeat by seed', () => {
    const logits = new Tensor('float64', [0, -Infinity, -Infinity, 0], [2, 2]);
    const t = run(Multinomial, { sample_size: 5, dtype: ONNX_DATA_TYPE.int64, seed: 1 }, [logits]);
    expect(t.type).toBe('int64');
    expect(readNumbers(t)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
  });
});

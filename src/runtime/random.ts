/**
 * Seeded pseudo-random numbers for the random ops (RandomUniform, Dropout, Bernoulli, …): numpy's
 * legacy `RandomState(seed).random_sample()` stream — MT19937 seeded with `init_genrand`, each
 * double built from two 32-bit draws (27 + 26 bits). Some ONNX backend tests of seeded ops were
 * generated with it (the training-mode Dropout tests), so sharing numpy's stream reproduces them;
 * no runtime is required to, and statistical tests check the distributions.
 */
export function createRandom(seed: number) {
  return { next: numpyRandom(Math.trunc(seed) >>> 0) };
}

const N = 624, M = 397;

/** Uniform doubles in [0, 1) identical to numpy's `np.random.seed(seed); np.random.random_sample()`. */
function numpyRandom(seed: number): () => number {
  const mt = new Uint32Array(N);
  mt[0] = seed >>> 0;
  for (let i = 1; i < N; i++) {
    const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
    mt[i] = (Math.imul(1812433253, prev) + i) >>> 0;
  }
  let index = N;
  const next32 = (): number => {
    if (index >= N) {
      for (let i = 0; i < N; i++) {
        const y = (mt[i] & 0x80000000) | (mt[(i + 1) % N] & 0x7fffffff);
        mt[i] = mt[(i + M) % N] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
      }
      index = 0;
    }
    let y = mt[index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  };
  return () => ((next32() >>> 5) * 67108864 + (next32() >>> 6)) / 9007199254740992;
}

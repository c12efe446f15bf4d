/**
 * Seeded pseudo-random numbers for the random ops (RandomUniform, Bernoulli, …). mulberry32: small,
 * fast, and good enough for statistical tests; runtimes are not required to match each other's streams.
 */
export function createRandom(seed: number) {
  let s = (Math.floor(seed * 1000003) ^ 0x9e3779b9) >>> 0;
  const next = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next };
}

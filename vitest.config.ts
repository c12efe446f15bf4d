import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'conformance/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Model tests hold large weights; one worker per core keeps memory predictable on 2-core CI.
    pool: 'forks',
    // Recycled buffers start as NaN in tests, so a kernel that leaves an element unwritten fails
    // instead of passing on stale data (src/runtime/buffer-pool.ts).
    env: { ONNX_TS_POISON_POOL: '1' },
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'conformance/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Model tests hold large weights; one worker per core keeps memory predictable on 2-core CI.
    pool: 'forks',
  },
});

import { defineConfig } from 'vitest/config';

/** `npm run bench`: speed is measured here, never asserted in `npm test`. */
export default defineConfig({
  test: {
    include: ['tests/bench/**/*.bench.test.ts'],
    environment: 'node',
    testTimeout: 900_000,
    hookTimeout: 900_000,
    fileParallelism: false,
  },
});

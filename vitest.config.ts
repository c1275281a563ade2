import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
    reporters: ['default', './test/support/summaryReporter.ts'],
    hookTimeout: 60_000,
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    // hands the PostgreSQL tests the folder of the run's throw-away cluster, and stops that cluster at the end
    globalSetup: ['./test/support/postgresGlobalSetup.ts'],
    testTimeout: 30_000,
    reporters: ['default', './test/support/summaryReporter.ts'],
    hookTimeout: 60_000,
    // browser and real-time tests share two cores with the rest of the suite: waits are generous, never tight
    expect: { poll: { timeout: 10_000, interval: 50 } },
  },
});

import { defineConfig } from 'vitest/config';

// Tests that judge audio timing against a real clock (RTP pacing, detection latency, barge-in): under the rest of the suite's
// load on two cores their frames arrive late and their bounds fail now and then, so they run after everything else, one file
// at a time, with the same bounds.
const MEDIA_TIMING_TESTS = [
  'test/sip/sipAmd.test.ts',
  'test/sip/sipRealtime.test.ts',
  'test/media/screenedCall.test.ts',
  'test/media/linkedEngine.test.ts',
];

export default defineConfig({
  test: {
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
    reporters: ['default', './test/support/summaryReporter.ts'],
    hookTimeout: 60_000,
    // browser and real-time tests share two cores with the rest of the suite: waits are generous, never tight
    expect: { poll: { timeout: 10_000, interval: 50 } },
    projects: [
      {
        extends: true,
        test: {
          name: 'suite',
          include: ['test/**/*.test.ts'],
          exclude: MEDIA_TIMING_TESTS,
          // hands the PostgreSQL tests the folder of the run's throw-away cluster, and stops that cluster at the end
          globalSetup: ['./test/support/postgresGlobalSetup.ts'],
        },
      },
      {
        extends: true,
        test: { name: 'media timing', include: MEDIA_TIMING_TESTS, fileParallelism: false, sequence: { groupOrder: 1 } },
      },
    ],
  },
});

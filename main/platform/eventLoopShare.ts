import { setImmediate as nextTurn } from 'node:timers/promises';

/** Main-thread work a long job may do before it lets timers and I/O run (the RTP pacer sends a frame every 20 ms). */
const BUDGET_MS = 4;

/**
 * For a long job on the main thread: `await share()` after each small unit of work yields to the event loop once
 * the job has run for BUDGET_MS since it last did, and returns at once otherwise.
 */
export function eventLoopShare(): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < BUDGET_MS) return;
    await nextTurn();
    since = performance.now();
  };
}

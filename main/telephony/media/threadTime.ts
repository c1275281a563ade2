/*
 * performance.now() counts from each thread's own start, so a time read on the media thread means nothing on the
 * main thread as it is. process.hrtime is one monotonic clock for the whole process: times cross between threads
 * as hrtime ms, each thread converting with the offset of its own performance timeline (fixed, as both count
 * the same monotonic clock).
 */
const hrtimeMs = () => Number(process.hrtime.bigint()) / 1e6;

/**
 * The offset, read between two reads of performance.now(): the first calls of either can take a millisecond
 * to set up, which would skew one read against the other, so the narrowest of a few brackets is kept.
 */
function measureOffset(): number {
  let best = { width: Infinity, offset: 0 };
  for (let i = 0; i < 5; i++) {
    const before = performance.now();
    const hr = hrtimeMs();
    const after = performance.now();
    if (after - before < best.width) best = { width: after - before, offset: hr - (before + after) / 2 };
  }
  return best.offset;
}
const OFFSET = measureOffset();

/** A performance.now() time of this thread, as the process-wide time another thread can read. */
export const toProcessTime = (now: number): number => now + OFFSET;

/** A process-wide time, on this thread's performance.now() timeline. */
export const fromProcessTime = (time: number): number => time - OFFSET;

/*
 * performance.now() counts from each thread's own start, so a time read on the media thread means nothing on the
 * main thread as it is. process.hrtime is one monotonic clock for the whole process: times cross between threads
 * as hrtime ms, each thread converting with the offset of its own performance timeline (fixed, as both count
 * the same monotonic clock).
 */
const hrtimeMs = () => Number(process.hrtime.bigint()) / 1e6;
const OFFSET = hrtimeMs() - performance.now();

/** A performance.now() time of this thread, as the process-wide time another thread can read. */
export const toProcessTime = (now: number): number => now + OFFSET;

/** A process-wide time, on this thread's performance.now() timeline. */
export const fromProcessTime = (time: number): number => time - OFFSET;

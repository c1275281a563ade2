/** Frames a late timer may still send at once; slots missed beyond that are skipped, not burst out. */
const MAX_CATCH_UP = 5;

/**
 * Calls `tick(slot)` for every `periodMs` slot since `startedAt` (a performance.now() time; slot 0 at
 * once) on real timers: media is real time, so this does not use the dialer's injectable clock. Each
 * timeout is aimed at the next slot's start, so timer lateness does not accumulate into drift.
 * Returns the function that stops it.
 */
export function startPacer(periodMs: number, startedAt: number, tick: (slot: number) => void): () => void {
  let next = 0;
  let timer: NodeJS.Timeout | undefined;
  const run = () => {
    const due = Math.floor((performance.now() - startedAt) / periodMs) + 1;
    next = Math.max(next, due - MAX_CATCH_UP);
    while (next < due) tick(next++);
    timer = setTimeout(run, Math.max(0, startedAt + next * periodMs - performance.now()));
  };
  run();
  return () => clearTimeout(timer);
}

/** Frames a late timer may still send at once; slots missed beyond that are skipped, not burst out. */
const MAX_CATCH_UP = 5;

export interface Pacer {
  stop(): void;
  /** Slots whose frame went out more than one period after the slot began, or never (skipped): audio a listener hears break up. */
  readonly lateFrames: number;
}

/**
 * Calls `tick(slot)` for every `periodMs` slot since `startedAt` (a performance.now() time; slot 0 at
 * once) on real timers: media is real time, so this does not use the dialer's injectable clock. Each
 * timeout is aimed at the next slot's start, so timer lateness does not accumulate into drift.
 */
export function startPacer(periodMs: number, startedAt: number, tick: (slot: number) => void): Pacer {
  let next = 0;
  let lateFrames = 0;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const run = () => {
    const now = performance.now();
    // slot 0 goes out at once even when startedAt is a hair ahead (a time from another thread)
    const due = Math.max(1, Math.floor((now - startedAt) / periodMs) + 1);
    const resumeAt = Math.max(next, due - MAX_CATCH_UP);
    lateFrames += resumeAt - next;
    // a tick may stop the pacer (its call is over): nothing more is sent or scheduled then
    for (next = resumeAt; next < due && !stopped; next++) {
      if (now - (startedAt + next * periodMs) > periodMs) lateFrames++;
      tick(next);
    }
    if (!stopped) timer = setTimeout(run, Math.max(0, startedAt + next * periodMs - performance.now()));
  };
  run();
  return {
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
    get lateFrames() {
      return lateFrames;
    },
  };
}

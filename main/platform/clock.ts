/** Time for the dialer: UTC epoch ms and timers, real in the app, virtual in simulations and tests. */
export interface Clock {
  now(): number;
  /** Runs `run` once `now()` reaches `at`; returns a handle for cancel(). */
  at(at: number, run: () => void): number;
  cancel(handle: number): void;
}

/** The wall clock. */
export function realClock(): Clock {
  const timers = new Map<number, NodeJS.Timeout>();
  let next = 1;
  return {
    now: () => Date.now(),
    at(at, run) {
      const id = next++;
      // setTimeout holds at most ~24.8 days; a later wake-up re-arms on the way
      const arm = () => {
        const wait = at - Date.now();
        if (wait <= 0) {
          timers.delete(id);
          run();
          return;
        }
        timers.set(id, setTimeout(arm, Math.min(wait, 2 ** 31 - 1)));
      };
      arm();
      return id;
    },
    cancel(handle) {
      clearTimeout(timers.get(handle));
      timers.delete(handle);
    },
  };
}

/**
 * A clock that only moves when told: `runUntil` fires timers in time order, letting each one's async
 * work settle before moving on, so a month of dialing runs in seconds and always the same way.
 */
export class VirtualClock implements Clock {
  private time: number;
  private nextId = 1;
  /** Pending timers, kept sorted by (at, id); few are pending at once, so sorted insertion is enough. */
  private readonly queue: { at: number; lane: number; id: number; run: () => unknown }[] = [];
  private readonly cancelled = new Set<number>();

  constructor(start: number) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  /**
   * A callback may return a promise; the clock waits for it before moving on. At one instant, timers of
   * a lower lane run first (a scenario's own events go before the app's timers), then in order of creation.
   */
  at(at: number, run: () => unknown, lane = 1): number {
    const timer = { at: Math.max(at, this.time), lane, id: this.nextId++, run };
    let lo = 0;
    let hi = this.queue.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const other = this.queue[mid];
      if (other.at < timer.at || (other.at === timer.at && other.lane <= timer.lane)) lo = mid + 1;
      else hi = mid;
    }
    this.queue.splice(lo, 0, timer);
    return timer.id;
  }

  cancel(handle: number): void {
    this.cancelled.add(handle);
  }

  /** The instant of the next pending timer, or null. */
  peek(): number | null {
    while (this.queue.length && this.cancelled.delete(this.queue[0].id)) this.queue.shift();
    return this.queue.length ? this.queue[0].at : null;
  }

  /**
   * Fires every timer due by `until` (or until `stop()` says so), then sets the time to `until`.
   * `beforeEach` runs before every timer (a simulation groups its commits there).
   */
  async runUntil(until: number, stop: () => boolean = () => false, beforeEach: () => void = () => {}): Promise<void> {
    await settle();
    for (;;) {
      if (stop()) return;
      const next = this.peek();
      if (next === null || next > until) break;
      beforeEach();
      const timer = this.queue.shift()!;
      this.time = timer.at;
      const result = timer.run();
      if (result instanceof Promise) await result;
    }
    this.time = Math.max(this.time, until);
  }
}

/** Lets every promise chain started so far run to its end (the store answers synchronously underneath). */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

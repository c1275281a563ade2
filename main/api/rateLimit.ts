const HOUR = 3_600_000;

/** Events per key in a rolling window (an hour unless told), counted in memory (one process serves the API). */
export function createRateLimiter(limit: number, { windowMs = HOUR, now = Date.now }: { windowMs?: number; now?: () => number } = {}) {
  const hits = new Map<string, number[]>();

  /** Seconds to wait while the key is at its limit, else 0; records nothing. */
  function wait(key: string): number {
    const at = now();
    const recent = (hits.get(key) ?? []).filter((t) => at - t < windowMs);
    hits.set(key, recent);
    return recent.length >= limit ? Math.ceil((recent[0] + windowMs - at) / 1000) : 0;
  }

  /** Records an event unless the key is at its limit; returns the seconds to wait then, else 0. */
  function take(key: string): number {
    const seconds = wait(key);
    if (seconds === 0) hits.get(key)!.push(now());
    return seconds;
  }

  return { wait, take };
}

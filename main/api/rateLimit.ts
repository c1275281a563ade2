/** Requests per key per rolling hour, counted in memory (one process serves the API). */
export function createRateLimiter(limitPerHour: number, now: () => number = Date.now) {
  const HOUR = 3_600_000;
  const hits = new Map<string, number[]>();
  return {
    /** Records a request; returns seconds to wait when the key is over its limit, else 0. */
    take(key: string): number {
      const at = now();
      const recent = (hits.get(key) ?? []).filter((t) => at - t < HOUR);
      if (recent.length >= limitPerHour) {
        hits.set(key, recent);
        return Math.ceil((recent[0] + HOUR - at) / 1000);
      }
      recent.push(at);
      hits.set(key, recent);
      return 0;
    },
  };
}

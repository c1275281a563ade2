import { monitorEventLoopDelay } from 'node:perf_hooks';

/** Wall time of one run, in ms. */
export async function timeMs(run: () => unknown): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function report(name: string, figures: Record<string, string | number>): void {
  const parts = Object.entries(figures).map(([k, v]) => `${k}=${typeof v === 'number' ? +v.toFixed(2) : v}`);
  process.stdout.write(`${name}: ${parts.join('  ')}\n`);
}

/**
 * Resolves as `work` does, or fails with one line naming what was not measured once `limitMs` has passed: a bench
 * that cannot measure (nothing dialed, a peer that never answers) says so instead of hanging.
 */
export async function withinLimit<T>(work: Promise<T>, limitMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: nothing to measure after ${limitMs / 1000} s`)), limitMs);
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `rounds` runs of each arm, alternating which goes first, so a drift in the machine's load (another process
 * starting or stopping) and the warming of the JIT weigh on both alike; a figure is then the median of its rounds.
 */
export async function interleaved<A, B>(
  rounds: number,
  first: (round: number) => Promise<A>,
  second: (round: number) => Promise<B>,
): Promise<{ first: A; second: B }[]> {
  const results: { first: A; second: B }[] = [];
  for (let round = 0; round < rounds; round++) {
    if (round % 2 === 0) results.push({ first: await first(round), second: await second(round) });
    else {
      const ranSecond = await second(round);
      results.push({ first: await first(round), second: ranSecond });
    }
  }
  return results;
}

export const median = (samples: number[]): number => percentile(samples, 50);

/** CPU ms (user + system, every thread of this process) used since `start` (a process.cpuUsage()). */
export function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** What `work` resolves with, and this process's event-loop delay (p99 and max, ms) and CPU ms while it ran. */
export async function watched<T>(work: () => Promise<T>): Promise<{ result: T; loopDelayP99Ms: number; loopDelayMaxMs: number; cpuMs: number }> {
  const loop = monitorEventLoopDelay({ resolution: 2 });
  const cpuStart = process.cpuUsage();
  loop.enable();
  const result = await work();
  loop.disable();
  return { result, loopDelayP99Ms: loop.percentile(99) / 1e6, loopDelayMaxMs: loop.max / 1e6, cpuMs: cpuMsSince(cpuStart) };
}

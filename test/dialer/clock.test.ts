import { describe, expect, it } from 'vitest';
import { realClock, settle, VirtualClock } from '../../main/platform/clock';

const T0 = Date.parse('2026-01-12T14:00:00Z');

describe('VirtualClock', () => {
  it('starts at the given instant and does not move by itself', async () => {
    const clock = new VirtualClock(T0);
    expect(clock.now()).toBe(T0);
    await new Promise((r) => setTimeout(r, 5));
    expect(clock.now()).toBe(T0);
    expect(clock.peek()).toBeNull();
  });

  it('fires timers in time order, each at its own instant', async () => {
    const clock = new VirtualClock(T0);
    const fired: [string, number][] = [];
    clock.at(T0 + 300, () => fired.push(['c', clock.now()]));
    clock.at(T0 + 100, () => fired.push(['a', clock.now()]));
    clock.at(T0 + 200, () => fired.push(['b', clock.now()]));
    expect(clock.peek()).toBe(T0 + 100);
    await clock.runUntil(T0 + 1000);
    expect(fired).toEqual([
      ['a', T0 + 100],
      ['b', T0 + 200],
      ['c', T0 + 300],
    ]);
    expect(clock.now()).toBe(T0 + 1000);
  });

  it('fires only what is due by `until`, leaving later timers pending', async () => {
    const clock = new VirtualClock(T0);
    const fired: number[] = [];
    clock.at(T0 + 100, () => fired.push(1));
    clock.at(T0 + 500, () => fired.push(2));
    await clock.runUntil(T0 + 499);
    expect(fired).toEqual([1]);
    expect(clock.now()).toBe(T0 + 499);
    expect(clock.peek()).toBe(T0 + 500);
    await clock.runUntil(T0 + 500);
    expect(fired).toEqual([1, 2]);
  });

  it('a timer exactly at `until` fires', async () => {
    const clock = new VirtualClock(T0);
    let fired = false;
    clock.at(T0 + 10, () => (fired = true));
    await clock.runUntil(T0 + 10);
    expect(fired).toBe(true);
  });

  it('never moves backwards', async () => {
    const clock = new VirtualClock(T0);
    await clock.runUntil(T0 + 1000);
    await clock.runUntil(T0 + 10);
    expect(clock.now()).toBe(T0 + 1000);
  });

  it('a timer set in the past fires at the current time, not before it', async () => {
    const clock = new VirtualClock(T0);
    await clock.runUntil(T0 + 1000);
    let when = 0;
    clock.at(T0, () => (when = clock.now()));
    expect(clock.peek()).toBe(T0 + 1000);
    await clock.runUntil(T0 + 1000);
    expect(when).toBe(T0 + 1000);
  });

  it('cancel stops a timer from firing; others still fire', async () => {
    const clock = new VirtualClock(T0);
    const fired: string[] = [];
    const a = clock.at(T0 + 100, () => fired.push('a'));
    clock.at(T0 + 200, () => fired.push('b'));
    const c = clock.at(T0 + 300, () => fired.push('c'));
    clock.cancel(a);
    clock.cancel(c);
    expect(clock.peek()).toBe(T0 + 200);
    await clock.runUntil(T0 + 1000);
    expect(fired).toEqual(['b']);
    expect(clock.peek()).toBeNull();
  });

  it('cancel from inside a callback stops a later timer of the same instant', async () => {
    const clock = new VirtualClock(T0);
    const fired: string[] = [];
    let second = 0;
    clock.at(T0 + 100, () => {
      fired.push('first');
      clock.cancel(second);
    });
    second = clock.at(T0 + 100, () => fired.push('second'));
    await clock.runUntil(T0 + 200);
    expect(fired).toEqual(['first']);
  });

  it('cancelling an unknown or already fired handle is harmless', async () => {
    const clock = new VirtualClock(T0);
    const fired: string[] = [];
    const a = clock.at(T0 + 1, () => fired.push('a'));
    await clock.runUntil(T0 + 2);
    clock.cancel(a);
    clock.cancel(12345);
    clock.at(T0 + 3, () => fired.push('b'));
    await clock.runUntil(T0 + 4);
    expect(fired).toEqual(['a', 'b']);
  });

  it('timers at the same instant fire first-in first-out, also ones added while firing', async () => {
    const clock = new VirtualClock(T0);
    const fired: string[] = [];
    for (const name of ['a', 'b', 'c', 'd']) {
      clock.at(T0 + 50, () => {
        fired.push(name);
        if (name === 'b') clock.at(T0 + 50, () => fired.push('b-child'));
        if (name === 'b') clock.at(clock.now(), () => fired.push('b-now'));
      });
    }
    clock.at(T0 + 49, () => fired.push('early'));
    clock.at(T0 + 51, () => fired.push('late'));
    await clock.runUntil(T0 + 100);
    expect(fired).toEqual(['early', 'a', 'b', 'c', 'd', 'b-child', 'b-now', 'late']);
  });

  it('timers set by a callback within the run fire in the same run', async () => {
    const clock = new VirtualClock(T0);
    const fired: number[] = [];
    const chain = (n: number) => {
      fired.push(clock.now() - T0);
      if (n > 0) clock.at(clock.now() + 10, () => chain(n - 1));
    };
    clock.at(T0, () => chain(5));
    await clock.runUntil(T0 + 45);
    expect(fired).toEqual([0, 10, 20, 30, 40]);
    expect(clock.peek()).toBe(T0 + 50);
  });

  it('runUntil stops as soon as the stop condition holds, before firing the next timer', async () => {
    const clock = new VirtualClock(T0);
    const fired: number[] = [];
    for (let i = 1; i <= 10; i++) clock.at(T0 + i * 100, () => fired.push(i));
    await clock.runUntil(T0 + 10_000, () => fired.length >= 3);
    expect(fired).toEqual([1, 2, 3]);
    // time stays where the last timer fired, the rest are still pending
    expect(clock.now()).toBe(T0 + 300);
    expect(clock.peek()).toBe(T0 + 400);
    await clock.runUntil(T0 + 10_000);
    expect(fired).toHaveLength(10);
  });

  it('a stop condition true from the start fires nothing', async () => {
    const clock = new VirtualClock(T0);
    let fired = false;
    clock.at(T0 + 1, () => (fired = true));
    await clock.runUntil(T0 + 10, () => true);
    expect(fired).toBe(false);
  });

  it('waits for a promise-returning callback before firing the next timer', async () => {
    const clock = new VirtualClock(T0);
    const log: string[] = [];
    clock.at(T0 + 10, async () => {
      log.push('slow:start');
      await new Promise((r) => setTimeout(r, 20));
      await settle();
      log.push('slow:end');
      // a timer set at the end of async work still lands in this run
      clock.at(clock.now() + 5, () => log.push('follow-up'));
    });
    clock.at(T0 + 11, () => log.push(`next@${clock.now() - T0}`));
    await clock.runUntil(T0 + 100);
    expect(log).toEqual(['slow:start', 'slow:end', 'next@11', 'follow-up']);
  });

  it('time does not move while an async callback runs', async () => {
    const clock = new VirtualClock(T0);
    const seen: number[] = [];
    clock.at(T0 + 10, async () => {
      seen.push(clock.now());
      await new Promise((r) => setTimeout(r, 5));
      seen.push(clock.now());
    });
    clock.at(T0 + 20, () => undefined);
    await clock.runUntil(T0 + 30);
    expect(seen).toEqual([T0 + 10, T0 + 10]);
  });

  it('settles promise chains started before running (work kicked off by events is done first)', async () => {
    const clock = new VirtualClock(T0);
    const log: string[] = [];
    void Promise.resolve()
      .then(() => Promise.resolve())
      .then(() => {
        log.push('chain');
        clock.at(T0 + 1, () => log.push('timer from chain'));
      });
    await clock.runUntil(T0 + 5);
    expect(log).toEqual(['chain', 'timer from chain']);
  });

  it('keeps many timers in order (sorted insertion)', async () => {
    const clock = new VirtualClock(T0);
    const fired: number[] = [];
    const offsets = Array.from({ length: 2000 }, (_, i) => (i * 7919) % 1009);
    offsets.forEach((o) => clock.at(T0 + o, () => fired.push(clock.now() - T0)));
    await clock.runUntil(T0 + 2000);
    expect(fired).toEqual([...offsets].sort((a, b) => a - b));
  });
});

describe('realClock', () => {
  it('now() is the wall clock', () => {
    const clock = realClock();
    const before = Date.now();
    const now = clock.now();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it('fires at (not before) the instant asked for', async () => {
    const clock = realClock();
    const target = Date.now() + 40;
    const firedAt = await new Promise<number>((resolve) => clock.at(target, () => resolve(Date.now())));
    expect(firedAt).toBeGreaterThanOrEqual(target - 1); // setTimeout may round by a millisecond
    expect(firedAt).toBeLessThan(target + 1000);
  });

  it('fires timers in time order', async () => {
    const clock = realClock();
    const fired: string[] = [];
    const t = Date.now();
    await new Promise<void>((resolve) => {
      clock.at(t + 60, () => {
        fired.push('b');
        resolve();
      });
      clock.at(t + 20, () => fired.push('a'));
    });
    expect(fired).toEqual(['a', 'b']);
  });

  it('a past instant fires at once', async () => {
    const clock = realClock();
    const fired = await new Promise<boolean>((resolve) => {
      clock.at(Date.now() - 1000, () => resolve(true));
      setTimeout(() => resolve(false), 500);
    });
    expect(fired).toBe(true);
  });

  it('cancel stops a pending timer', async () => {
    const clock = realClock();
    let fired = false;
    const handle = clock.at(Date.now() + 30, () => (fired = true));
    clock.cancel(handle);
    await new Promise((r) => setTimeout(r, 80));
    expect(fired).toBe(false);
  });

  it('an instant beyond setTimeout’s range is accepted (re-armed on the way) and cancellable', () => {
    const clock = realClock();
    let fired = false;
    const handle = clock.at(Date.now() + 40 * 86_400_000, () => (fired = true));
    clock.cancel(handle);
    expect(fired).toBe(false);
  });
});

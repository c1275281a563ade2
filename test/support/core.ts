import { afterEach } from 'vitest';
import { openCore, type Core, type CoreOptions } from '../../main/core';
import type { Clock } from '../../main/platform/clock';
import { silentLogger } from '../../main/platform/log';
import { tempDbFile } from './tempDb';

const open: Core[] = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

/** A clock that reads `now` and never fires timers: for tests of services, not of dialing. */
function frozenTimers(now: () => number): Clock {
  return { now, at: () => 0, cancel: () => {} };
}

/**
 * A core on a fresh real database file, closed after the test. It does not dial unless asked
 * (`{ dial: true }`), so service tests see enrolments stay as they left them.
 */
export async function testCore(now: () => number = Date.now, options: Partial<CoreOptions> = {}): Promise<Core> {
  const core = await openCore({ dbFile: tempDbFile(), clock: frozenTimers(now), log: silentLogger, dial: false, ...options });
  open.push(core);
  return core;
}

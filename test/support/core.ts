import { afterEach } from 'vitest';
import { openCore, type Core } from '../../main/core';
import { silentLogger } from '../../main/log';
import { tempDbFile } from './tempDb';

const open: Core[] = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

/** A core on a fresh real database file, closed after the test. */
export async function testCore(now: () => number = Date.now): Promise<Core> {
  const core = await openCore({ dbFile: tempDbFile(), now, log: silentLogger });
  open.push(core);
  return core;
}

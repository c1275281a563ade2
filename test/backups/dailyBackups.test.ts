import { afterEach, describe, expect, it } from 'vitest';
import { BACKUP_INTERVAL_MS, FIRST_BACKUP_DELAY_MS } from '../../main/backups/dailyBackups';
import { openCore, type Core } from '../../main/core';
import { VirtualClock } from '../../main/platform/clock';
import { silentLogger } from '../../main/platform/log';
import { createMemorySettingsStore } from '../../main/settings/store';
import { tempDbFile } from '../support/tempDb';

const START = Date.parse('2026-03-02T08:30:00Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const open: Core[] = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

async function runningCore(dbFile: string, clock: VirtualClock, keep = 7): Promise<Core> {
  const core = await openCore({ dbFile, clock, log: silentLogger, dial: false, dailyBackups: true, settings: createMemorySettingsStore({ backups: { keep } }) });
  open.push(core);
  return core;
}

const daily = (core: Core) => core.backups.list().backups.filter((b) => b.kind === 'daily').map((b) => b.createdAt).reverse();

describe('the daily backup', () => {
  it('runs a while after the start, then every 24 hours while the app runs, keeping the newest N', async () => {
    const clock = new VirtualClock(START);
    const core = await runningCore(tempDbFile(), clock, 3);

    await clock.runUntil(START + FIRST_BACKUP_DELAY_MS - 1);
    expect(daily(core)).toEqual([]);
    await clock.runUntil(START + FIRST_BACKUP_DELAY_MS);
    expect(daily(core)).toEqual(['2026-03-02T08:40:00.000Z']);
    await clock.runUntil(START + FIRST_BACKUP_DELAY_MS + BACKUP_INTERVAL_MS - 1);
    expect(daily(core)).toHaveLength(1);

    await clock.runUntil(START + 10 * BACKUP_INTERVAL_MS);
    expect(daily(core)).toEqual(['2026-03-09T08:40:00.000Z', '2026-03-10T08:40:00.000Z', '2026-03-11T08:40:00.000Z']);
  });

  it('counts from the newest backup of any kind when the app starts again', async () => {
    const dbFile = tempDbFile();
    const first = new VirtualClock(START);
    const before = await runningCore(dbFile, first);
    await first.runUntil(START + 2 * HOUR);
    await before.backups.create('manual');
    await before.close();
    open.length = 0;

    // back two hours after that: the next one is due 24 hours after the manual backup
    const restart = START + 4 * HOUR;
    const clock = new VirtualClock(restart);
    const core = await runningCore(dbFile, clock);
    await clock.runUntil(START + 2 * HOUR + BACKUP_INTERVAL_MS - 1);
    expect(daily(core)).toEqual(['2026-03-02T08:40:00.000Z']);
    await clock.runUntil(START + 2 * HOUR + BACKUP_INTERVAL_MS);
    expect(daily(core)).toEqual(['2026-03-02T08:40:00.000Z', '2026-03-03T10:30:00.000Z']);
  });

  it('catches up shortly after the start when the app was closed for days', async () => {
    const dbFile = tempDbFile();
    const first = new VirtualClock(START);
    const before = await runningCore(dbFile, first);
    await first.runUntil(START + FIRST_BACKUP_DELAY_MS);
    await before.close();
    open.length = 0;

    const restart = START + 3 * BACKUP_INTERVAL_MS;
    const clock = new VirtualClock(restart);
    const core = await runningCore(dbFile, clock);
    await clock.runUntil(restart + FIRST_BACKUP_DELAY_MS);
    expect(daily(core)).toEqual(['2026-03-02T08:40:00.000Z', '2026-03-05T08:40:00.000Z']);
  });

  it('makes none for a workspace opened without the schedule (tools, tests)', async () => {
    const clock = new VirtualClock(START);
    const core = await openCore({ dbFile: tempDbFile(), clock, log: silentLogger, dial: false });
    open.push(core);
    await clock.runUntil(START + 3 * BACKUP_INTERVAL_MS);
    expect(core.backups.list().backups).toEqual([]);
  });

  it('stops with the app: nothing is armed after close', async () => {
    const clock = new VirtualClock(START);
    const core = await runningCore(tempDbFile(), clock);
    await core.close();
    open.length = 0;
    expect(clock.peek()).toBeNull();
  });
});

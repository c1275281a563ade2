import { describe, expect, it } from 'vitest';
import type { Timers } from '../../main/campaigns/scheduledStarts';
import { openCore, type Core } from '../../main/core';
import { seedDemo } from '../../main/demo/seedDemo';
import { silentLogger } from '../../main/log';
import { tempDbFile } from '../support/tempDb';

/** Timers that fire only when the test says so. */
function manualTimers() {
  const pending = new Map<number, { run: () => void; ms: number }>();
  let next = 1;
  const timers: Timers = {
    setTimeout(run, ms) {
      pending.set(next, { run, ms });
      return next++;
    },
    clearTimeout(handle) {
      pending.delete(handle as number);
    },
  };
  return { timers, pending };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

async function demoCampaign(core: Core, scheduledStartAt: string) {
  await seedDemo(core.services, core.localTeam);
  const [assistant] = await core.services.assistants.list(core.localTeam, { outboundEligibleOnly: true });
  const numbers = await core.services.phoneNumbers.list(core.localTeam, { assistantId: assistant.id });
  const company = (await core.services.companies.list(core.localTeam, { limit: 1, offset: 0 })).items[0];
  return core.services.campaigns.create(core.localTeam, {
    name: 'Later',
    assistantId: assistant.id,
    companyId: company.id,
    fromNumberIds: numbers.map((n) => n.id),
    scheduledStartAt,
  });
}

describe('scheduled starts', () => {
  it('arms one timer for the next start and starts the campaign when it fires', async () => {
    let clock = Date.parse('2026-06-01T12:00:00Z');
    const { timers, pending } = manualTimers();
    const core = await openCore({ dbFile: tempDbFile(), now: () => clock, timers, log: silentLogger });
    try {
      const campaign = await demoCampaign(core, '2026-06-01T13:00:00Z');
      await settle();
      expect(campaign.status).toBe('scheduled');
      expect([...pending.values()].map((t) => t.ms)).toEqual([3_600_000]);

      clock += 3_600_000;
      [...pending.values()][0].run();
      await settle();
      const started = await core.services.campaigns.get(core.localTeam, campaign.id);
      expect(started.status).toBe('running');
      expect(started.startedAt).toBe('2026-06-01T13:00:00.000Z');
      expect(pending.size).toBe(0);
    } finally {
      await core.close();
    }
  });

  it('starts a campaign whose time passed while the app was closed, on open', async () => {
    const file = tempDbFile();
    let clock = Date.parse('2026-06-01T12:00:00Z');
    const first = await openCore({ dbFile: file, now: () => clock, timers: manualTimers().timers, log: silentLogger });
    const campaign = await demoCampaign(first, '2026-06-01T13:00:00Z');
    await first.close();

    clock = Date.parse('2026-06-03T08:00:00Z');
    const reopened = await openCore({ dbFile: file, now: () => clock, timers: manualTimers().timers, log: silentLogger });
    try {
      await settle();
      expect((await reopened.services.campaigns.get(reopened.localTeam, campaign.id)).status).toBe('running');
    } finally {
      await reopened.close();
    }
  });
});

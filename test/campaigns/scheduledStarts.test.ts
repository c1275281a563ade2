import { describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../main/core';
import { seedDemo } from '../../main/demo/seedDemo';
import { settle, VirtualClock } from '../../main/platform/clock';
import { silentLogger } from '../../main/platform/log';
import { tempDbFile } from '../support/tempDb';

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
  it('arms a timer for the next start and starts the campaign when it fires', async () => {
    const clock = new VirtualClock(Date.parse('2026-06-01T12:00:00Z'));
    const core = await openCore({ dbFile: tempDbFile(), clock, dial: false, log: silentLogger });
    try {
      const campaign = await demoCampaign(core, '2026-06-01T13:00:00Z');
      await settle();
      expect(campaign.status).toBe('scheduled');
      expect(clock.peek()).toBe(Date.parse('2026-06-01T13:00:00Z'));

      await clock.runUntil(Date.parse('2026-06-01T12:59:59Z'));
      expect((await core.services.campaigns.get(core.localTeam, campaign.id)).status).toBe('scheduled');
      await clock.runUntil(Date.parse('2026-06-01T13:00:00Z'));
      await settle();
      const started = await core.services.campaigns.get(core.localTeam, campaign.id);
      expect(started.status).toBe('running');
      expect(started.startedAt).toBe('2026-06-01T13:00:00.000Z');
      expect(clock.peek()).toBeNull();
    } finally {
      await core.close();
    }
  });

  it('starts a campaign whose time passed while the app was closed, on open', async () => {
    const file = tempDbFile();
    const first = await openCore({ dbFile: file, clock: new VirtualClock(Date.parse('2026-06-01T12:00:00Z')), dial: false, log: silentLogger });
    const campaign = await demoCampaign(first, '2026-06-01T13:00:00Z');
    await first.close();

    const reopened = await openCore({ dbFile: file, clock: new VirtualClock(Date.parse('2026-06-03T08:00:00Z')), dial: false, log: silentLogger });
    try {
      await settle();
      expect((await reopened.services.campaigns.get(reopened.localTeam, campaign.id)).status).toBe('running');
    } finally {
      await reopened.close();
    }
  });
});

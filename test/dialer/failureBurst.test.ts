import { describe, expect, it } from 'vitest';
import { FAILURE_BURST } from '../../main/dialer/dialer';
import { openWorld } from './dialerFixtures';

describe('a burst of technical failures pauses the campaign', () => {
  it(`pauses after ${FAILURE_BURST} failed calls in a row and says why`, async () => {
    const w = await openWorld();
    const contacts = await w.addContacts(12);
    for (const c of contacts) w.script[c.phone!] = ['failed'];
    const campaign = await w.createCampaign({ maxConcurrentCalls: 1 });
    await w.enrol(campaign.id, contacts.map((c) => c.id));
    const paused: string[] = [];
    w.core.services.events.on('campaigns.autoPaused', (e) => paused.push(`${e.campaignId}: ${e.reason}`));
    await w.run(campaign.id, 'start');
    await w.advance(3_600_000);

    expect(w.status(campaign.id)).toBe('paused');
    expect(w.calls(campaign.id)).toHaveLength(FAILURE_BURST);
    expect(paused).toEqual([expect.stringContaining(`${campaign.id}: ${FAILURE_BURST} calls in a row failed`)]);
  });

  it('does not pause when a good call breaks the run of failures', async () => {
    const w = await openWorld();
    // whatever order they are dialed in, at most FAILURE_BURST - 1 fail in a row
    const contacts = await w.addContacts(2 * (FAILURE_BURST - 1));
    contacts.forEach((c, i) => (w.script[c.phone!] = [i % 2 ? 'answered' : 'failed']));
    const campaign = await w.createCampaign({ maxConcurrentCalls: 1 });
    await w.enrol(campaign.id, contacts.map((c) => c.id));
    await w.run(campaign.id, 'start');
    await w.runToEnd(campaign.id, 86_400_000);

    expect(w.status(campaign.id)).toBe('completed');
    expect(w.calls(campaign.id)).toHaveLength(2 * (FAILURE_BURST - 1));
  });
});

import { describe, expect, it } from 'vitest';
import { DAY_MS, legalHoursBreaches, overCap } from './oracle/complianceRules';
import { openWorld } from '../dialer/dialerFixtures';

/**
 * The rolling cap counts a number's attempts across every campaign of the team: two campaigns
 * dialing the same numbers on a virtual clock, each wanting four attempts, the default cap of 3 per 24 h.
 * This cannot be a scenario file (a scenario runs one campaign), so it runs the real core directly.
 */
describe('rolling cap across two campaigns calling the same numbers', () => {
  it('never makes more than 3 attempts to a number in any 24 h across both, holds the rest (audited) and still makes all of them', async () => {
    const w = await openWorld({ seed: 5 });
    const contacts = await w.addContacts(4);
    for (const c of contacts) w.script[c.phone!] = ['no_answer', 'no_answer', 'no_answer', 'no_answer'];
    const settings = { maxConcurrentCalls: 2, maxAttemptsPerContact: 4, retryDelayMinutesNoAnswer: 10 };
    const first = await w.createCampaign({ name: 'First', ...settings });
    const second = await w.createCampaign({ name: 'Second', ...settings });
    expect([first.rollingCapPer24h, second.rollingCapPer24h, first.legalHoursGuard]).toEqual([3, 3, true]);
    for (const campaign of [first, second]) {
      await w.enrol(campaign.id, contacts.map((c) => c.id));
      await w.run(campaign.id, 'start');
    }
    await w.runToEnd(first.id);
    await w.runToEnd(second.id);
    expect([w.status(first.id), w.status(second.id)]).toEqual(['completed', 'completed']);

    const calls = w.calls();
    for (const contact of contacts) {
      const toNumber = calls.filter((c) => c.toNumber === contact.phone);
      // held, not dropped: both campaigns made their four attempts
      expect(toNumber.map((c) => c.campaignId).sort()).toEqual([...Array(4).fill(first.id), ...Array(4).fill(second.id)].sort());
      expect(overCap(toNumber.map((c) => c.startedAt), 3)).toEqual([]);
      // and each attempt inside 08:00–21:00 New York (the guard's default, the window being 00:00–23:59)
      for (const call of toNumber) expect(legalHoursBreaches({ zones: ['America/New_York'], states: ['NY'] }, call.startedAt)).toEqual([]);
    }

    const holds = w.sqlite
      .prepare(`SELECT campaign_id AS campaignId, contact_id AS contactId, at, reason FROM compliance_decisions WHERE rule = 'rolling_cap' AND kind = 'hold'`)
      .all() as { campaignId: string; contactId: string; at: number; reason: string }[];
    expect(new Set(holds.map((h) => h.campaignId))).toEqual(new Set([first.id, second.id]));
    expect(new Set(holds.map((h) => h.reason))).toEqual(new Set(['campaign cap: 3 attempts in 24 h reached']));
    // the other campaign's calls counted: some hold came when the holding campaign had made fewer than 3 itself
    const ownRecent = (h: (typeof holds)[number]) =>
      calls.filter((c) => c.campaignId === h.campaignId && c.contactId === h.contactId && c.startedAt > h.at - DAY_MS && c.startedAt <= h.at).length;
    expect(holds.some((h) => ownRecent(h) < 3)).toBe(true);
  });
});

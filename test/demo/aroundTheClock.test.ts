import { describe, expect, it } from 'vitest';
import { DEMO_WORLD_CAMPAIGN, DEMO_WORLD_COMPANY } from '../../main/demo/seedDemo';
import { zonesOfPhone } from '../../main/platform/phoneZones';
import { localParts } from '../../shared/time/callWindow';
import { MINUTE, openWorld } from '../dialer/dialerFixtures';

/**
 * The demo's worldwide campaign lets a newcomer see calls flow whatever the hour, with the law left on: at any
 * instant some of its contacts are inside 09:00–20:00 of their own day. Checked on a virtual clock at hours when
 * every US zone is outside legal calling hours (09:00 UTC) and when it is not, in winter and in summer time.
 */
const INSTANTS = ['03:00', '09:00', '15:00', '21:30'].flatMap((hhmm) => [`2027-01-13T${hhmm}:00Z`, `2027-07-14T${hhmm}:00Z`, `2027-03-14T${hhmm}:00Z`]);

describe('the around-the-clock demo campaign', () => {
  it.each(INSTANTS)('dials at once at %s, each call inside 09:00–20:00 where its contact is, the guard on', async (instant) => {
    const w = await openWorld({ start: Date.parse(instant), demo: true, seed: 3 });
    const team = w.core.localTeam;
    const [company] = (await w.core.services.companies.list(team, { search: DEMO_WORLD_COMPANY, limit: 1, offset: 0 })).items;
    const campaigns = await w.api.invoke('campaigns.list', { limit: 50, offset: 0 });
    const campaign = campaigns.items.find((c) => c.name === DEMO_WORLD_CAMPAIGN)!;
    expect(campaign).toMatchObject({ status: 'draft', companyId: company.id, legalHoursGuard: true, useContactTimezone: true });

    await w.run(campaign.id, 'start');
    await w.advance(MINUTE);
    const calls = w.calls(campaign.id);
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) {
      expect(call.startedAt).toBe(Date.parse(instant));
      const [zone] = zonesOfPhone(call.toNumber);
      const { seconds } = localParts(call.startedAt, zone);
      expect(seconds).toBeGreaterThanOrEqual(9 * 3600);
      expect(seconds).toBeLessThanOrEqual(20 * 3600); // the window's end is its last minute
    }
  });
});

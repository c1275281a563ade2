import { beforeEach, describe, expect, it } from 'vitest';
import type { CampaignStore } from '../../main/campaigns/campaignStore';
import type { DashboardStore } from '../../main/campaigns/dashboardStore';
import { campaignParents, settingsFor, type CampaignSeed } from './campaignStore.conformance';
import { freshFixtureEach, STORE_TEAMS } from './suiteFixtures';

const [TEAM] = STORE_TEAMS;
const T0 = Date.parse('2026-03-02T10:00:00Z');
const MINUTE = 60_000;

export interface DashboardStoreFixture {
  store: DashboardStore;
  /** Where the campaign monitored is made, and its contacts enrolled. */
  campaigns: CampaignStore;
  seed: CampaignSeed;
  close(): Promise<void>;
}

/** What every DashboardStore does, whatever engine keeps it; `open` gives a store on an empty database where STORE_TEAMS exist. */
export function describeDashboardStore(engine: string, open: () => Promise<DashboardStoreFixture>): void {
  describe(`DashboardStore on ${engine}`, () => {
    let f: DashboardStoreFixture;
    let store: DashboardStore;
    let campaignId: string;
    let companyId: string;
    freshFixtureEach(open, (fixture) => ((f = fixture), (store = fixture.store)));
    beforeEach(async () => {
      const parents = await campaignParents(f.seed, TEAM);
      companyId = parents.companyId;
      campaignId = 'cmp_monitored';
      await f.campaigns.insert({ id: campaignId, teamId: TEAM, status: 'running', settings: settingsFor(parents), audience: null, at: T0 });
    });

    let phones = 0;
    const enrolled = async (fields: Parameters<CampaignSeed['contact']>[2] = {}) => {
      const contactId = await f.seed.contact(TEAM, companyId, { phone: `+1202555${1000 + ++phones}`, ...fields });
      await f.campaigns.transaction((tx) => tx.enrolment.enrolContacts({ id: campaignId, teamId: TEAM }, [contactId], 0, T0));
      return contactId;
    };

    it('counts the campaign’s enrolments and call outcomes as they change', async () => {
      const contactId = await enrolled();
      await enrolled({ phone: null });
      await f.seed.call(campaignId, contactId, { startedAt: T0, outcome: 'no_answer' });
      const counters = Object.fromEntries((await store.counters(campaignId)).map((c) => [c.key, c.n]));
      expect(counters).toMatchObject({ 'status:pending': 1, 'status:skipped': 1, 'skip:no_phone': 1, 'outcome:no_answer': 1 });
      expect(await store.counters('cmp_nope')).toEqual([]);
    });

    it('gives the calls in progress and the latest ended ones, newest first, instants in ms', async () => {
      const contactId = await enrolled();
      const ended = [];
      for (let i = 0; i < 3; i++) ended.push(await f.seed.call(campaignId, contactId, { startedAt: T0 + i * MINUTE, outcome: 'answered' }));
      const live = await f.seed.call(campaignId, contactId, { startedAt: T0 + 5 * MINUTE });
      const { inProgress, recent } = await store.calls(campaignId, 2);
      expect(inProgress.map((c) => c.id)).toEqual([live]);
      expect(inProgress[0]).toMatchObject({ campaignId, contactId, outcome: null, startedAt: T0 + 5 * MINUTE, endedAt: null, amd: null });
      expect(recent.map((c) => c.id)).toEqual([ended[2], ended[1]]);
      expect(recent[0]).toMatchObject({ outcome: 'answered', startedAt: T0 + 2 * MINUTE, endedAt: T0 + 3 * MINUTE });
    });

    it('tells the earliest next attempt of the pending contacts, and the legal-hours hold still on', async () => {
      expect(await store.earliestPendingAttempt(campaignId)).toBeNull();
      await enrolled();
      expect(await store.earliestPendingAttempt(campaignId)).toBe(0);
      expect(await store.legalHoldUntil(campaignId, T0)).toBeNull();
      await f.seed.legalHold(campaignId, T0 - 2 * MINUTE, T0 + 10 * MINUTE);
      await f.seed.legalHold(campaignId, T0 - MINUTE, T0 + 20 * MINUTE);
      expect(await store.legalHoldUntil(campaignId, T0)).toBe(T0 + 20 * MINUTE);
      expect(await store.legalHoldUntil(campaignId, T0 + 30 * MINUTE)).toBeNull();
    });

    it('spans the campaign’s call starts and counts them per bucket and outcome', async () => {
      expect(await store.callSpan(campaignId)).toBeNull();
      const contactId = await enrolled();
      await f.seed.call(campaignId, contactId, { startedAt: T0 + MINUTE, outcome: 'answered' });
      await f.seed.call(campaignId, contactId, { startedAt: T0 + 2 * MINUTE, outcome: 'answered' });
      await f.seed.call(campaignId, contactId, { startedAt: T0 + 7 * MINUTE, outcome: 'busy' });
      await f.seed.call(campaignId, contactId, { startedAt: T0 + 8 * MINUTE });
      expect(await store.callSpan(campaignId)).toEqual({ first: T0 + MINUTE, last: T0 + 8 * MINUTE });
      const buckets = await store.callBuckets(campaignId, 5 * MINUTE);
      const byKey = (b: { bucket: number; outcome: string | null }) => `${b.bucket}:${b.outcome}`;
      expect([...buckets].sort((a, b) => byKey(a).localeCompare(byKey(b)))).toEqual(
        [
          { bucket: T0, outcome: 'answered', n: 2 },
          { bucket: T0 + 5 * MINUTE, outcome: 'busy', n: 1 },
          { bucket: T0 + 5 * MINUTE, outcome: null, n: 1 },
        ].sort((a, b) => byKey(a).localeCompare(byKey(b))),
      );
    });
  });
}

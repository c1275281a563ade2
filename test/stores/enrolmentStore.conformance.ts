import { beforeEach, describe, expect, it } from 'vitest';
import type { CampaignStore } from '../../main/campaigns/campaignStore';
import type { EnrollingCampaign, EnrolmentStore, EnrolmentWrites, QueuedContact } from '../../main/campaigns/enrolmentStore';
import { campaignParents, settingsFor, type CampaignSeed } from './campaignStore.conformance';
import { freshFixtureEach, STORE_TEAMS } from './suiteFixtures';

const [TEAM, OTHER_TEAM] = STORE_TEAMS;
const T0 = Date.parse('2026-03-02T10:00:00Z');

export interface EnrolmentStoreFixture {
  store: EnrolmentStore;
  /** Where the campaigns contacts are enrolled in are made. */
  campaigns: CampaignStore;
  seed: CampaignSeed;
  close(): Promise<void>;
}

const everything = { limit: 50, offset: 0 };
const queued = (entries: QueuedContact[]) => entries.map((e) => [e.contactId, e.status, e.skipReason]);

/** What every EnrolmentStore does, whatever engine keeps it; `open` gives a store on an empty database where STORE_TEAMS exist. */
export function describeEnrolmentStore(engine: string, open: () => Promise<EnrolmentStoreFixture>): void {
  describe(`EnrolmentStore on ${engine}`, () => {
    let f: EnrolmentStoreFixture;
    let store: EnrolmentStore;
    let parents: Awaited<ReturnType<typeof campaignParents>>;
    let made = 0;
    freshFixtureEach(open, (fixture) => ((f = fixture), (store = fixture.store)));
    beforeEach(async () => {
      parents = await campaignParents(f.seed, TEAM);
    });

    const campaign = async (): Promise<EnrollingCampaign> => {
      const id = `cmp_suite${++made}`;
      await f.campaigns.insert({ id, teamId: TEAM, status: 'draft', settings: settingsFor(parents), audience: null, at: T0 });
      return { id, teamId: TEAM };
    };
    let phones = 0;
    /** A contact of the campaigns' company, with a number of its own unless told. */
    const contact = (fields: Parameters<CampaignSeed['contact']>[2] = {}) => f.seed.contact(TEAM, parents.companyId, { phone: `+1202555${1000 + ++phones}`, ...fields });
    const enrolContacts = (...args: Parameters<EnrolmentWrites['enrolContacts']>) =>
      store.transaction((tx) => tx.enrolContacts(...args));
    const enrolAudience = (...args: Parameters<EnrolmentWrites['enrolAudience']>) => store.transaction((tx) => tx.enrolAudience(...args));

    it('enrols the callable contacts as pending and the rest as skipped with their reason, each once', async () => {
      const target = await campaign();
      const callable = await contact();
      const noPhone = await contact({ phone: null });
      const dnc = await contact({ doNotCall: true });
      expect(await enrolContacts(target, [callable, noPhone, dnc], 5, T0)).toEqual({ enrolled: 1, skipped: 2 });
      expect(await enrolContacts(target, [callable, noPhone], 0, T0 + 1)).toEqual({ enrolled: 0, skipped: 0 });
      const queue = await store.queue(target.id, everything);
      expect(queued(queue.items)).toEqual([
        [callable, 'pending', null],
        [noPhone, 'skipped', 'no_phone'],
        [dnc, 'skipped', 'do_not_call'],
      ]);
      expect(queue.items[0]).toMatchObject({ campaignId: target.id, priority: 5, attempts: 0, lastOutcome: null, nextAttemptAt: 0, enrolledAt: T0, zoneKey: 'America/New_York', dncList: null, lastError: null });
      expect(queue.total).toBe(3);
    });

    it('enrols an audience: the company’s contacts as it narrows them, counting all it matches', async () => {
      const target = await campaign();
      const withPhone = await contact();
      await contact({ phone: null });
      await f.seed.contact(TEAM, await f.seed.company(TEAM, 'Globex'), { phone: '+12025550144' });
      const audience = { mode: 'all_eligible', companyId: parents.companyId, hasPhoneOnly: true, excludeDnc: true } as const;
      expect(await enrolAudience(target, audience, 0, T0)).toEqual({ enrolled: 1, skipped: 0, matching: 1 });
      expect(await enrolAudience(target, { ...audience, hasPhoneOnly: false }, 0, T0)).toEqual({ enrolled: 0, skipped: 1, matching: 2 });
      expect((await store.queue(target.id, everything)).items[0].contactId).toBe(withPhone);
      await store.transaction((tx) => tx.keepAudience(target.id, { mode: 'all_eligible', hasPhoneOnly: false, excludeDnc: true }, T0 + 1));
      expect(await f.campaigns.find(target.id)).toMatchObject({ audience: { mode: 'all_eligible', hasPhoneOnly: false, excludeDnc: true }, updatedAt: T0 + 1 });
    });

    it('tells which ids are contacts of the team’s company', async () => {
      const mine = await contact();
      const elsewhere = await f.seed.contact(TEAM, await f.seed.company(TEAM, 'Globex'));
      expect(await store.contactsOfCompany(TEAM, parents.companyId, [mine, elsewhere, 'cnt_nope', mine])).toEqual(new Set([mine]));
      expect(await store.contactsOfCompany(OTHER_TEAM, parents.companyId, [mine])).toEqual(new Set());
    });

    it('copies a campaign’s contacts into another, enrolled afresh at priority 0', async () => {
      const source = await campaign();
      const a = await contact();
      const b = await contact({ phone: null });
      await enrolContacts(source, [a, b], 9, T0);
      const copy = await campaign();
      expect(await store.copyContacts(source.id, copy, T0 + 1)).toEqual({ enrolled: 1, skipped: 1 });
      const queue = await store.queue(copy.id, everything);
      expect(queued(queue.items)).toEqual([
        [a, 'pending', null],
        [b, 'skipped', 'no_phone'],
      ]);
      expect(queue.items.map((e) => [e.priority, e.enrolledAt])).toEqual([[0, T0 + 1], [0, T0 + 1]]);
    });

    it('pages the queue by priority, then enrolment order, of one status if asked', async () => {
      const target = await campaign();
      const low = await contact();
      const skipped = await contact({ phone: null });
      const high = await contact();
      await enrolContacts(target, [low, skipped], 0, T0);
      await enrolContacts(target, [high], 1, T0);
      expect((await store.queue(target.id, { limit: 2, offset: 0 })).items.map((e) => e.contactId)).toEqual([high, low]);
      expect((await store.queue(target.id, { limit: 2, offset: 2 })).items.map((e) => e.contactId)).toEqual([skipped]);
      const pending = await store.queue(target.id, { status: 'pending', ...everything });
      expect(pending.items.map((e) => e.contactId)).toEqual([high, low]);
      expect(pending.total).toBe(2);
    });

    it('writes nothing of a transaction that fails', async () => {
      const target = await campaign();
      const a = await contact();
      const boom = new Error('later step failed');
      await expect(
        store.transaction(async (tx) => {
          await tx.enrolContacts(target, [a], 0, T0);
          throw boom;
        }),
      ).rejects.toBe(boom);
      expect((await store.queue(target.id, everything)).total).toBe(0);
      expect(await store.transaction((tx) => tx.enrolContacts(target, [a], 0, T0))).toEqual({ enrolled: 1, skipped: 0 });
    });
  });
}

import { beforeEach, describe, expect, it } from 'vitest';
import type { CampaignStore, NewCampaign } from '../../main/campaigns/campaignStore';
import { CAMPAIGN_DEFAULTS, type CampaignSettings } from '../../shared/campaigns/schemas';
import type { CallOutcome } from '../../shared/campaigns/types';
import type { PhoneNumberStatus } from '../../shared/crm/types';
import { freshFixtureEach, STORE_TEAMS } from './suiteFixtures';

const [TEAM, OTHER_TEAM] = STORE_TEAMS;
const T0 = Date.parse('2026-03-02T10:00:00Z');
const HOUR = 3_600_000;

/** What the campaign suites need made that their stores, which read what the CRM and the dialer wrote, do not make. */
export interface CampaignSeed {
  assistant(teamId: string, options?: { outboundEnabled?: boolean; name?: string; greeting?: string | null; prompt?: string | null }): Promise<string>;
  company(teamId: string, name?: string): Promise<string>;
  number(teamId: string, options: { assistantId: string | null; status?: PhoneNumberStatus; provider?: string }): Promise<string>;
  /** A contact of the company (in New York unless told, no phone unless given); its id. */
  contact(teamId: string, companyId: string, fields?: { firstName?: string; phone?: string | null; timezone?: string | null; doNotCall?: boolean }): Promise<string>;
  /** A call of the campaign to the contact: ended with `outcome`, or still ringing without one; its id. */
  call(campaignId: string, contactId: string, call: { startedAt: number; outcome?: CallOutcome | null }): Promise<string>;
  /** The dialer held the whole campaign for legal hours at `at`, until `until`. */
  legalHold(campaignId: string, at: number, until: number): Promise<void>;
}

export interface CampaignStoreFixture {
  store: CampaignStore;
  seed: CampaignSeed;
  close(): Promise<void>;
}

/** A team's assistant with two active numbers and a company: what a campaign refers to. */
export async function campaignParents(seed: CampaignSeed, teamId: string) {
  const assistantId = await seed.assistant(teamId);
  const numbers = [await seed.number(teamId, { assistantId }), await seed.number(teamId, { assistantId })];
  return { assistantId, companyId: await seed.company(teamId), numbers };
}

export function settingsFor(parents: Awaited<ReturnType<typeof campaignParents>>, extra: Partial<CampaignSettings> = {}): CampaignSettings {
  return {
    ...CAMPAIGN_DEFAULTS,
    callDays: null,
    name: 'Spring',
    assistantId: parents.assistantId,
    companyId: parents.companyId,
    fromNumberIds: parents.numbers,
    fromNumberWeights: { [parents.numbers[0]]: 3 },
    scheduledStartAt: null,
    ...extra,
  };
}

/** What every CampaignStore does, whatever engine keeps it; `open` gives a store on an empty database where STORE_TEAMS exist. */
export function describeCampaignStore(engine: string, open: () => Promise<CampaignStoreFixture>): void {
  describe(`CampaignStore on ${engine}`, () => {
    let f: CampaignStoreFixture;
    let store: CampaignStore;
    let parents: Awaited<ReturnType<typeof campaignParents>>;
    let made = 0;
    freshFixtureEach(open, (fixture) => ((f = fixture), (store = fixture.store)));
    beforeEach(async () => {
      parents = await campaignParents(f.seed, TEAM);
    });

    const draft = (extra: Partial<NewCampaign> = {}): NewCampaign => ({
      id: `cmp_suite${++made}`,
      teamId: TEAM,
      status: 'draft',
      settings: settingsFor(parents),
      audience: null,
      at: T0,
      ...extra,
    });
    const inserted = async (extra: Partial<NewCampaign> = {}) => {
      const campaign = draft(extra);
      await store.insert(campaign);
      return campaign.id;
    };

    it('keeps a campaign with its settings, its numbers in order with their weights, and its audience', async () => {
      const settings = settingsFor(parents, { legalHoursGuard: false, callDays: [1, 2], scheduledStartAt: T0 + HOUR });
      const id = await inserted({ status: 'scheduled', settings, audience: { mode: 'all_eligible', hasPhoneOnly: false, excludeDnc: true } });
      const found = await store.find(id);
      expect(found).toMatchObject({ id, teamId: TEAM, status: 'scheduled', audience: { mode: 'all_eligible', hasPhoneOnly: false, excludeDnc: true } });
      expect(found!.settings).toEqual({ ...settings, fromNumberWeights: { [parents.numbers[0]]: 3, [parents.numbers[1]]: 1 } });
      expect(found!.fromNumbers.map((n) => [n.phoneNumberId, n.weight])).toEqual([[parents.numbers[0], 3], [parents.numbers[1], 1]]);
      expect(found).toMatchObject({ startedAt: null, completedAt: null, cancelledAt: null, createdAt: T0, updatedAt: T0 });
      expect(await store.find('cmp_nope')).toBeNull();
    });

    it('updates only a campaign still in the state the change was planned on, its numbers only when they changed', async () => {
      const id = await inserted();
      const settings = settingsFor(parents, { name: 'Summer', fromNumberIds: [parents.numbers[1]], fromNumberWeights: {} });
      expect(await store.update({ id, from: 'paused', status: 'draft', settings, numbersChanged: true, at: T0 + 1 })).toBe(false);
      expect((await store.find(id))!.settings.name).toBe('Spring');
      expect(await store.update({ id, from: 'draft', status: 'scheduled', settings, numbersChanged: false, at: T0 + 2 })).toBe(true);
      expect(await store.find(id)).toMatchObject({ status: 'scheduled', updatedAt: T0 + 2, settings: { name: 'Summer' } });
      expect((await store.find(id))!.fromNumbers).toHaveLength(2);
      await store.update({ id, from: 'scheduled', status: 'scheduled', settings, numbersChanged: true, at: T0 + 3 });
      expect((await store.find(id))!.fromNumbers.map((n) => n.phoneNumberId)).toEqual([parents.numbers[1]]);
    });

    it('moves along the lifecycle only from the state given, stamping what the move says', async () => {
      const id = await inserted();
      expect(await store.move({ id, from: 'paused', to: 'running', at: T0 + 1, stamp: { startedAt: T0 + 1 } })).toBe(false);
      expect(await store.move({ id, from: 'draft', to: 'running', at: T0 + 1, stamp: { startedAt: T0 + 1 } })).toBe(true);
      expect(await store.move({ id, from: 'running', to: 'cancelled', at: T0 + 2, stamp: { cancelledAt: T0 + 2 } })).toBe(true);
      expect(await store.find(id)).toMatchObject({ status: 'cancelled', startedAt: T0 + 1, cancelledAt: T0 + 2, completedAt: null, updatedAt: T0 + 2 });
    });

    it('lists the team’s campaigns newest first, by status and assistant, without the deleted', async () => {
      const first = await inserted();
      const second = await inserted({ status: 'scheduled' });
      const third = await inserted();
      const gone = await inserted();
      await store.remove(gone, T0 + 1);
      const otherParents = await campaignParents(f.seed, OTHER_TEAM);
      await store.insert({ ...draft(), teamId: OTHER_TEAM, settings: settingsFor(otherParents) });
      const all = await store.list(TEAM, { limit: 2, offset: 0 });
      expect(all.items.map((c) => c.id)).toEqual([third, second]);
      expect(all).toMatchObject({ total: 3, totalIsCapped: false, limit: 2, offset: 0 });
      expect((await store.list(TEAM, { limit: 10, offset: 2 })).items.map((c) => c.id)).toEqual([first]);
      expect((await store.list(TEAM, { status: 'scheduled', limit: 10, offset: 0 })).items.map((c) => c.id)).toEqual([second]);
      expect((await store.list(TEAM, { assistantId: 'asst_nope', limit: 10, offset: 0 })).total).toBe(0);
      expect(await store.find(gone)).toBeNull();
    });

    it('finds and counts the team’s campaigns of a status', async () => {
      const running = await inserted({ status: 'running' });
      await inserted({ status: 'running' });
      await inserted({ status: 'paused' });
      await store.remove(await inserted({ status: 'running' }), T0);
      expect(await store.idsWithStatus(TEAM, 'paused')).toHaveLength(1);
      expect(await store.idsWithStatus(TEAM, 'running')).toContain(running);
      expect(await store.countWithStatus(TEAM, ['running', 'paused', 'completed'])).toEqual({ running: 2, paused: 1, completed: 0 });
      expect(await store.countWithStatus(OTHER_TEAM, ['running'])).toEqual({ running: 0 });
    });

    it('starts the scheduled campaigns that are due, and tells when the next one is', async () => {
      const scheduled = (at: number) => inserted({ status: 'scheduled', settings: settingsFor(parents, { scheduledStartAt: at }) });
      expect(await store.nextScheduledStart()).toBeNull();
      const due = await scheduled(T0);
      const later = await scheduled(T0 + HOUR);
      expect(await store.nextScheduledStart()).toBe(T0);
      expect(await store.startDueScheduled(T0 + 1)).toEqual([due]);
      expect(await store.find(due)).toMatchObject({ status: 'running', startedAt: T0 + 1 });
      expect(await store.find(later)).toMatchObject({ status: 'scheduled' });
      expect(await store.nextScheduledStart()).toBe(T0 + HOUR);
    });

    it('answers about the references a campaign makes, within the team', async () => {
      expect(await store.assistant(TEAM, parents.assistantId)).toEqual({ outboundEnabled: true, activeNumbers: 2 });
      const off = await f.seed.assistant(TEAM, { outboundEnabled: false });
      await f.seed.number(TEAM, { assistantId: off, status: 'suspended' });
      expect(await store.assistant(TEAM, off)).toEqual({ outboundEnabled: false, activeNumbers: 0 });
      expect(await store.assistant(OTHER_TEAM, parents.assistantId)).toBeNull();
      expect(await store.companyExists(TEAM, parents.companyId)).toBe(true);
      expect(await store.companyExists(OTHER_TEAM, parents.companyId)).toBe(false);
      const numbers = await store.numbers(TEAM, [parents.numbers[0], 'pn_nope']);
      expect(numbers).toEqual([{ id: parents.numbers[0], number: expect.stringMatching(/^\+1/), status: 'active', assistantId: parents.assistantId }]);
      expect(await store.numbers(OTHER_TEAM, parents.numbers)).toEqual([]);
    });

    it('writes a campaign and its enrolments in one transaction: all of it, or nothing', async () => {
      const contact = await f.seed.contact(TEAM, parents.companyId, { phone: '+12025550142' });
      const failed = draft();
      const boom = new Error('enrolment failed');
      await expect(
        store.transaction(async (tx) => {
          await tx.campaigns.insert(failed);
          await tx.enrolment.enrolContacts(failed, [contact], 0, T0);
          throw boom;
        }),
      ).rejects.toBe(boom);
      expect(await store.find(failed.id)).toBeNull();
      const saved = draft();
      const counts = await store.transaction(async (tx) => {
        await tx.campaigns.insert(saved);
        return tx.enrolment.enrolContacts(saved, [contact], 0, T0);
      });
      expect(counts).toEqual({ enrolled: 1, skipped: 0 });
      expect(await store.find(saved.id)).toMatchObject({ id: saved.id });
    });
  });
}

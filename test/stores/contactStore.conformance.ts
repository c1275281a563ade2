import { beforeEach, describe, expect, it } from 'vitest';
import type { ContactFilter, ContactStore, NewContact, StoredContact } from '../../main/crm/contactStore';
import type { CampaignStatus } from '../../shared/campaigns/types';
import { freshFixtureEach, STORE_TEAMS } from './suiteFixtures';

const [TEAM, OTHER_TEAM] = STORE_TEAMS;
const T0 = Date.parse('2026-03-02T10:00:00Z');

/** What the suite needs made that a ContactStore, which only reads them, does not make. */
export interface ContactSeed {
  /** A company of the team; its id. */
  company(teamId: string): Promise<string>;
  /** A campaign of the team with this name and status (deleted when asked), the contact enrolled in it. */
  enrolled(teamId: string, contactId: string, campaign: { name: string; status: CampaignStatus; deleted?: boolean }): Promise<void>;
  /** The number on the team's DNC list of this name (the list made when new). */
  onDncList(teamId: string, listName: string, e164: string): Promise<void>;
}

export interface ContactStoreFixture {
  store: ContactStore;
  seed: ContactSeed;
  close(): Promise<void>;
}

let made = 0;
/** A contact of `teamId` in `companyId` added at `at`, with only a name unless `fields` give more. */
function newContact(teamId: string, companyId: string, fields: Partial<NewContact> = {}, at = T0): NewContact {
  made++;
  return {
    id: `cnt_suite${made}`, teamId, companyId, firstName: `First${made}`, lastName: `Last${made}`, phone: null, phoneZones: [], phoneSecondary: null,
    email: null, jobTitle: null, leadStatus: 'new', source: null, timezone: null, doNotCall: false, notes: null, tags: [], customFields: {},
    createdAt: at, updatedAt: at, ...fields,
  };
}

/** The contact as the store hands it back, on no DNC list unless said. */
function stored({ phoneZones: _zones, ...contact }: NewContact, dncList: string | null = null): StoredContact {
  return { ...contact, dncList };
}

/** What every ContactStore does, whatever engine keeps it; `open` gives a store on an empty database where STORE_TEAMS exist. */
export function describeContactStore(engine: string, open: () => Promise<ContactStoreFixture>): void {
  describe(`ContactStore on ${engine}`, () => {
    let f: ContactStoreFixture;
    let store: ContactStore;
    let companyId: string;
    freshFixtureEach(open, (fixture) => ((f = fixture), (store = fixture.store)));
    beforeEach(async () => {
      companyId = await f.seed.company(TEAM);
    });

    const insert = async (fields: Partial<NewContact> = {}, teamId: string = TEAM, company = companyId) => {
      const contact = newContact(teamId, company, fields);
      expect(await store.insert(contact)).toBe(true);
      return contact;
    };
    const page = { limit: 50, offset: 0, countUpTo: 100 };
    const idsOf = async (filter: ContactFilter, teamId: string = TEAM) => (await store.list(teamId, filter, page)).items.map((c) => c.id);

    describe('one contact', () => {
      it('keeps a contact as given and hands it back to its own team only', async () => {
        const contact = await insert({
          phone: '+12025550100', phoneZones: ['America/New_York'], phoneSecondary: '+12025550101', email: 'ada@example.com', jobTitle: 'Engineer',
          leadStatus: 'qualified', source: 'conference', timezone: 'Europe/London', doNotCall: true, notes: 'Mornings', tags: ['a', 'b'], customFields: { badge: '42' },
        });
        expect(await store.get(TEAM, contact.id)).toEqual(stored(contact));
        expect(await store.get(OTHER_TEAM, contact.id)).toBeUndefined();
        expect(await store.get(TEAM, 'cnt_missing')).toBeUndefined();
      });

      it("knows the team's companies, not another team's", async () => {
        const theirs = await f.seed.company(OTHER_TEAM);
        expect(await store.hasCompany(TEAM, companyId)).toBe(true);
        expect(await store.hasCompany(TEAM, theirs)).toBe(false);
        expect(await store.hasCompany(OTHER_TEAM, theirs)).toBe(true);
        expect(await store.hasCompany(TEAM, 'co_missing')).toBe(false);
      });

      it('refuses a phone its company has already, not one another company has, and any number of contacts without a phone', async () => {
        await insert({ phone: '+12025550100' });
        const taken = newContact(TEAM, companyId, { phone: '+12025550100' });
        expect(await store.insert(taken)).toBe(false);
        expect(await store.get(TEAM, taken.id)).toBeUndefined();
        await insert({ phone: '+12025550100' }, TEAM, await f.seed.company(TEAM));
        await insert();
        await insert();
      });

      it('names the first (by name) of its own team’s DNC lists that holds its phone', async () => {
        const listed = await insert({ phone: '+12025550100' });
        await f.seed.onDncList(TEAM, 'Zeta', '+12025550100');
        await f.seed.onDncList(TEAM, 'Alpha', '+12025550100');
        await f.seed.onDncList(OTHER_TEAM, 'Aaa', '+12025550100');
        expect((await store.get(TEAM, listed.id))?.dncList).toBe('Alpha');
        const theirs = await insert({ phone: '+12025550100' }, OTHER_TEAM, await f.seed.company(OTHER_TEAM));
        expect((await store.get(OTHER_TEAM, theirs.id))?.dncList).toBe('Aaa');
      });
    });

    describe('many at once', () => {
      it('adds contacts at once, skipping each whose phone the company has or an earlier one had, and names those added in order', async () => {
        await insert({ phone: '+12025550100' });
        const batch = [
          newContact(TEAM, companyId, { phone: '+12025550101' }),
          newContact(TEAM, companyId, { phone: '+12025550100' }),
          newContact(TEAM, companyId),
          newContact(TEAM, companyId, { phone: '+12025550101' }),
        ];
        expect(await store.insertMany(batch)).toEqual([batch[0].id, batch[2].id]);
        expect(await store.get(TEAM, batch[0].id)).toEqual(stored(batch[0]));
        expect(await store.get(TEAM, batch[1].id)).toBeUndefined();
        expect(await store.insertMany([])).toEqual([]);
      });
    });

    describe('update and remove', () => {
      it('changes only what an update names, stamped at its time', async () => {
        const contact = await insert({ phone: '+12025550100', email: 'old@example.com', tags: ['old'], customFields: { a: '1' } });
        expect(await store.update(TEAM, contact.id, { firstName: 'Grace', doNotCall: true, tags: ['new'], customFields: { b: '2' } }, T0 + 5)).toBe('updated');
        expect(await store.get(TEAM, contact.id)).toEqual(stored({ ...contact, firstName: 'Grace', doNotCall: true, tags: ['new'], customFields: { b: '2' }, updatedAt: T0 + 5 }));
        expect(await store.update(TEAM, contact.id, { phone: null, phoneZones: [], email: null, doNotCall: false }, T0 + 6)).toBe('updated');
        expect(await store.get(TEAM, contact.id)).toMatchObject({ phone: null, email: null, doNotCall: false, firstName: 'Grace', tags: ['new'], updatedAt: T0 + 6 });
      });

      it("leaves another team's contact, and one that does not exist, missing", async () => {
        const theirs = await insert({}, OTHER_TEAM, await f.seed.company(OTHER_TEAM));
        expect(await store.update(TEAM, theirs.id, { firstName: 'Taken' }, T0 + 1)).toBe('missing');
        expect(await store.update(TEAM, 'cnt_missing', { firstName: 'Nobody' }, T0 + 1)).toBe('missing');
        expect(await store.get(OTHER_TEAM, theirs.id)).toEqual(stored(theirs));
      });

      it('changes nothing when the new phone is another contact’s of the company', async () => {
        await insert({ phone: '+12025550100' });
        const other = await insert({ phone: '+12025550101' });
        expect(await store.update(TEAM, other.id, { phone: '+12025550100', phoneZones: [], firstName: 'Moved' }, T0 + 1)).toBe('phoneTaken');
        expect(await store.get(TEAM, other.id)).toEqual(stored(other));
      });

      it('removes a contact once, and not another team’s', async () => {
        const contact = await insert();
        const theirs = await insert({}, OTHER_TEAM, await f.seed.company(OTHER_TEAM));
        expect(await store.remove(TEAM, theirs.id)).toBe(false);
        expect(await store.remove(TEAM, contact.id)).toBe(true);
        expect(await store.remove(TEAM, contact.id)).toBe(false);
        expect(await store.get(TEAM, contact.id)).toBeUndefined();
        expect(await store.get(OTHER_TEAM, theirs.id)).toEqual(stored(theirs));
      });

      it('names a live campaign that holds the contact, not a draft, ended or deleted one', async () => {
        const contact = await insert();
        await f.seed.enrolled(TEAM, contact.id, { name: 'Drafted', status: 'draft' });
        await f.seed.enrolled(TEAM, contact.id, { name: 'Done', status: 'completed' });
        await f.seed.enrolled(TEAM, contact.id, { name: 'Gone', status: 'running', deleted: true });
        expect(await store.holdingCampaign(TEAM, contact.id)).toBeUndefined();
        for (const status of ['scheduled', 'running', 'paused'] as const) {
          const held = await insert();
          await f.seed.enrolled(TEAM, held.id, { name: `Held ${status}`, status });
          expect(await store.holdingCampaign(TEAM, held.id)).toBe(`Held ${status}`);
          expect(await store.holdingCampaign(OTHER_TEAM, held.id)).toBeUndefined();
        }
      });
    });

    describe('list', () => {
      it("pages the team's contacts last added first, with how many there are counted up to what is asked", async () => {
        const added = [];
        for (let i = 0; i < 5; i++) added.push(await insert());
        await insert({}, OTHER_TEAM, await f.seed.company(OTHER_TEAM));
        const newestFirst = added.reverse().map((c) => stored(c));
        expect(await store.list(TEAM, {}, page)).toEqual({ items: newestFirst, total: 5 });
        expect(await store.list(TEAM, {}, { limit: 2, offset: 1, countUpTo: 100 })).toEqual({ items: newestFirst.slice(1, 3), total: 5 });
        expect(await store.list(TEAM, {}, { limit: 1, offset: 0, countUpTo: 3 })).toEqual({ items: newestFirst.slice(0, 1), total: 3 });
        expect(await store.list(TEAM, {}, { ...page, offset: 5 })).toEqual({ items: [], total: 5 });
        expect(await store.list('team_nobody', {}, page)).toEqual({ items: [], total: 0 });
      });

      it('narrows by company, lead status, phone and do-not-call flag', async () => {
        const elsewhere = await insert({}, TEAM, await f.seed.company(TEAM));
        const qualified = await insert({ leadStatus: 'qualified', phone: '+12025550100' });
        const flagged = await insert({ doNotCall: true });
        expect(await idsOf({ companyId: elsewhere.companyId })).toEqual([elsewhere.id]);
        expect(await idsOf({ leadStatus: 'qualified' })).toEqual([qualified.id]);
        expect(await idsOf({ hasPhone: true })).toEqual([qualified.id]);
        expect(await idsOf({ doNotCall: true })).toEqual([flagged.id]);
        expect(await idsOf({ doNotCall: false })).toEqual([qualified.id, elsewhere.id]);
        expect(await idsOf({ companyId, hasPhone: true, doNotCall: true })).toEqual([]);
      });

      it('leaves out whom a do-not-call rule forbids, and keeps only the eligible to call', async () => {
        const callable = await insert({ phone: '+12025550100' });
        const noPhone = await insert();
        await insert({ phone: '+12025550101', doNotCall: true });
        await insert({ phone: '+12025550102', leadStatus: 'do_not_contact' });
        await insert({ phone: '+12025550103' });
        await f.seed.onDncList(TEAM, 'Registry', '+12025550103');
        await f.seed.onDncList(OTHER_TEAM, 'Theirs', '+12025550100');
        expect(await idsOf({ excludeDnc: true })).toEqual([noPhone.id, callable.id]);
        expect(await idsOf({ eligibleOnly: true })).toEqual([callable.id]);
      });

      it('finds a name or email containing the text, any case, short or long, and takes the text literally', async () => {
        const ada = await insert({ firstName: 'Ada', lastName: 'Lovelace' });
        const grace = await insert({ firstName: 'Grace', lastName: 'Hopper', email: 'grace@navy.example' });
        const percent = await insert({ firstName: '50%', lastName: 'Off' });
        expect(await idsOf({ search: 'LOVEL' })).toEqual([ada.id]);
        expect(await idsOf({ search: 'navy.EX' })).toEqual([grace.id]);
        expect(await idsOf({ search: ' hop ' })).toEqual([grace.id]);
        expect(await idsOf({ search: 'da' })).toEqual([ada.id]);
        expect(await idsOf({ search: '0%' })).toEqual([percent.id]);
        expect(await idsOf({ search: 'ace Hop' })).toEqual([grace.id]);
        expect(await idsOf({ search: 'nobody' })).toEqual([]);
        expect(await idsOf({ search: 'Ada' }, OTHER_TEAM)).toEqual([]);
      });

      it('finds phone-looking text on the digits of a phone, however it is written', async () => {
        const washington = await insert({ phone: '+12025550100' });
        await insert({ phone: '+13055550100' });
        expect(await idsOf({ search: '(202) 555' })).toEqual([washington.id]);
        expect(await idsOf({ search: '+1 202-555-0100' })).toEqual([washington.id]);
        expect(await idsOf({ search: '5550100' })).toHaveLength(2);
        expect(await idsOf({ search: '20' })).toEqual([washington.id]);
      });

      it('finds a contact by its new name and phone once changed, and not by the old', async () => {
        const contact = await insert({ firstName: 'Ada', phone: '+12025550100' });
        await store.update(TEAM, contact.id, { firstName: 'Grace', phone: '+13055550199', phoneZones: [] }, T0 + 1);
        expect(await idsOf({ search: 'Grace' })).toEqual([contact.id]);
        expect(await idsOf({ search: 'Ada' })).toEqual([]);
        expect(await idsOf({ search: '305555' })).toEqual([contact.id]);
        expect(await idsOf({ search: '202555' })).toEqual([]);
      });
    });
  });
}

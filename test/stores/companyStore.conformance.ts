import { describe, expect, it } from 'vitest';
import type { CompanyStore, NewCompany, StoredCompany } from '../../main/crm/companyStore';
import type { CrmSeed } from './crmSeed';
import { freshFixtureEach, STORE_TEAMS } from './suiteFixtures';

const [TEAM, OTHER_TEAM] = STORE_TEAMS;
const T0 = Date.parse('2026-03-02T10:00:00Z');
const PAGE = { limit: 50, offset: 0 };

let made = 0;
function newCompany(teamId: string, name: string, fields: Partial<NewCompany> = {}): NewCompany {
  made++;
  return { id: `co_${made}`, teamId, name, website: null, industry: null, phone: null, city: null, state: null, country: null, customFields: {}, createdAt: T0, updatedAt: T0, ...fields };
}

const stored = (company: NewCompany, contactCount = 0): StoredCompany => ({ ...company, contactCount });

/** What every CompanyStore does, whatever engine keeps it; `open` gives a store on an empty database where STORE_TEAMS exist. */
export function describeCompanyStore(engine: string, open: () => Promise<{ store: CompanyStore; seed: CrmSeed; close(): Promise<void> }>): void {
  describe(`CompanyStore on ${engine}`, () => {
    let store: CompanyStore;
    let seed: CrmSeed;
    freshFixtureEach(open, (fixture) => ({ store, seed } = fixture));

    const insert = async (company: NewCompany) => (await store.insert(company), company);

    it("reads a team's company back with its fields and how many contacts it has, and not another team's", async () => {
      const company = await insert(newCompany(TEAM, 'Acme', { website: 'https://acme.test', city: 'Austin', customFields: { tier: 'gold' } }));
      await seed.contact(TEAM, company.id, { firstName: 'Ann', lastName: 'Lee', phone: '+15125550100' });
      await seed.contact(TEAM, company.id, { firstName: 'Bob', lastName: 'Ray' });
      expect(await store.get(TEAM, company.id)).toEqual(stored(company, 2));
      expect(await store.get(OTHER_TEAM, company.id)).toBeUndefined();
      expect(await store.get(TEAM, 'co_missing')).toBeUndefined();
    });

    it("pages a team's companies by name regardless of case, then id, with the total", async () => {
      const beta = await insert(newCompany(TEAM, 'beta'));
      const alpha = await insert(newCompany(TEAM, 'Alpha'));
      const gamma = await insert(newCompany(TEAM, 'Gamma'));
      await insert(newCompany(OTHER_TEAM, 'Aardvark'));
      expect(await store.page(TEAM, PAGE)).toEqual({ items: [alpha, beta, gamma].map((c) => stored(c)), total: 3, totalIsCapped: false, ...PAGE });
      expect(await store.page(TEAM, { limit: 1, offset: 1 })).toEqual({ items: [stored(beta)], total: 3, totalIsCapped: false, limit: 1, offset: 1 });
    });

    it('searches names for the text regardless of case, its wildcards taken literally', async () => {
      const percent = await insert(newCompany(TEAM, 'Save 50% Ltd'));
      const acme = await insert(newCompany(TEAM, 'ACME Widgets'));
      await insert(newCompany(TEAM, 'Save 500 Ltd'));
      await insert(newCompany(OTHER_TEAM, 'Acme Elsewhere'));
      expect((await store.page(TEAM, { ...PAGE, search: 'acme' })).items).toEqual([stored(acme)]);
      expect(await store.page(TEAM, { ...PAGE, search: '50%' })).toMatchObject({ items: [stored(percent)], total: 1 });
    });

    it("tells a taken name regardless of case, as written, but not the company's own nor another team's", async () => {
      const acme = await insert(newCompany(TEAM, 'Acme'));
      await insert(newCompany(OTHER_TEAM, 'Globex'));
      expect(await store.nameTaken(TEAM, 'ACME')).toBe('Acme');
      expect(await store.nameTaken(TEAM, 'acme', acme.id)).toBeUndefined();
      expect(await store.nameTaken(TEAM, 'Globex')).toBeUndefined();
    });

    it('updates the fields given and the time, leaving the others; not for another team', async () => {
      const company = await insert(newCompany(TEAM, 'Acme', { city: 'Austin', customFields: { tier: 'gold' } }));
      expect(await store.update(TEAM, company.id, { name: 'Acme Inc', customFields: { tier: 'silver' } }, T0 + 5)).toBe(true);
      expect(await store.get(TEAM, company.id)).toEqual(stored({ ...company, name: 'Acme Inc', customFields: { tier: 'silver' }, updatedAt: T0 + 5 }));
      expect(await store.update(OTHER_TEAM, company.id, { name: 'Taken' }, T0 + 6)).toBe(false);
      expect((await store.get(TEAM, company.id))?.name).toBe('Acme Inc');
    });

    it('removes a company with its contacts; not for another team', async () => {
      const company = await insert(newCompany(TEAM, 'Acme'));
      await seed.contact(TEAM, company.id, { firstName: 'Ann', lastName: 'Lee', phone: '+15125550100' });
      expect(await store.remove(OTHER_TEAM, company.id)).toBe(false);
      expect(await store.remove(TEAM, company.id)).toBe(true);
      expect(await store.get(TEAM, company.id)).toBeUndefined();
      expect(await store.remove(TEAM, company.id)).toBe(false);
    });

    it('names a campaign that uses the company, a deleted one too, and none for a company no campaign uses', async () => {
      const used = await insert(newCompany(TEAM, 'Acme'));
      const deletedOnly = await insert(newCompany(TEAM, 'Globex'));
      const unused = await insert(newCompany(TEAM, 'Initech'));
      await seed.campaign(TEAM, used.id, { name: 'Spring', status: 'running' });
      await seed.campaign(TEAM, deletedOnly.id, { name: 'Old', status: 'completed', deleted: true });
      expect(await store.campaignUsing(TEAM, used.id)).toEqual({ name: 'Spring', status: 'running' });
      expect(await store.campaignUsing(TEAM, deletedOnly.id)).toEqual({ name: 'Old', status: 'completed' });
      expect(await store.campaignUsing(TEAM, unused.id)).toBeUndefined();
      expect(await store.campaignUsing(OTHER_TEAM, used.id)).toBeUndefined();
    });
  });
}

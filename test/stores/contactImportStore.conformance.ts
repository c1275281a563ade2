import { describe, expect, it } from 'vitest';
import type { ContactImportStore, ImportedContact } from '../../main/crm/contactImportStore';
import { dedupeKey } from '../../main/crm/contactKeys';
import { newContact } from '../../main/crm/contacts';
import type { ContactStore } from '../../main/crm/contactStore';
import { contactInput } from '../../shared/crm/schemas';
import type { ContactSeed } from './contactStore.conformance';
import { freshFixtureEach, STORE_TEAMS } from './suiteFixtures';

const [TEAM, OTHER_TEAM] = STORE_TEAMS;
const T0 = Date.parse('2026-03-02T10:00:00Z');

export interface ContactImportStoreFixture {
  store: ContactImportStore;
  /** The same engine's contacts, to add the contacts a company has already and to read what a batch wrote. */
  contacts: ContactStore;
  /** The companies the jobs import into. */
  seed: Pick<ContactSeed, 'company'>;
  close(): Promise<void>;
}

/** What every ContactImportStore does, whatever engine keeps it; `open` gives a store on an empty database where STORE_TEAMS exist. */
export function describeContactImportStore(engine: string, open: () => Promise<ContactImportStoreFixture>): void {
  describe(`ContactImportStore on ${engine}`, () => {
    let f: ContactImportStoreFixture;
    let store: ContactImportStore;
    let companyId: string;
    freshFixtureEach(open, (fixture) => ((f = fixture), (store = fixture.store)));

    /** A job of the team's company for file `hash`, started at T0. */
    const newJob = async (id: string, hash = 'hash', teamId: string = TEAM) => {
      companyId = await f.seed.company(teamId);
      await store.createJob({ id, teamId, companyId, fileHash: hash, at: T0 });
      return companyId;
    };
    /** A row of the file as the import makes it: the contact of the team's company, keyed for duplicates. */
    const imported = (row: number, fields: Record<string, unknown>, teamId: string = TEAM): ImportedContact => {
      const input = contactInput.parse({ companyId, ...fields });
      const key = dedupeKey(input);
      return { row, key, values: newContact({ teamId }, input, T0), duplicateReason: `Duplicate: ${key.label}` };
    };
    const namesIn = async (teamId: string) =>
      (await f.contacts.list(teamId, {}, { limit: 50, offset: 0, countUpTo: 50 })).items.map((c) => c.firstName).sort();

    it('starts a job at the header row, found as unfinished by its team, company and file only', async () => {
      const company = await newJob('imp_a');
      expect(await store.unfinishedJob(TEAM, company, 'hash')).toEqual({ id: 'imp_a', rowsDone: 1 });
      expect(await store.committed('imp_a', 10)).toEqual({ errors: [], errorCount: 0, failed: 0, duplicates: 0 });
      expect(await store.unfinishedJob(TEAM, company, 'other')).toBeUndefined();
      expect(await store.unfinishedJob(OTHER_TEAM, company, 'hash')).toBeUndefined();
      expect(await store.unfinishedJob(TEAM, await f.seed.company(TEAM), 'hash')).toBeUndefined();
    });

    it('commits a batch: new contacts in, those the company has keyed by phone, email or name skipped with their row errors', async () => {
      await newJob('imp_a');
      await f.contacts.insert(imported(0, { firstName: 'Old', phone: '+12125550101' }).values);
      await f.contacts.insert(imported(0, { firstName: 'Mailed', email: 'old@example.com' }).values);
      await f.contacts.insert(imported(0, { firstName: 'Just', lastName: 'Named' }).values);
      const batch = {
        contacts: [
          imported(2, { firstName: 'New', phone: '+12125550102' }),
          imported(3, { firstName: 'Same phone', phone: '+12125550101' }),
          imported(4, { firstName: 'Same email', email: 'OLD@example.com' }),
          imported(5, { firstName: 'just', lastName: 'NAMED' }),
          imported(6, { firstName: 'Other', lastName: 'Named' }),
        ],
        errors: [{ row: 7, field: 'phone', reason: 'bad', kind: 'invalid' as const }],
      };
      expect(await store.commitBatch('imp_a', batch, 7, T0 + 1)).toEqual([true, false, false, false, true]);
      expect(await namesIn(TEAM)).toEqual(['Just', 'Mailed', 'New', 'Old', 'Other']);
      expect(await store.unfinishedJob(TEAM, companyId, 'hash')).toEqual({ id: 'imp_a', rowsDone: 7 });
      expect(await store.committed('imp_a', 10)).toEqual({
        errors: [
          { row: 3, field: 'phone', reason: 'Duplicate: +12125550101' },
          { row: 4, field: 'email', reason: 'Duplicate: OLD@example.com' },
          { row: 5, field: 'name', reason: 'Duplicate: "just NAMED"' },
          { row: 7, field: 'phone', reason: 'bad' },
        ],
        errorCount: 4,
        failed: 1,
        duplicates: 3,
      });
    });

    it('counts a failed row once however many errors it has, and reads only as many errors as asked, by row', async () => {
      await newJob('imp_a');
      const errors = [
        { row: 4, field: 'phone', reason: 'dup', kind: 'duplicate' as const },
        { row: 3, field: 'email', reason: 'bad', kind: 'invalid' as const },
        { row: 3, field: 'phone', reason: 'bad', kind: 'invalid' as const },
      ];
      await store.commitBatch('imp_a', { contacts: [], errors }, 4, T0 + 1);
      expect(await store.committed('imp_a', 2)).toEqual({
        errors: [{ row: 3, field: 'email', reason: 'bad' }, { row: 3, field: 'phone', reason: 'bad' }],
        errorCount: 3,
        failed: 1,
        duplicates: 1,
      });
    });

    it("keeps jobs apart: a batch's contacts and errors are its own job's and company's", async () => {
      await newJob('imp_other', 'hash', OTHER_TEAM);
      await store.commitBatch('imp_other', { contacts: [imported(2, { firstName: 'Theirs', phone: '+12125550101' }, OTHER_TEAM)], errors: [] }, 2, T0 + 1);
      await newJob('imp_a');
      // the same phone in another team's company is no duplicate
      expect(await store.commitBatch('imp_a', { contacts: [imported(2, { firstName: 'Ours', phone: '+12125550101' })], errors: [] }, 2, T0 + 1)).toEqual([true]);
      expect(await namesIn(TEAM)).toEqual(['Ours']);
      expect(await namesIn(OTHER_TEAM)).toEqual(['Theirs']);
      expect(await store.committed('imp_other', 10)).toMatchObject({ errorCount: 0 });
    });

    it('finishes a job: no longer unfinished, its errors dropped, its contacts kept', async () => {
      const company = await newJob('imp_a');
      await store.commitBatch('imp_a', { contacts: [imported(2, { firstName: 'Kept' })], errors: [{ row: 3, field: 'phone', reason: 'bad', kind: 'invalid' }] }, 3, T0 + 1);
      await store.finishJob('imp_a', T0 + 2);
      expect(await store.unfinishedJob(TEAM, company, 'hash')).toBeUndefined();
      expect(await store.committed('imp_a', 10)).toEqual({ errors: [], errorCount: 0, failed: 0, duplicates: 0 });
      expect(await namesIn(TEAM)).toEqual(['Kept']);
      // the same file again is a new job, the one found unfinished
      await store.createJob({ id: 'imp_b', teamId: TEAM, companyId: company, fileHash: 'hash', at: T0 + 3 });
      expect(await store.unfinishedJob(TEAM, company, 'hash')).toEqual({ id: 'imp_b', rowsDone: 1 });
    });
  });
}

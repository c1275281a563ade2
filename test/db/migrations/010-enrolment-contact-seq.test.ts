import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../../../main/db/migrations';
import { DEFAULT_TEAM_ID } from '../../../main/db/migrations/001-crm';
import { openStore, schemaVersion, type Store } from '../../../main/db/open';
import { tempDbFile } from '../../support/tempDb';
import { insertCampaign, insertCampaignOwners, insertRow } from './rows';

let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

let phones = 0;
const contact = (db: Store['sqlite'], id: string) =>
  insertRow(db, 'contacts', { id, team_id: DEFAULT_TEAM_ID, company_id: 'co1', phone: `+120255501${String(phones++).padStart(2, '0')}`, created_at: 1, updated_at: 1 });

const seqOf = (db: Store['sqlite'], table: string, where: string) => db.prepare(`SELECT ${table === 'contacts' ? 'seq' : 'contact_seq'} FROM ${table} WHERE ${where}`).pluck().get();

describe('migration 010 (enrolment contact seq)', () => {
  it('is version 10 and fills contact_seq for the enrolments already there', async () => {
    const file = tempDbFile();
    const v9 = await openStore(file, { migrations: migrations.slice(0, 9) });
    insertCampaignOwners(v9.sqlite);
    insertCampaign(v9.sqlite, 'c1');
    for (const id of ['p1', 'p2', 'p3']) contact(v9.sqlite, id);
    for (const id of ['p3', 'p1']) insertRow(v9.sqlite, 'campaign_contacts', { campaign_id: 'c1', contact_id: id, status: 'pending', enrolled_at: 1, updated_at: 1 });
    await v9.close();

    store = await openStore(file, { migrations: migrations.slice(0, 10) });
    const db = store.sqlite;
    expect(migrations[9]).toMatchObject({ version: 10, name: 'enrolment-contact-seq' });
    expect(schemaVersion(db)).toBe(10);
    for (const id of ['p1', 'p3']) expect(seqOf(db, 'campaign_contacts', `contact_id = '${id}'`)).toBe(seqOf(db, 'contacts', `id = '${id}'`));
  });

  it('puts right a contact_seq a writer gave wrong, and fills it in for rows inserted without one (the evergreen triggers)', async () => {
    store = await openStore(tempDbFile(), { migrations: migrations.slice(0, 10) });
    const db = store.sqlite;
    insertCampaignOwners(db);
    insertCampaign(db, 'c1');
    insertCampaign(db, 'evergreen', { keep_open: 1, audience_mode: 'all_eligible' });
    contact(db, 'p1');
    contact(db, 'p2');
    insertRow(db, 'campaign_contacts', { campaign_id: 'c1', contact_id: 'p1', contact_seq: 1234, status: 'pending', enrolled_at: 1, updated_at: 1 });
    insertRow(db, 'campaign_contacts', { campaign_id: 'c1', contact_id: 'p2', status: 'pending', enrolled_at: 1, updated_at: 1 });
    expect(seqOf(db, 'campaign_contacts', "campaign_id = 'c1' AND contact_id = 'p1'")).toBe(seqOf(db, 'contacts', "id = 'p1'"));
    expect(seqOf(db, 'campaign_contacts', "campaign_id = 'c1' AND contact_id = 'p2'")).toBe(seqOf(db, 'contacts', "id = 'p2'"));
    // a new company contact joins the evergreen campaign through migration 003's trigger
    contact(db, 'p9');
    expect(seqOf(db, 'campaign_contacts', "campaign_id = 'evergreen' AND contact_id = 'p9'")).toBe(seqOf(db, 'contacts', "id = 'p9'"));
  });

  it('lets the dialer reach an enrolment’s contact by rowid', async () => {
    store = await openStore(tempDbFile(), { migrations: migrations.slice(0, 10) });
    const plan = (store.sqlite.prepare(`EXPLAIN QUERY PLAN SELECT c.phone FROM campaign_contacts cc JOIN contacts c ON c.seq = cc.contact_seq WHERE cc.seq = 1`).all() as { detail: string }[])
      .map((r) => r.detail)
      .join(' | ');
    expect(plan).toMatch(/SEARCH c USING INTEGER PRIMARY KEY \(rowid=\?\)/);
  });
});

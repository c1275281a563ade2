import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../../../main/db/migrations';
import { DEFAULT_TEAM_ID } from '../../../main/db/migrations/001-crm';
import { openStore, schemaVersion, type Store } from '../../../main/db/open';
import { tempDbFile } from '../../support/tempDb';
import { insertRow } from './rows';

let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

/** The duplicate checks of main/db/sqlite/contactImportStore.ts for a row without a phone: by email, else by name. */
const BY_EMAIL = `SELECT 1 FROM contacts WHERE company_id = ? AND phone IS NULL AND email IS NOT NULL AND lower(email) = lower(?)`;
const BY_NAME = `SELECT 1 FROM contacts WHERE company_id = ? AND phone IS NULL AND email IS NULL AND lower(first_name) = lower(?) AND lower(last_name) = lower(?)`;

const contact = (db: Store['sqlite'], id: string, values: Record<string, unknown>) =>
  insertRow(db, 'contacts', { id, team_id: DEFAULT_TEAM_ID, company_id: 'co1', created_at: 1, updated_at: 1, ...values });

const planOf = (db: Store['sqlite'], sql: string, ...params: unknown[]) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');

describe('migration 014 (import jobs)', () => {
  it('is version 14, and answers the phone-less duplicate checks for the contacts already there from two small indexes', async () => {
    const file = tempDbFile();
    const v13 = await openStore(file, { migrations: migrations.slice(0, 13) });
    insertRow(v13.sqlite, 'companies', { id: 'co1', team_id: DEFAULT_TEAM_ID, name: 'Co', created_at: 1, updated_at: 1 });
    contact(v13.sqlite, 'p1', { email: 'Ann@Example.com' });
    contact(v13.sqlite, 'p2', { first_name: 'Dee', last_name: 'Named' });
    contact(v13.sqlite, 'p3', { phone: '+12125550101', email: 'phone@example.com', first_name: 'Has', last_name: 'Phone' });
    await v13.close();

    store = await openStore(file, { migrations: migrations.slice(0, 14) });
    const db = store.sqlite;
    expect(migrations[13]).toMatchObject({ version: 14, name: 'import-jobs' });
    expect(schemaVersion(db)).toBe(14);
    expect(planOf(db, BY_EMAIL, 'co1', 'ann@example.com')).toMatch(/USING (COVERING )?INDEX contacts_company_email_key/);
    expect(planOf(db, BY_NAME, 'co1', 'dee', 'named')).toMatch(/USING (COVERING )?INDEX contacts_company_name_key/);
    expect(db.prepare(BY_EMAIL).get('co1', 'ANN@example.COM')).toBeDefined();
    expect(db.prepare(BY_NAME).get('co1', 'DEE', 'named')).toBeDefined();
    // a contact with a phone is keyed by it: its email and name are not in these indexes
    expect(db.prepare(BY_EMAIL).get('co1', 'phone@example.com')).toBeUndefined();
    const indexed = (index: string) => db.prepare(`SELECT count(*) FROM contacts INDEXED BY ${index} WHERE company_id = 'co1' AND phone IS NULL AND email ${index.endsWith('email_key') ? 'IS NOT NULL' : 'IS NULL'}`).pluck().get();
    expect([indexed('contacts_company_email_key'), indexed('contacts_company_name_key')]).toEqual([1, 1]);
  });

  it('keeps a job and its row errors with their company, and only the statuses a job goes through', async () => {
    store = await openStore(tempDbFile(), { migrations: migrations.slice(0, 14) });
    const db = store.sqlite;
    insertRow(db, 'companies', { id: 'co1', team_id: DEFAULT_TEAM_ID, name: 'Co', created_at: 1, updated_at: 1 });
    insertRow(db, 'import_jobs', { id: 'imp1', team_id: DEFAULT_TEAM_ID, company_id: 'co1', file_hash: 'h', status: 'running', created_at: 1, updated_at: 1 });
    insertRow(db, 'import_job_errors', { job_id: 'imp1', row: 2, field: 'phone', reason: 'bad', kind: 'invalid' });
    expect(db.prepare('SELECT rows_done FROM import_jobs').pluck().get()).toBe(1);
    expect(() => insertRow(db, 'import_jobs', { id: 'imp2', team_id: DEFAULT_TEAM_ID, company_id: 'co1', file_hash: 'h', status: 'paused', created_at: 1, updated_at: 1 })).toThrow(/CHECK/);
    expect(() => insertRow(db, 'import_job_errors', { job_id: 'imp1', row: 3, field: 'x', reason: 'y', kind: 'other' })).toThrow(/CHECK/);
    db.prepare(`DELETE FROM companies WHERE id = 'co1'`).run();
    expect(db.prepare('SELECT (SELECT count(*) FROM import_jobs) + (SELECT count(*) FROM import_job_errors)').pluck().get()).toBe(0);
  });
});

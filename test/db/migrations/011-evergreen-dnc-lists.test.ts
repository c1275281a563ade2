import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../../../main/db/migrations';
import { DEFAULT_TEAM_ID } from '../../../main/db/migrations/001-crm';
import { openStore, schemaVersion, type Store } from '../../../main/db/open';
import { tempDbFile } from '../../support/tempDb';
import { insertCampaign, insertRow } from './rows';

let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

const LISTED = '+12025550111';
const FREE = '+12025550112';

const contact = (db: Store['sqlite'], id: string, phone: string, at = 5) =>
  insertRow(db, 'contacts', { id, team_id: DEFAULT_TEAM_ID, company_id: 'co1', phone, created_at: at, updated_at: at });
const enrolment = (db: Store['sqlite'], campaignId: string, contactId: string) =>
  db.prepare('SELECT status, skip_reason AS skipReason FROM campaign_contacts WHERE campaign_id = ? AND contact_id = ?').get(campaignId, contactId);
const decisions = (db: Store['sqlite'], campaignId: string) =>
  db.prepare('SELECT contact_id AS contactId, at, kind, rule, reason FROM compliance_decisions WHERE campaign_id = ? ORDER BY seq').all(campaignId);

describe('migration 011 (evergreen enrolment with the team DNC lists)', () => {
  it('is version 11 and replaces the evergreen triggers of a workspace at version 10', async () => {
    const file = tempDbFile();
    const v10 = await openStore(file, { migrations: migrations.slice(0, 10) });
    insertRow(v10.sqlite, 'companies', { id: 'co1', team_id: DEFAULT_TEAM_ID, name: 'Co', created_at: 1, updated_at: 1 });
    insertRow(v10.sqlite, 'assistants', { id: 'a1', team_id: DEFAULT_TEAM_ID, name: 'A', created_at: 1, updated_at: 1 });
    insertCampaign(v10.sqlite, 'everyone', { keep_open: 1, audience_mode: 'all_eligible', audience_exclude_dnc: 0 });
    insertCampaign(v10.sqlite, 'callable', { keep_open: 1, audience_mode: 'all_eligible', audience_exclude_dnc: 1 });
    insertRow(v10.sqlite, 'dnc_lists', { id: 'dnc1', team_id: DEFAULT_TEAM_ID, name: 'Registry', created_at: 1, updated_at: 1 });
    insertRow(v10.sqlite, 'dnc_numbers', { list_id: 'dnc1', team_id: DEFAULT_TEAM_ID, e164: LISTED, added_at: 1 });
    // before: the old triggers took a listed number as callable
    contact(v10.sqlite, 'before', LISTED);
    expect(enrolment(v10.sqlite, 'callable', 'before')).toEqual({ status: 'pending', skipReason: null });
    await v10.close();

    store = await openStore(file, { migrations: migrations.slice(0, 11) });
    const db = store.sqlite;
    expect(migrations[10]).toMatchObject({ version: 11, name: 'evergreen-dnc-lists' });
    expect(schemaVersion(db)).toBe(11);

    // (the listed number moves to a newcomer: one contact per number in a company)
    db.prepare("UPDATE contacts SET phone = '+12025550119' WHERE id = 'before'").run();
    contact(db, 'listed', LISTED, 700);
    contact(db, 'free', FREE, 700);
    // a listed number joins as skipped, with its row in the audit trail, or not at all when the audience excludes DNC
    expect(enrolment(db, 'everyone', 'listed')).toEqual({ status: 'skipped', skipReason: 'dnc_list' });
    expect(enrolment(db, 'callable', 'listed')).toBeUndefined();
    expect(enrolment(db, 'callable', 'free')).toEqual({ status: 'pending', skipReason: null });
    expect(decisions(db, 'everyone')).toEqual([{ contactId: 'listed', at: 700, kind: 'skip', rule: 'dnc_list', reason: "on DNC list 'Registry'" }]);
    expect(decisions(db, 'callable')).toEqual([]);

    // an edit that leaves the number listed leaves the skip (the old trigger made it pending), audited once
    db.prepare("UPDATE contacts SET lead_status = 'qualified', updated_at = 800 WHERE id = 'listed'").run();
    expect(enrolment(db, 'everyone', 'listed')).toEqual({ status: 'skipped', skipReason: 'dnc_list' });
    expect(decisions(db, 'everyone')).toHaveLength(1);
    // a number that leaves the lists makes it callable again
    db.prepare("UPDATE contacts SET phone = '+12025550120', updated_at = 900 WHERE id = 'listed'").run();
    expect(enrolment(db, 'everyone', 'listed')).toEqual({ status: 'pending', skipReason: null });
    expect(enrolment(db, 'callable', 'listed')).toEqual({ status: 'pending', skipReason: null });
  });
});

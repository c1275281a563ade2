import type BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrations } from '../../../main/db/migrations';
import { DEFAULT_TEAM_ID } from '../../../main/db/migrations/001-crm';
import { openStore, schemaVersion, type Store } from '../../../main/db/open';
import { tempDbFile } from '../../support/tempDb';
import { insertRow, insertCampaign } from './rows';

let store: Store;
let db: BetterSqlite3.Database;

beforeEach(async () => {
  store = await openStore(tempDbFile(), { migrations: migrations.slice(0, 3) });
  db = store.sqlite;
  company('co1');
  company('co2');
  db.prepare("INSERT INTO assistants (id, team_id, name, outbound_enabled, created_at, updated_at) VALUES ('a1', ?, 'A', 1, 1, 1)").run(DEFAULT_TEAM_ID);
  db.prepare("INSERT INTO phone_numbers (id, team_id, number, assistant_id, created_at, updated_at) VALUES ('n1', ?, '+12025550101', 'a1', 1, 1)").run(DEFAULT_TEAM_ID);
  db.prepare("INSERT INTO phone_numbers (id, team_id, number, assistant_id, created_at, updated_at) VALUES ('n2', ?, '+12025550102', 'a1', 1, 1)").run(DEFAULT_TEAM_ID);
});
afterEach(async () => {
  await store.close();
});

function objects(type: 'table' | 'index' | 'trigger'): string[] {
  return db
    .prepare("SELECT name FROM sqlite_master WHERE type = ? AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all(type) as string[];
}

const insert = (table: string, row: Record<string, unknown>) => insertRow(db, table, row);

function company(id: string): void {
  insert('companies', { id, team_id: DEFAULT_TEAM_ID, name: `Company ${id}`, created_at: 1, updated_at: 1 });
}

let contactSeq = 0;
function contact(id: string, companyId: string, values: Record<string, unknown> = {}): void {
  contactSeq++;
  insert('contacts', {
    id,
    team_id: DEFAULT_TEAM_ID,
    company_id: companyId,
    phone: `+1202555${String(1000 + contactSeq)}`,
    created_at: 100,
    updated_at: 100,
    ...values,
  });
}

/** A campaign row with every required column; an evergreen (keepOpen + all_eligible) one unless told. */
function campaign(id: string, values: Record<string, unknown> = {}): void {
  insertCampaign(db, id, { name: `Campaign ${id}`, keep_open: 1, audience_mode: 'all_eligible', ...values });
}

function enrol(campaignId: string, contactId: string, values: Record<string, unknown> = {}): void {
  insert('campaign_contacts', { campaign_id: campaignId, contact_id: contactId, status: 'pending', enrolled_at: 1, updated_at: 1, ...values });
}

interface Enrolment {
  campaign_id: string;
  contact_id: string;
  status: string;
  skip_reason: string | null;
  priority: number;
  enrolled_at: number;
}

function enrolments(contactId?: string): Enrolment[] {
  const rows = db
    .prepare('SELECT campaign_id, contact_id, status, skip_reason, priority, enrolled_at FROM campaign_contacts ORDER BY campaign_id, contact_id')
    .all() as Enrolment[];
  return contactId ? rows.filter((r) => r.contact_id === contactId) : rows;
}

describe('migration 003 (campaigns): schema', () => {
  it('is version 3 and adds the campaign tables, indexes and evergreen triggers', () => {
    expect(migrations[2].version).toBe(3);
    expect(migrations[2].name).toBe('campaigns');
    expect(schemaVersion(db)).toBe(3);
    const tables = objects('table');
    expect(tables).toEqual(expect.arrayContaining(['campaigns', 'campaign_numbers', 'campaign_contacts']));
    expect(tables).not.toContain('calls');
    expect(tables).not.toContain('api_keys');
    expect(objects('index')).toEqual(
      expect.arrayContaining([
        'campaigns_team_status',
        'campaigns_scheduled',
        'campaigns_company',
        'campaign_contacts_due',
        'campaign_contacts_queue',
        'campaign_contacts_contact',
      ]),
    );
    expect(objects('trigger')).toEqual(expect.arrayContaining(['campaign_contacts_evergreen_insert', 'campaign_contacts_evergreen_update']));
  });

  it('gives a campaign row its column defaults', () => {
    insertCampaign(db, 'c0', { name: 'Bare', status: 'draft' });
    expect(db.prepare("SELECT description, keep_open, audience_mode, audience_has_phone_only, audience_exclude_dnc, deleted_at, seq FROM campaigns WHERE id = 'c0'").get()).toEqual({
      description: '',
      keep_open: 0,
      audience_mode: null,
      audience_has_phone_only: 1,
      audience_exclude_dnc: 1,
      deleted_at: null,
      seq: expect.any(Number),
    });
    contact('p1', 'co1');
    enrol('c0', 'p1');
    expect(db.prepare("SELECT priority, attempts, last_outcome, skip_reason FROM campaign_contacts WHERE contact_id = 'p1'").get()).toEqual({
      priority: 0,
      attempts: 0,
      last_outcome: null,
      skip_reason: null,
    });
  });

  it('checks every constrained campaign column', () => {
    const bad: Record<string, unknown>[] = [
      { name: '' },
      { status: 'archived' },
      { keep_open: 2 },
      { use_contact_timezone: 2 },
      { max_concurrent_calls: 0 },
      { max_concurrent_calls: 11 },
      { max_attempts_per_contact: 0 },
      { retry_backoff: 'linear' },
      { retry_on_error: 2 },
      { retry_on_voicemail: -1 },
      { voicemail_action: 'beep' },
      { audience_mode: 'everyone' },
    ];
    bad.forEach((values, i) => expect(() => campaign(`bad${i}`, values), JSON.stringify(values)).toThrow(/CHECK constraint failed/));
    for (const status of ['draft', 'scheduled', 'running', 'paused', 'completed', 'cancelled']) {
      expect(() => campaign(`ok_${status}`, { status })).not.toThrow();
    }
    expect(() => campaign('ok_min', { max_concurrent_calls: 1 })).not.toThrow();
    expect(() => campaign('ok_max', { max_concurrent_calls: 10 })).not.toThrow();
    expect(() => campaign('ok_exp', { retry_backoff: 'exponential', voicemail_action: 'hangup', audience_mode: null })).not.toThrow();
  });

  it('requires NOT NULL settings and a unique public id', () => {
    expect(() => campaign('n_null', { call_window_timezone: null })).toThrow(/NOT NULL constraint failed: campaigns\.call_window_timezone/);
    campaign('dup');
    expect(() => campaign('dup')).toThrow(/UNIQUE constraint failed: campaigns\.id/);
  });

  it('enforces foreign keys to team, assistant and company', () => {
    expect(() => campaign('f1', { team_id: 'team_nobody' })).toThrow(/FOREIGN KEY constraint failed/);
    expect(() => campaign('f2', { assistant_id: 'nobody' })).toThrow(/FOREIGN KEY constraint failed/);
    expect(() => campaign('f3', { company_id: 'nobody' })).toThrow(/FOREIGN KEY constraint failed/);
  });

  it('checks campaign_numbers: known number, weight >= 1, one row per (campaign, number)', () => {
    campaign('c1', { audience_mode: null });
    insert('campaign_numbers', { campaign_id: 'c1', phone_number_id: 'n1', position: 0 });
    expect(db.prepare("SELECT weight FROM campaign_numbers WHERE phone_number_id = 'n1'").pluck().get()).toBe(1);
    expect(() => insert('campaign_numbers', { campaign_id: 'c1', phone_number_id: 'n1', position: 1 })).toThrow(/UNIQUE constraint failed/);
    expect(() => insert('campaign_numbers', { campaign_id: 'c1', phone_number_id: 'n2', position: 1, weight: 0 })).toThrow(/CHECK constraint failed/);
    expect(() => insert('campaign_numbers', { campaign_id: 'c1', phone_number_id: 'nope', position: 1 })).toThrow(/FOREIGN KEY constraint failed/);
    expect(() => insert('campaign_numbers', { campaign_id: 'nope', phone_number_id: 'n2', position: 1 })).toThrow(/FOREIGN KEY constraint failed/);
    // a number in use by a campaign cannot be deleted from under it
    expect(() => db.prepare("DELETE FROM phone_numbers WHERE id = 'n1'").run()).toThrow(/FOREIGN KEY constraint failed/);
  });

  it('checks campaign_contacts: status list, unique (campaign_id, contact_id), known campaign and contact', () => {
    campaign('c1', { audience_mode: null });
    contact('p1', 'co1');
    contact('p2', 'co1');
    enrol('c1', 'p1');
    expect(() => enrol('c1', 'p1', { status: 'skipped' })).toThrow(/UNIQUE constraint failed: campaign_contacts\.campaign_id, campaign_contacts\.contact_id/);
    expect(() => enrol('c1', 'p2', { status: 'queued' })).toThrow(/CHECK constraint failed/);
    for (const status of ['pending', 'calling', 'completed', 'failed', 'skipped']) {
      campaign(`c_${status}`, { audience_mode: null });
      expect(() => enrol(`c_${status}`, 'p2', { status })).not.toThrow();
    }
    expect(() => enrol('nope', 'p2')).toThrow(/FOREIGN KEY constraint failed/);
    expect(() => enrol('c1', 'nope')).toThrow(/FOREIGN KEY constraint failed/);
    // ON CONFLICT DO NOTHING is how the services make repeats idempotent
    db.prepare("INSERT INTO campaign_contacts (campaign_id, contact_id, status, enrolled_at, updated_at) VALUES ('c1', 'p1', 'skipped', 2, 2) ON CONFLICT DO NOTHING").run();
    expect(enrolments('p1').find((e) => e.campaign_id === 'c1')?.status).toBe('pending');
  });

  it('cascades: a deleted campaign takes its numbers and enrolments; a deleted contact its enrolments', () => {
    campaign('c1', { audience_mode: null });
    campaign('c2', { audience_mode: null });
    insert('campaign_numbers', { campaign_id: 'c1', phone_number_id: 'n1', position: 0 });
    insert('campaign_numbers', { campaign_id: 'c2', phone_number_id: 'n1', position: 0 });
    contact('p1', 'co1');
    contact('p2', 'co1');
    enrol('c1', 'p1');
    enrol('c1', 'p2');
    enrol('c2', 'p1');

    db.prepare("DELETE FROM campaigns WHERE id = 'c1'").run();
    expect(db.prepare('SELECT campaign_id FROM campaign_numbers').pluck().all()).toEqual(['c2']);
    expect(enrolments().map((e) => `${e.campaign_id}/${e.contact_id}`)).toEqual(['c2/p1']);

    db.prepare("DELETE FROM contacts WHERE id = 'p1'").run();
    expect(enrolments()).toEqual([]);
  });

  it('refuses to delete a company a campaign points at (no cascade into campaigns)', () => {
    campaign('c1', { audience_mode: null, company_id: 'co2' });
    expect(() => db.prepare("DELETE FROM companies WHERE id = 'co2'").run()).toThrow(/FOREIGN KEY constraint failed/);
    expect(() => db.prepare("DELETE FROM companies WHERE id = 'co1'").run()).not.toThrow();
  });
});

describe('migration 003: evergreen triggers', () => {
  it('enrols a newly inserted eligible contact of the company as pending in a keepOpen all_eligible campaign', () => {
    campaign('c1');
    contact('p1', 'co1', { created_at: 555 });
    expect(enrolments('p1')).toEqual([{ campaign_id: 'c1', contact_id: 'p1', status: 'pending', skip_reason: null, priority: 0, enrolled_at: 555 }]);
  });

  it('works for every non-terminal status', () => {
    for (const status of ['draft', 'scheduled', 'running', 'paused']) campaign(`c_${status}`, { status });
    contact('p1', 'co1');
    expect(enrolments('p1').map((e) => e.campaign_id)).toEqual(['c_draft', 'c_paused', 'c_running', 'c_scheduled']);
  });

  it('does not enrol contacts of other companies', () => {
    campaign('c1');
    contact('p1', 'co2');
    expect(enrolments()).toEqual([]);
  });

  it('does not enrol when keep_open = 0 or the audience is not all_eligible', () => {
    campaign('c1', { keep_open: 0 });
    campaign('c2', { audience_mode: null });
    contact('p1', 'co1');
    expect(enrolments()).toEqual([]);
  });

  it('does not enrol into completed, cancelled or deleted campaigns', () => {
    campaign('c_completed', { status: 'completed' });
    campaign('c_cancelled', { status: 'cancelled' });
    campaign('c_deleted', { status: 'draft', deleted_at: 5 });
    contact('p1', 'co1');
    expect(enrolments()).toEqual([]);
  });

  it('respects audience_has_phone_only: no-phone contacts join only when it is off, as skipped', () => {
    campaign('c_phone_only', { audience_has_phone_only: 1 });
    campaign('c_any', { audience_has_phone_only: 0 });
    contact('p1', 'co1', { phone: null });
    expect(enrolments('p1')).toEqual([expect.objectContaining({ campaign_id: 'c_any', status: 'skipped', skip_reason: 'no_phone' })]);
  });

  it('respects audience_exclude_dnc: DNC and do_not_contact contacts join only when it is off, as skipped', () => {
    campaign('c_excl', { audience_exclude_dnc: 1 });
    campaign('c_incl', { audience_exclude_dnc: 0 });
    contact('p_dnc', 'co1', { do_not_call: 1 });
    contact('p_dnct', 'co1', { lead_status: 'do_not_contact' });
    expect(enrolments('p_dnc')).toEqual([expect.objectContaining({ campaign_id: 'c_incl', status: 'skipped', skip_reason: 'do_not_call' })]);
    expect(enrolments('p_dnct')).toEqual([expect.objectContaining({ campaign_id: 'c_incl', status: 'skipped', skip_reason: 'do_not_contact' })]);
  });

  it('enrols a contact whose DNC is cleared (it was left out by excludeDnc)', () => {
    campaign('c1');
    contact('p1', 'co1', { do_not_call: 1 });
    expect(enrolments()).toEqual([]);
    db.prepare("UPDATE contacts SET do_not_call = 0, updated_at = 777 WHERE id = 'p1'").run();
    expect(enrolments('p1')).toEqual([expect.objectContaining({ campaign_id: 'c1', status: 'pending', skip_reason: null, enrolled_at: 777 })]);
  });

  it('enrols a contact that gets a phone, or whose lead status leaves do_not_contact', () => {
    campaign('c1');
    contact('p1', 'co1', { phone: null });
    contact('p2', 'co1', { lead_status: 'do_not_contact' });
    expect(enrolments()).toEqual([]);
    db.prepare("UPDATE contacts SET phone = '+12025559001' WHERE id = 'p1'").run();
    db.prepare("UPDATE contacts SET lead_status = 'qualified' WHERE id = 'p2'").run();
    expect(enrolments().map((e) => [e.contact_id, e.status])).toEqual([
      ['p1', 'pending'],
      ['p2', 'pending'],
    ]);
  });

  it('enrols a contact that moves into the company', () => {
    campaign('c1');
    contact('p1', 'co2');
    db.prepare("UPDATE contacts SET company_id = 'co1' WHERE id = 'p1'").run();
    expect(enrolments('p1')).toEqual([expect.objectContaining({ campaign_id: 'c1', status: 'pending' })]);
  });

  it('flips a skipped enrolment to pending when the contact becomes callable', () => {
    campaign('c1', { audience_exclude_dnc: 0 });
    contact('p1', 'co1', { do_not_call: 1 });
    expect(enrolments('p1')).toEqual([expect.objectContaining({ status: 'skipped', skip_reason: 'do_not_call' })]);
    db.prepare("UPDATE contacts SET do_not_call = 0, updated_at = 900 WHERE id = 'p1'").run();
    expect(enrolments('p1')).toEqual([expect.objectContaining({ status: 'pending', skip_reason: null })]);
    expect(db.prepare("SELECT updated_at FROM campaign_contacts WHERE contact_id = 'p1'").pluck().get()).toBe(900);
  });

  it('does not flip a skipped enrolment while the contact is still not callable, nor in a non-evergreen campaign', () => {
    campaign('c1', { audience_exclude_dnc: 0, audience_has_phone_only: 0 });
    campaign('c_manual', { keep_open: 0 });
    contact('p1', 'co1', { do_not_call: 1, phone: null });
    enrol('c_manual', 'p1', { status: 'skipped', skip_reason: 'no_phone' });
    expect(enrolments('p1').map((e) => [e.campaign_id, e.status, e.skip_reason])).toEqual([
      ['c1', 'skipped', 'no_phone'],
      ['c_manual', 'skipped', 'no_phone'],
    ]);
    // phone added, but still DNC: nothing becomes pending
    db.prepare("UPDATE contacts SET phone = '+12025559002' WHERE id = 'p1'").run();
    expect(enrolments('p1').map((e) => e.status)).toEqual(['skipped', 'skipped']);
    // DNC cleared: the evergreen campaign takes it, the manual one stays as it was
    db.prepare("UPDATE contacts SET do_not_call = 0 WHERE id = 'p1'").run();
    expect(enrolments('p1').map((e) => [e.campaign_id, e.status])).toEqual([
      ['c1', 'pending'],
      ['c_manual', 'skipped'],
    ]);
  });

  it('leaves an existing enrolment alone on unrelated updates and never duplicates it', () => {
    campaign('c1');
    contact('p1', 'co1');
    db.prepare("UPDATE campaign_contacts SET status = 'completed', attempts = 1 WHERE contact_id = 'p1'").run();
    db.prepare("UPDATE contacts SET do_not_call = 1 WHERE id = 'p1'").run();
    db.prepare("UPDATE contacts SET do_not_call = 0 WHERE id = 'p1'").run();
    db.prepare("UPDATE contacts SET first_name = 'Renamed' WHERE id = 'p1'").run();
    expect(enrolments('p1')).toEqual([expect.objectContaining({ status: 'completed' })]);
  });

  it('does not pick up contacts for a campaign that stopped being evergreen', () => {
    campaign('c1');
    db.prepare("UPDATE campaigns SET status = 'cancelled' WHERE id = 'c1'").run();
    contact('p1', 'co1');
    db.prepare("UPDATE campaigns SET status = 'running', keep_open = 0 WHERE id = 'c1'").run();
    contact('p2', 'co1');
    expect(enrolments()).toEqual([]);
  });
});

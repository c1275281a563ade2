import type BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrations } from '../../../main/db/migrations';
import { DEFAULT_TEAM_ID } from '../../../main/db/migrations/001-crm';
import { openStore, schemaVersion, type Store } from '../../../main/db/open';
import { tempDbFile } from '../../support/tempDb';
import { insertRow, insertCampaign } from './rows';

let store: Store;
let db: BetterSqlite3.Database;

const insert = (table: string, row: Record<string, unknown>) => insertRow(db, table, row);

const campaign = (id: string) => insertCampaign(db, id);

let callSeq = 0;
function call(values: Record<string, unknown> = {}): string {
  const id = `call_${++callSeq}`;
  insert('calls', {
    id, team_id: DEFAULT_TEAM_ID, campaign_id: 'c1', contact_id: 'p1', attempt: 1, from_number: '+12025550101',
    to_number: '+12025551001', status: 'dialing', provider: 'simulator', started_at: 1000, ...values,
  });
  return id;
}

beforeEach(async () => {
  store = await openStore(tempDbFile(), { migrations: migrations.slice(0, 4) });
  db = store.sqlite;
  insert('companies', { id: 'co1', team_id: DEFAULT_TEAM_ID, name: 'Co', created_at: 1, updated_at: 1 });
  insert('assistants', { id: 'a1', team_id: DEFAULT_TEAM_ID, name: 'A', created_at: 1, updated_at: 1 });
  insert('contacts', { id: 'p1', team_id: DEFAULT_TEAM_ID, company_id: 'co1', phone: '+12025551001', created_at: 1, updated_at: 1 });
  campaign('c1');
  campaign('c2');
});
afterEach(async () => {
  await store.close();
});

describe('migration 004 (calls)', () => {
  it('is version 4 and adds the calls table with its indexes, nothing of later migrations', () => {
    expect(migrations[3].version).toBe(4);
    expect(migrations[3].name).toBe('calls');
    expect(schemaVersion(db)).toBe(4);
    const names = (type: string) => db.prepare("SELECT name FROM sqlite_master WHERE type = ? AND tbl_name = 'calls' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all(type);
    expect(names('table')).toEqual(['calls']);
    expect(names('index')).toEqual(['calls_campaign_started', 'calls_in_flight', 'calls_to_number_started']);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'api_keys'").get()).toBeUndefined();
  });

  it('keeps the in-flight index partial (only calls not ended)', () => {
    const sql = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'calls_in_flight'").pluck().get() as string;
    expect(sql).toMatch(/WHERE status <> 'ended'/);
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT id FROM calls WHERE campaign_id = 'c1' AND status <> 'ended'").all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/calls_in_flight/);
  });

  it('stores a call with nullable outcome and timings', () => {
    const id = call();
    expect(db.prepare('SELECT outcome, answered_at, ended_at, duration_seconds, provider_call_id, error, seq FROM calls WHERE id = ?').get(id)).toEqual({
      outcome: null, answered_at: null, ended_at: null, duration_seconds: null, provider_call_id: null, error: null, seq: expect.any(Number),
    });
    call({ status: 'ended', outcome: 'answered', answered_at: 1100, ended_at: 1300, duration_seconds: 20.5 });
    expect(db.prepare("SELECT duration_seconds FROM calls WHERE outcome = 'answered'").pluck().get()).toBe(20.5);
  });

  it('checks attempt >= 1, the status list and the outcome list', () => {
    expect(() => call({ attempt: 0 })).toThrow(/CHECK constraint failed/);
    expect(() => call({ status: 'queued' })).toThrow(/CHECK constraint failed/);
    expect(() => call({ status: 'ended', outcome: 'hung_up' })).toThrow(/CHECK constraint failed/);
    for (const status of ['dialing', 'ringing', 'in_progress', 'ended']) expect(() => call({ status })).not.toThrow();
    for (const outcome of ['answered', 'voicemail', 'no_answer', 'busy', 'declined', 'invalid_number', 'failed', 'cancelled']) {
      expect(() => call({ status: 'ended', outcome })).not.toThrow();
    }
  });

  it('requires the NOT NULL columns and a unique id', () => {
    expect(() => call({ from_number: null })).toThrow(/NOT NULL constraint failed: calls\.from_number/);
    expect(() => call({ provider: null })).toThrow(/NOT NULL constraint failed: calls\.provider/);
    expect(() => call({ started_at: null })).toThrow(/NOT NULL constraint failed: calls\.started_at/);
    const id = call();
    expect(() => insert('calls', { id, team_id: DEFAULT_TEAM_ID, campaign_id: 'c1', contact_id: 'p1', attempt: 1, from_number: '+1', to_number: '+1', status: 'dialing', provider: 's', started_at: 1 })).toThrow(
      /UNIQUE constraint failed: calls\.id/,
    );
  });

  it('enforces foreign keys to team and campaign', () => {
    expect(() => call({ team_id: 'team_nobody' })).toThrow(/FOREIGN KEY constraint failed/);
    expect(() => call({ campaign_id: 'nope' })).toThrow(/FOREIGN KEY constraint failed/);
  });

  it('deletes a campaign’s calls with it, and keeps the history when the contact is deleted', () => {
    call({ campaign_id: 'c1' });
    call({ campaign_id: 'c2' });
    db.prepare("DELETE FROM campaigns WHERE id = 'c1'").run();
    expect(db.prepare('SELECT campaign_id FROM calls').pluck().all()).toEqual(['c2']);
    db.prepare("DELETE FROM contacts WHERE id = 'p1'").run();
    expect(db.prepare('SELECT contact_id FROM calls').pluck().all()).toEqual(['p1']);
  });

  it('applies on top of a version-3 database with data in it', async () => {
    const file = tempDbFile();
    const v3 = await openStore(file, { migrations: migrations.slice(0, 3) });
    v3.sqlite.prepare("INSERT INTO companies (id, team_id, name, created_at, updated_at) VALUES ('co1', ?, 'Co', 1, 1)").run(DEFAULT_TEAM_ID);
    await v3.close();
    const v4 = await openStore(file, { migrations: migrations.slice(0, 4) });
    try {
      expect(schemaVersion(v4.sqlite)).toBe(4);
      expect(v4.sqlite.prepare('SELECT count(*) FROM companies').pluck().get()).toBe(1);
      expect(v4.sqlite.prepare('SELECT count(*) FROM calls').pluck().get()).toBe(0);
    } finally {
      await v4.close();
    }
  });
});

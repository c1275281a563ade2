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

const campaign = (id: string, values: Record<string, unknown> = {}) => insertCampaign(db, id, values);

const decision = (values: Record<string, unknown> = {}) =>
  insert('compliance_decisions', { team_id: DEFAULT_TEAM_ID, campaign_id: 'c1', contact_id: 'p1', at: 1, kind: 'hold', rule: 'legal_hours', reason: 'r', ...values });

const plan = (query: string) => (db.prepare(`EXPLAIN QUERY PLAN ${query}`).all() as { detail: string }[]).map((p) => p.detail).join(' ');

beforeEach(async () => {
  store = await openStore(tempDbFile(), { migrations: migrations.slice(0, 8) });
  db = store.sqlite;
  insert('companies', { id: 'co1', team_id: DEFAULT_TEAM_ID, name: 'Co', created_at: 1, updated_at: 1 });
  insert('assistants', { id: 'a1', team_id: DEFAULT_TEAM_ID, name: 'A', created_at: 1, updated_at: 1 });
  insert('dnc_lists', { id: 'l1', team_id: DEFAULT_TEAM_ID, name: 'Registry', created_at: 1, updated_at: 1 });
  campaign('c1');
});
afterEach(async () => {
  await store.close();
});

describe('migration 008 (compliance)', () => {
  it('is version 8 and adds the DNC tables, the audit table and their indexes', () => {
    expect(migrations[7]).toMatchObject({ version: 8, name: 'compliance' });
    expect(schemaVersion(db)).toBe(8);
    const objects = db
      .prepare("SELECT name FROM sqlite_master WHERE tbl_name IN ('dnc_lists', 'dnc_numbers', 'compliance_decisions') AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .pluck()
      .all();
    expect(objects).toEqual(['compliance_decisions', 'compliance_decisions_campaign', 'compliance_decisions_contact', 'dnc_lists', 'dnc_numbers', 'dnc_numbers_team_e164']);
  });

  it('gives campaigns the guard on and a cap of 3 by default, and checks both', () => {
    expect(db.prepare("SELECT legal_hours_guard, rolling_cap_per24h FROM campaigns WHERE id = 'c1'").get()).toEqual({ legal_hours_guard: 1, rolling_cap_per24h: 3 });
    campaign('c2', { legal_hours_guard: 0, rolling_cap_per24h: null });
    expect(() => campaign('c3', { legal_hours_guard: 2 })).toThrow(/CHECK constraint failed/);
    expect(() => campaign('c4', { rolling_cap_per24h: 0 })).toThrow(/CHECK constraint failed/);
  });

  it('keeps a number once per list, in E.164, and deletes a list’s numbers with it', () => {
    const number = (e164: string, list = 'l1') => insert('dnc_numbers', { list_id: list, team_id: DEFAULT_TEAM_ID, e164, added_at: 1 });
    number('+13055550100');
    expect(() => number('+13055550100')).toThrow(/UNIQUE constraint failed/);
    expect(() => number('3055550100')).toThrow(/CHECK constraint failed/);
    expect(() => number('+13055550101', 'nope')).toThrow(/FOREIGN KEY constraint failed/);
    expect(() => insert('dnc_lists', { id: 'l2', team_id: DEFAULT_TEAM_ID, name: 'Registry', created_at: 1, updated_at: 1 })).toThrow(/UNIQUE constraint failed/);
    db.prepare("DELETE FROM dnc_lists WHERE id = 'l1'").run();
    expect(db.prepare('SELECT count(*) FROM dnc_numbers').pluck().get()).toBe(0);
  });

  it('looks a number up by team with one index probe, and counts a number’s calls by its index', () => {
    expect(plan("SELECT 1 FROM dnc_numbers WHERE team_id = 't' AND e164 = '+1'")).toMatch(/USING (COVERING )?INDEX dnc_numbers_team_e164/);
    expect(plan("SELECT started_at FROM calls WHERE to_number = '+1' AND team_id = 't' AND started_at > 5 ORDER BY started_at DESC LIMIT 3")).toMatch(
      /INDEX calls_to_number_started \(to_number=\? AND started_at>\?\)/,
    );
    expect(plan("SELECT kind FROM compliance_decisions WHERE campaign_id = 'c1' AND contact_id = 'p1' ORDER BY at DESC LIMIT 1")).toMatch(/compliance_decisions_contact/);
    expect(plan("SELECT kind FROM compliance_decisions WHERE campaign_id = 'c1' ORDER BY at DESC LIMIT 50")).toMatch(/compliance_decisions_campaign/);
  });

  it('checks decision kinds and deletes a campaign’s decisions with it', () => {
    decision({ kind: 'skip', until: null });
    decision({ kind: 'setting', contact_id: null, rule: 'guard' });
    expect(() => decision({ kind: 'allow' })).toThrow(/CHECK constraint failed/);
    expect(() => decision({ reason: null })).toThrow(/NOT NULL constraint failed: compliance_decisions\.reason/);
    expect(() => decision({ campaign_id: 'nope' })).toThrow(/FOREIGN KEY constraint failed/);
    db.prepare("DELETE FROM campaigns WHERE id = 'c1'").run();
    expect(db.prepare('SELECT count(*) FROM compliance_decisions').pluck().get()).toBe(0);
  });

  it('applies on top of a version-7 database with campaigns in it', async () => {
    const file = tempDbFile();
    const v7 = await openStore(file, { migrations: migrations.slice(0, 7) });
    db = v7.sqlite;
    insert('companies', { id: 'co1', team_id: DEFAULT_TEAM_ID, name: 'Co', created_at: 1, updated_at: 1 });
    insert('assistants', { id: 'a1', team_id: DEFAULT_TEAM_ID, name: 'A', created_at: 1, updated_at: 1 });
    campaign('old');
    await v7.close();
    const v8 = await openStore(file, { migrations: migrations.slice(0, 8) });
    try {
      expect(schemaVersion(v8.sqlite)).toBe(8);
      expect(v8.sqlite.prepare("SELECT legal_hours_guard, rolling_cap_per24h FROM campaigns WHERE id = 'old'").get()).toEqual({ legal_hours_guard: 1, rolling_cap_per24h: 3 });
    } finally {
      await v8.close();
    }
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });
});

import type BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TEAM_ID } from '../../../main/db/migrations/001-crm';
import { schemaVersion } from '../../../main/db/open';
import { tempDbFile } from '../../support/tempDb';
import { migrationUnderTest } from './migrationUnderTest';
import { insertCallParents, insertRow } from './rows';

const under = migrationUnderTest('call-analyses');
const VERSION = under.version;

/** A workspace at `version` with one ended call (call_1) of contact p1 in campaign c1. */
async function workspace(version: number, file?: string): Promise<BetterSqlite3.Database> {
  const db = (await under.openAt(version, file)).sqlite;
  insertCallParents(db);
  insertRow(db, 'calls', {
    id: 'call_1', team_id: DEFAULT_TEAM_ID, campaign_id: 'c1', contact_id: 'p1', attempt: 1, from_number: '+12025550101', to_number: '+12025551001',
    status: 'ended', provider: 'simulator', started_at: 1000, ended_at: 9000,
  });
  return db;
}

const analysis = (db: BetterSqlite3.Database, values: Record<string, unknown> = {}) =>
  insertRow(db, 'call_analyses', { call_id: 'call_1', team_id: DEFAULT_TEAM_ID, next_attempt_at: 9000, created_at: 9000, updated_at: 9000, ...values });
const line = (db: BetterSqlite3.Database, values: Record<string, unknown> = {}) =>
  insertRow(db, 'contact_history', { contact_id: 'p1', at: 9000, kind: 'analysis', text: 'Lead status set to qualified by call analysis', call_id: 'call_1', ...values });

describe('migration 018 (call analyses)', () => {
  it('gives assistants fields to collect and a success criterion, keeping the assistants there were', async () => {
    const file = tempDbFile();
    await workspace(VERSION - 1, file);
    const db = (await under.openAt(VERSION, file)).sqlite;
    expect(under.migration).toMatchObject({ version: 18, name: 'call-analyses' });
    expect(schemaVersion(db)).toBe(VERSION);
    expect(db.prepare("SELECT collect, success_criterion FROM assistants WHERE id = 'a1'").get()).toEqual({ collect: '[]', success_criterion: null });
    expect(() => db.prepare("UPDATE assistants SET collect = '[not json' WHERE id = 'a1'").run()).toThrow(/CHECK constraint failed/);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('keeps one analysis per call, pending by default, checks its state, and goes with its call', async () => {
    const db = await workspace(VERSION);
    analysis(db);
    expect(db.prepare('SELECT state, attempts, fields FROM call_analyses').get()).toEqual({ state: 'pending', attempts: 0, fields: '{}' });
    expect(() => analysis(db)).toThrow(/UNIQUE constraint failed/);
    db.prepare('DELETE FROM call_analyses').run();
    expect(() => analysis(db, { state: 'running' })).toThrow(/CHECK constraint failed/);
    expect(() => analysis(db, { success: 2 })).toThrow(/CHECK constraint failed/);
    expect(() => analysis(db, { fields: '{oops' })).toThrow(/CHECK constraint failed/);
    expect(() => analysis(db, { call_id: 'call_nope' })).toThrow(/FOREIGN KEY constraint failed/);
    analysis(db, { state: 'failed', error: 'timed out', next_attempt_at: null });
    const plan = (db.prepare('EXPLAIN QUERY PLAN SELECT call_id FROM call_analyses WHERE next_attempt_at <= 5 ORDER BY next_attempt_at').all() as { detail: string }[]).map((p) => p.detail).join(' | ');
    expect(plan).toMatch(/call_analyses_due/);
    db.prepare("DELETE FROM calls WHERE id = 'call_1'").run();
    expect(db.prepare('SELECT count(*) FROM call_analyses').pluck().get()).toBe(0);
  });

  it('keeps a contact’s history, which outlives the call and goes with the contact', async () => {
    const db = await workspace(VERSION);
    line(db);
    expect(() => line(db, { kind: '' })).toThrow(/CHECK constraint failed/);
    expect(() => line(db, { contact_id: 'p_nope' })).toThrow(/FOREIGN KEY constraint failed/);
    db.prepare("DELETE FROM calls WHERE id = 'call_1'").run();
    expect(db.prepare('SELECT call_id, text FROM contact_history').get()).toEqual({ call_id: null, text: 'Lead status set to qualified by call analysis' });
    db.prepare("DELETE FROM contacts WHERE id = 'p1'").run();
    expect(db.prepare('SELECT count(*) FROM contact_history').pluck().get()).toBe(0);
  });
});

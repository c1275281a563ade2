import type BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TEAM_ID } from '../../../main/db/migrations/001-crm';
import { schemaVersion } from '../../../main/db/open';
import { tempDbFile } from '../../support/tempDb';
import { migrationUnderTest } from './migrationUnderTest';
import { insertCallParents, insertCampaign, insertRow } from './rows';

const under = migrationUnderTest('call-transcripts');
const VERSION = under.version;

/** A workspace at `version` with a company, an assistant, a contact and two campaigns (c1, c2). */
async function workspace(version: number, file?: string): Promise<BetterSqlite3.Database> {
  const db = (await under.openAt(version, file)).sqlite;
  insertCallParents(db);
  insertCampaign(db, 'c2');
  return db;
}

let callSeq = 0;
function call(db: BetterSqlite3.Database, values: Record<string, unknown> = {}): string {
  const id = `call_${++callSeq}`;
  insertRow(db, 'calls', {
    id, team_id: DEFAULT_TEAM_ID, campaign_id: 'c1', contact_id: 'p1', attempt: 1, from_number: '+12025550101', to_number: '+12025551001',
    status: 'ended', provider: 'simulator', started_at: 1000, ...values,
  });
  return id;
}

const turn = (db: BetterSqlite3.Database, values: Record<string, unknown>) => insertRow(db, 'call_turns', { seq: 1, speaker: 'agent', text: 'Hello', offset_ms: 0, ...values });
const tool = (db: BetterSqlite3.Database, values: Record<string, unknown>) => insertRow(db, 'call_tools', { seq: 1, name: 'end_call', arguments: '{"reason":"done"}', at: 5000, ...values });
const stat = (db: BetterSqlite3.Database, key: string) => db.prepare("SELECT n FROM campaign_stats WHERE campaign_id = 'c1' AND key = ?").pluck().get(key);

/** SQLite's plan for a query, as one line. */
const planOf = (db: BetterSqlite3.Database, query: string) => (db.prepare(`EXPLAIN QUERY PLAN ${query}`).all() as { detail: string }[]).map((p) => p.detail).join(' | ');

describe('migration 017 (call transcripts)', () => {
  it('adds call_turns and call_tools keyed by call, and the calls-list indexes', async () => {
    const db = await workspace(VERSION);
    expect(under.migration).toMatchObject({ version: 17, name: 'call-transcripts' });
    expect(schemaVersion(db)).toBe(VERSION);
    const columns = (table: string) => (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string; pk: number }[]).map((c) => [c.name, c.pk]);
    expect(columns('call_turns')).toEqual([['call_id', 1], ['seq', 2], ['speaker', 0], ['text', 0], ['offset_ms', 0], ['interrupted', 0]]);
    expect(columns('call_tools')).toEqual([['call_id', 1], ['seq', 2], ['name', 0], ['arguments', 0], ['at', 0], ['result', 0]]);
    const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'calls' AND name NOT LIKE 'sqlite_%'").pluck().all();
    expect(indexes).toEqual(expect.arrayContaining(['calls_team_started', 'calls_team_outcome_started', 'calls_campaign_outcome_started']));
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('lets a call end transferred, counted like every other outcome, and still refuses an unknown one', async () => {
    const db = await workspace(VERSION);
    for (const outcome of ['answered', 'voicemail', 'no_answer', 'busy', 'declined', 'invalid_number', 'failed', 'cancelled', 'transferred']) {
      expect(() => call(db, { outcome }), outcome).not.toThrow();
    }
    expect(() => call(db, { outcome: 'hung_up' })).toThrow(/CHECK constraint failed/);
    const live = call(db, { status: 'in_progress' });
    db.prepare("UPDATE calls SET status = 'ended', outcome = 'transferred' WHERE id = ?").run(live);
    expect(stat(db, 'outcome:transferred')).toBe(2);
  });

  it('applies on top of version 16 with calls in it: they are kept, and the outcome refused before is taken after', async () => {
    const file = tempDbFile();
    const before = await workspace(VERSION - 1, file);
    const kept = call(before, { outcome: 'answered' });
    expect(() => call(before, { outcome: 'transferred' })).toThrow(/CHECK constraint failed/);
    const db = (await under.openAt(VERSION, file)).sqlite;
    expect(schemaVersion(db)).toBe(VERSION);
    expect(db.prepare('SELECT outcome FROM calls WHERE id = ?').pluck().get(kept)).toBe('answered');
    expect(stat(db, 'outcome:answered')).toBe(1);
    call(db, { outcome: 'transferred' });
    expect(stat(db, 'outcome:transferred')).toBe(1);
    expect(db.prepare('SELECT count(*) FROM calls').pluck().get()).toBe(2);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('checks turns and tools, numbers them once per call, and deletes them with their call’s campaign', async () => {
    const db = await workspace(VERSION);
    const id = call(db);
    turn(db, { call_id: id, seq: 1, interrupted: 1 });
    turn(db, { call_id: id, seq: 2, speaker: 'contact', text: 'Hi', offset_ms: 1200 });
    expect(() => turn(db, { call_id: id, seq: 2 })).toThrow(/UNIQUE constraint failed/);
    expect(() => turn(db, { call_id: id, seq: 3, speaker: 'narrator' })).toThrow(/CHECK constraint failed/);
    expect(() => turn(db, { call_id: id, seq: 3, offset_ms: -1 })).toThrow(/CHECK constraint failed/);
    expect(() => turn(db, { call_id: id, seq: 3, interrupted: 2 })).toThrow(/CHECK constraint failed/);
    expect(() => turn(db, { call_id: 'call_nope' })).toThrow(/FOREIGN KEY constraint failed/);
    expect(db.prepare('SELECT interrupted FROM call_turns WHERE call_id = ? ORDER BY seq').pluck().all(id)).toEqual([1, 0]);

    tool(db, { call_id: id });
    expect(db.prepare('SELECT result FROM call_tools WHERE call_id = ?').pluck().get(id)).toBeNull();
    expect(() => tool(db, { call_id: id, seq: 2, arguments: '{not json' })).toThrow(/CHECK constraint failed/);
    expect(() => tool(db, { call_id: id, seq: 2, name: '' })).toThrow(/CHECK constraint failed/);
    expect(() => tool(db, { call_id: 'call_nope' })).toThrow(/FOREIGN KEY constraint failed/);

    const other = call(db, { campaign_id: 'c2' });
    turn(db, { call_id: other });
    db.prepare("DELETE FROM campaigns WHERE id = 'c1'").run();
    expect(db.prepare('SELECT call_id FROM call_turns').pluck().all()).toEqual([other]);
    expect(db.prepare('SELECT count(*) FROM call_tools').pluck().get()).toBe(0);
  });

  it('answers the calls list newest first from an index, by team or campaign, with or without an outcome and dates', async () => {
    const db = await workspace(VERSION);
    const order = 'ORDER BY started_at DESC, seq DESC LIMIT 50';
    const cases: [string, RegExp][] = [
      [`WHERE team_id = 't'`, /calls_team_started/],
      [`WHERE team_id = 't' AND started_at >= 1 AND started_at < 2`, /calls_team_started/],
      [`WHERE team_id = 't' AND outcome = 'transferred'`, /calls_team_outcome_started/],
      [`WHERE campaign_id = 'c1' AND outcome = 'busy' AND started_at < 5`, /calls_campaign_outcome_started/],
      [`WHERE campaign_id = 'c1' AND (started_at, seq) < (5, 9)`, /calls_campaign_(outcome_)?started/],
    ];
    for (const [where, index] of cases) {
      const plan = planOf(db, `SELECT * FROM calls ${where} ${order}`);
      expect(plan, where).toMatch(index);
      expect(plan, where).not.toMatch(/TEMP B-TREE/);
    }
  });
});

import type BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrations } from '../../../main/db/migrations';
import { DEFAULT_TEAM_ID } from '../../../main/db/migrations/001-crm';
import { openStore, schemaVersion, type Store } from '../../../main/db/open';
import { tempDbFile } from '../../support/tempDb';
import { insertRow } from './rows';

let store: Store;
let db: BetterSqlite3.Database;

const insert = (table: string, row: Record<string, unknown>) => insertRow(db, table, row);

function trunk(id: string, values: Record<string, unknown> = {}): void {
  insert('sip_trunks', { id, team_id: DEFAULT_TEAM_ID, name: `Trunk ${id}`, host: 'sip.example.com', created_at: 1, updated_at: 1, ...values });
}

const columnsOf = (table: string) => (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);

beforeEach(async () => {
  store = await openStore(tempDbFile(), { migrations: migrations.slice(0, 7) });
  db = store.sqlite;
});
afterEach(async () => {
  await store.close();
});

describe('migration 007 (telephony)', () => {
  it('is version 7 and adds sip_trunks, phone_numbers.trunk_id and the assistant media columns', () => {
    expect(migrations[6].version).toBe(7);
    expect(migrations[6].name).toBe('telephony');
    expect(schemaVersion(db)).toBe(7);
    expect(columnsOf('sip_trunks')).toEqual([
      'id', 'team_id', 'name', 'host', 'port', 'transport', 'username', 'password', 'from_user', 'from_domain',
      'max_call_seconds', 'ring_timeout_seconds', 'created_at', 'updated_at',
    ]);
    expect(columnsOf('phone_numbers').at(-1)).toBe('trunk_id');
    expect(columnsOf('assistants').slice(-4)).toEqual(['agent_url', 'greeting_audio', 'voicemail_audio', 'record_calls']);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name IN ('sip_trunks_team_name', 'phone_numbers_trunk') ORDER BY name").pluck().all()).toEqual([
      'phone_numbers_trunk',
      'sip_trunks_team_name',
    ]);
  });

  it('gives a trunk its defaults: port 5060, udp, an hour per call, 30 s of ringing, no credentials', () => {
    trunk('t1');
    expect(db.prepare("SELECT port, transport, username, password, from_user, from_domain, max_call_seconds, ring_timeout_seconds FROM sip_trunks WHERE id = 't1'").get()).toEqual({
      port: 5060,
      transport: 'udp',
      username: null,
      password: null,
      from_user: null,
      from_domain: null,
      max_call_seconds: 3600,
      ring_timeout_seconds: 30,
    });
  });

  it('checks a trunk: known team, a name and host, port 1-65535, udp or tcp, positive limits', () => {
    expect(() => trunk('t1', { team_id: 'team_nobody' })).toThrow(/FOREIGN KEY constraint failed/);
    expect(() => trunk('t2', { name: '' })).toThrow(/CHECK constraint failed/);
    expect(() => trunk('t3', { host: null })).toThrow(/NOT NULL constraint failed: sip_trunks\.host/);
    expect(() => trunk('t4', { port: 0 })).toThrow(/CHECK constraint failed/);
    expect(() => trunk('t5', { port: 65536 })).toThrow(/CHECK constraint failed/);
    expect(() => trunk('t6', { transport: 'tls' })).toThrow(/CHECK constraint failed/);
    expect(() => trunk('t7', { max_call_seconds: 0 })).toThrow(/CHECK constraint failed/);
    expect(() => trunk('t8', { ring_timeout_seconds: -1 })).toThrow(/CHECK constraint failed/);
    trunk('t9', { port: 65535, transport: 'tcp' });
    expect(db.prepare('SELECT count(*) FROM sip_trunks').pluck().get()).toBe(1);
  });

  it('points a number at a known trunk; deleting the trunk leaves the number without one', () => {
    trunk('t1');
    insert('phone_numbers', { id: 'n1', team_id: DEFAULT_TEAM_ID, number: '+12025550100', provider: 'sip', trunk_id: 't1', created_at: 1, updated_at: 1 });
    insert('phone_numbers', { id: 'n2', team_id: DEFAULT_TEAM_ID, number: '+12025550101', created_at: 1, updated_at: 1 });
    expect(() => insert('phone_numbers', { id: 'n3', team_id: DEFAULT_TEAM_ID, number: '+12025550102', trunk_id: 'nope', created_at: 1, updated_at: 1 })).toThrow(
      /FOREIGN KEY constraint failed/,
    );
    expect(db.prepare('SELECT id, trunk_id FROM phone_numbers ORDER BY id').all()).toEqual([
      { id: 'n1', trunk_id: 't1' },
      { id: 'n2', trunk_id: null },
    ]);
    db.prepare("DELETE FROM sip_trunks WHERE id = 't1'").run();
    expect(db.prepare("SELECT trunk_id FROM phone_numbers WHERE id = 'n1'").pluck().get()).toBeNull();
  });

  it('gives assistants no agent, no audio and no recording by default; record_calls is 0 or 1', () => {
    insert('assistants', { id: 'a1', team_id: DEFAULT_TEAM_ID, name: 'A', created_at: 1, updated_at: 1 });
    expect(db.prepare("SELECT agent_url, greeting_audio, voicemail_audio, record_calls FROM assistants WHERE id = 'a1'").get()).toEqual({
      agent_url: null,
      greeting_audio: null,
      voicemail_audio: null,
      record_calls: 0,
    });
    expect(() => insert('assistants', { id: 'a2', team_id: DEFAULT_TEAM_ID, name: 'B', record_calls: 2, created_at: 1, updated_at: 1 })).toThrow(/CHECK constraint failed/);
  });

  it('applies on top of a version-6 database with numbers and assistants in it', async () => {
    const file = tempDbFile();
    const v6 = await openStore(file, { migrations: migrations.slice(0, 6) });
    v6.sqlite.prepare("INSERT INTO assistants (id, team_id, name, outbound_enabled, created_at, updated_at) VALUES ('a1', ?, 'A', 1, 1, 1)").run(DEFAULT_TEAM_ID);
    v6.sqlite.prepare("INSERT INTO phone_numbers (id, team_id, number, assistant_id, created_at, updated_at) VALUES ('n1', ?, '+12025550100', 'a1', 1, 1)").run(DEFAULT_TEAM_ID);
    await v6.close();
    const v7 = await openStore(file, { migrations: migrations.slice(0, 7) });
    try {
      expect(schemaVersion(v7.sqlite)).toBe(7);
      expect(v7.sqlite.prepare("SELECT provider, trunk_id, assistant_id FROM phone_numbers WHERE id = 'n1'").get()).toEqual({ provider: 'simulator', trunk_id: null, assistant_id: 'a1' });
      expect(v7.sqlite.prepare("SELECT outbound_enabled, record_calls, agent_url FROM assistants WHERE id = 'a1'").get()).toEqual({ outbound_enabled: 1, record_calls: 0, agent_url: null });
    } finally {
      await v7.close();
    }
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });
});

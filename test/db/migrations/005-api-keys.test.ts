import type BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrations } from '../../../main/db/migrations';
import { DEFAULT_TEAM_ID } from '../../../main/db/migrations/001-crm';
import { openStore, schemaVersion, type Store } from '../../../main/db/open';
import { tempDbFile } from '../../support/tempDb';

let store: Store;
let db: BetterSqlite3.Database;

function key(id: string, values: Record<string, unknown> = {}): void {
  const row: Record<string, unknown> = { id, team_id: DEFAULT_TEAM_ID, name: 'Key', key_hash: `hash_${id}`, key_prefix: 'dw_live_abcd', created_at: 1, ...values };
  const columns = Object.keys(row);
  db.prepare(`INSERT INTO api_keys (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`).run(row);
}

beforeEach(async () => {
  store = await openStore(tempDbFile(), { migrations: migrations.slice(0, 5) });
  db = store.sqlite;
});
afterEach(async () => {
  await store.close();
});

describe('migration 005 (api keys)', () => {
  it('is version 5 and adds api_keys with its team index', () => {
    expect(migrations[4].version).toBe(5);
    expect(migrations[4].name).toBe('api-keys');
    expect(schemaVersion(db)).toBe(5);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE tbl_name = 'api_keys' AND name NOT LIKE 'sqlite_%' ORDER BY type, name").pluck().all()).toEqual([
      'api_keys_team',
      'api_keys',
    ]);
    const columns = (db.prepare('PRAGMA table_info(api_keys)').all() as { name: string }[]).map((c) => c.name);
    expect(columns).toEqual(['id', 'team_id', 'name', 'key_hash', 'key_prefix', 'created_at', 'last_used_at', 'revoked_at']);
    // there is no column for the key itself
    expect(columns.filter((c) => c === 'key' || c === 'secret')).toEqual([]);
  });

  it('stores a key with nullable last-used and revoked times', () => {
    key('k1');
    expect(db.prepare("SELECT last_used_at, revoked_at FROM api_keys WHERE id = 'k1'").get()).toEqual({ last_used_at: null, revoked_at: null });
  });

  it('keeps key hashes unique and ids unique', () => {
    key('k1', { key_hash: 'same' });
    expect(() => key('k2', { key_hash: 'same' })).toThrow(/UNIQUE constraint failed: api_keys\.key_hash/);
    expect(() => key('k1', { key_hash: 'other' })).toThrow(/UNIQUE constraint failed: api_keys\.id/);
  });

  it('requires a known team and the NOT NULL columns', () => {
    expect(() => key('k1', { team_id: 'team_nobody' })).toThrow(/FOREIGN KEY constraint failed/);
    expect(() => key('k2', { key_hash: null })).toThrow(/NOT NULL constraint failed: api_keys\.key_hash/);
    expect(() => key('k3', { name: null })).toThrow(/NOT NULL constraint failed: api_keys\.name/);
    expect(() => key('k4', { key_prefix: null })).toThrow(/NOT NULL constraint failed: api_keys\.key_prefix/);
  });

  it('applies on top of a version-4 database; versions stay sequential', async () => {
    const file = tempDbFile();
    const v4 = await openStore(file, { migrations: migrations.slice(0, 4) });
    expect(v4.sqlite.prepare("SELECT name FROM sqlite_master WHERE name = 'api_keys'").get()).toBeUndefined();
    await v4.close();
    const v5 = await openStore(file, { migrations: migrations.slice(0, 5) });
    try {
      expect(schemaVersion(v5.sqlite)).toBe(5);
      expect(v5.sqlite.prepare("SELECT name FROM sqlite_master WHERE name = 'api_keys'").pluck().get()).toBe('api_keys');
    } finally {
      await v5.close();
    }
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });
});

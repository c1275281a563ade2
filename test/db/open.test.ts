import BetterSqlite3 from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../../main/db/migrations';
import type { Migration } from '../../main/db/migrations/types';
import { backupFolderOf, listBackups } from '../../main/backups/backupFiles';
import { DatabaseTooNewError, openStore, schemaVersion, type Store } from '../../main/db/open';
import { tempDbFile } from '../support/tempDb';

const stores: Store[] = [];
afterEach(async () => {
  while (stores.length) await stores.pop()!.close();
});

async function open(file: string, list?: readonly Migration[]): Promise<Store> {
  const store = await openStore(file, list ? { migrations: list } : {});
  stores.push(store);
  return store;
}

async function closeAll(): Promise<void> {
  while (stores.length) await stores.pop()!.close();
}

/** The migration list with every up() recorded. */
function counted(list: readonly Migration[], calls: number[]): Migration[] {
  return list.map((m) => ({ ...m, up: (db) => (calls.push(m.version), m.up(db)) }));
}

/** The backups listed for the database (in backups/ beside it). */
function backupsOf(file: string): string[] {
  const folder = backupFolderOf(file);
  return listBackups(folder).map((backup) => join(folder.dir, backup.id));
}

function tableNames(sqlite: BetterSqlite3.Database): string[] {
  return (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map(
    (r) => r.name,
  );
}

describe('openStore', () => {
  it('sets WAL, foreign keys and a 5 s busy timeout', async () => {
    const { sqlite } = await open(tempDbFile());
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
  });

  it('creates a new database at the latest schema without a backup', async () => {
    const file = tempDbFile();
    const { sqlite } = await open(file);
    expect(schemaVersion(sqlite)).toBe(migrations.length);
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    expect(tableNames(sqlite)).toEqual(expect.arrayContaining(['teams', 'companies', 'contacts', 'contacts_search']));
    expect(backupsOf(file)).toEqual([]);
  });

  it('gives a Kysely handle with camelCase columns on the same database', async () => {
    const { db } = await open(tempDbFile());
    const team = await db.selectFrom('teams').selectAll().executeTakeFirstOrThrow();
    expect(team).toMatchObject({ id: 'team_default', name: 'My team' });
    expect(typeof team.createdAt).toBe('number');
  });

  it('applies nothing when a database at the latest schema is reopened, and keeps its data', async () => {
    const file = tempDbFile();
    const calls: number[] = [];
    const first = await open(file, counted(migrations, calls));
    expect(calls).toEqual(migrations.map((m) => m.version));
    first.sqlite.prepare("INSERT INTO teams (id, name, created_at) VALUES ('t2', 'Second', 1)").run();
    await closeAll();

    calls.length = 0;
    const again = await open(file, counted(migrations, calls));
    expect(calls).toEqual([]);
    expect(schemaVersion(again.sqlite)).toBe(migrations.length);
    expect(again.sqlite.prepare("SELECT name FROM teams WHERE id = 't2'").pluck().get()).toBe('Second');
    // one default team: migration 001 did not run a second time
    expect(again.sqlite.prepare('SELECT count(*) FROM teams').pluck().get()).toBe(2);
    expect(backupsOf(file)).toEqual([]);
  });

  it('refuses a database written by a newer version, telling the user to update, and leaves it alone', async () => {
    const file = tempDbFile();
    const raw = new BetterSqlite3(file);
    raw.exec('CREATE TABLE future (x)');
    raw.pragma(`user_version = ${migrations.length + 5}`);
    raw.close();

    const error = await openStore(file).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DatabaseTooNewError);
    expect((error as Error).name).toBe('DatabaseTooNewError');
    expect((error as Error).message).toMatch(/newer version of Dialwell/);
    expect((error as Error).message).toMatch(/Update Dialwell/);
    expect((error as Error).message).toContain(`schema ${migrations.length + 5}`);
    expect((error as Error).message).toContain(`knows up to ${migrations.length}`);

    const after = new BetterSqlite3(file);
    expect(schemaVersion(after)).toBe(migrations.length + 5);
    expect(tableNames(after)).toEqual(['future']);
    after.close();
    expect(backupsOf(file)).toEqual([]);
  });

  it('refuses a database newer than the migration list it was given', async () => {
    const file = tempDbFile();
    await open(file);
    await closeAll();
    await expect(openStore(file, { migrations: migrations.slice(0, 1) })).rejects.toBeInstanceOf(DatabaseTooNewError);
  });

  it('backs up a database at schema 1 before migrating it to the latest schema', async () => {
    const file = tempDbFile();
    const old = await open(file, migrations.slice(0, 1));
    old.sqlite
      .prepare(
        "INSERT INTO companies (id, team_id, name, created_at, updated_at) VALUES ('cmp_1', 'team_default', 'Acme', 1, 1)",
      )
      .run();
    old.sqlite
      .prepare(
        `INSERT INTO contacts (id, team_id, company_id, first_name, last_name, phone, created_at, updated_at)
         VALUES ('cnt_1', 'team_default', 'cmp_1', 'Ada', 'Lovelace', '+12025550123', 1, 1)`,
      )
      .run();
    await closeAll();
    expect(backupsOf(file)).toEqual([]);

    const store = await open(file);
    expect(schemaVersion(store.sqlite)).toBe(migrations.length);
    expect(tableNames(store.sqlite)).toContain('contacts_search');

    const backups = backupsOf(file);
    expect(backups).toHaveLength(1);
    expect(basename(backups[0])).toMatch(/^dialwell-.+Z-before-upgrade\.db$/);
    expect(existsSync(backups[0])).toBe(true);

    const backup = new BetterSqlite3(backups[0], { fileMustExist: true });
    try {
      expect(backup.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(schemaVersion(backup)).toBe(1);
      expect(tableNames(backup)).not.toContain('contacts_search');
      expect(backup.prepare('SELECT first_name FROM contacts').pluck().all()).toEqual(['Ada']);
    } finally {
      backup.close();
    }
  });

  it('rolls back a failing migration, and keeps the schema version', async () => {
    const file = tempDbFile();
    await open(file);
    await closeAll();
    const broken: Migration = {
      version: migrations.length + 1,
      name: 'broken',
      up(db) {
        db.exec('CREATE TABLE half_done (x)');
        throw new Error('migration failed halfway');
      },
    };
    await expect(openStore(file, { migrations: [...migrations, broken] })).rejects.toThrow('migration failed halfway');

    const raw = new BetterSqlite3(file);
    expect(schemaVersion(raw)).toBe(migrations.length);
    expect(tableNames(raw)).not.toContain('half_done');
    raw.close();
    // the backup was taken before the attempt
    expect(backupsOf(file)).toHaveLength(1);
  });
});

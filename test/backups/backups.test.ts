import BetterSqlite3 from 'better-sqlite3';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { backupFolderOf } from '../../main/backups/backupFiles';
import { openCore, type Core, type CoreOptions } from '../../main/core';
import { migrations } from '../../main/db/migrations';
import { openStore } from '../../main/db/open';
import { silentLogger } from '../../main/platform/log';
import { createMemorySettingsStore } from '../../main/settings/store';
import { failure, inMemoryApi } from '../support/inMemoryTransport';
import { tempDbFile } from '../support/tempDb';

const modeOf = (path: string) => (statSync(path).mode & 0o777).toString(8);

// the usual umask, which would leave new files 0644 and folders 0755 to every local user
let umask: number;
beforeAll(() => void (umask = process.umask(0o022)));
afterAll(() => void process.umask(umask));

const open: Core[] = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

async function core(options: Partial<CoreOptions> = {}): Promise<Core> {
  const opened = await openCore({ dbFile: tempDbFile(), log: silentLogger, dial: false, ...options });
  open.push(opened);
  return opened;
}

const companyNames = async (c: Core) => (await inMemoryApi(c).invoke('companies.list', {})).items.map((company) => company.name).sort();
/** A workspace an older version left at schema 9, with one company. */
async function workspaceOfSchema9(company: string): Promise<string> {
  const dbFile = tempDbFile();
  const old = await openStore(dbFile, { migrations: migrations.slice(0, 9) });
  old.sqlite.prepare("INSERT INTO companies (id, team_id, name, created_at, updated_at) VALUES ('cmp_old', 'team_default', ?, 1, 1)").run(company);
  await old.close();
  return dbFile;
}

const addCompany = (c: Core, name: string) => inMemoryApi(c).invoke('companies.create', { name });

describe('backing up the workspace', () => {
  it('writes a consistent copy into backups/ beside the database, the folder 0700 and the file 0600', async () => {
    const c = await core();
    await addCompany(c, 'Northwind');
    const api = inMemoryApi(c);
    const made = await api.invoke('backups.create', {});

    const dir = join(dirname(c.services.store.file), 'backups');
    expect(made).toMatchObject({ kind: 'manual', id: expect.stringMatching(/^dialwell-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z-manual\.db$/) });
    expect(modeOf(dir)).toBe('700');
    expect(modeOf(join(dir, made.id))).toBe('600');
    // a plain file: nothing half-written or -wal/-shm beside it
    expect(readdirSync(dir)).toEqual([made.id]);
    expect(made.sizeBytes).toBe(statSync(join(dir, made.id)).size);

    const copy = new BetterSqlite3(join(dir, made.id), { readonly: true, fileMustExist: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(copy.prepare('SELECT name FROM companies').pluck().all()).toEqual(['Northwind']);
    } finally {
      copy.close();
    }
    expect(readdirSync(dir)).toEqual([made.id]);
    expect(await api.invoke('backups.list', {})).toEqual({ folder: dir, backups: [made] });
  });

  it('keeps the newest N (the setting), deleting older backups of every kind', async () => {
    let now = Date.parse('2026-03-01T10:00:00Z');
    const settings = createMemorySettingsStore({ backups: { keep: 3 } });
    const c = await core({ settings, clock: { now: () => now, at: () => 0, cancel: () => {} } });
    const made: string[] = [];
    for (let i = 0; i < 5; i++) {
      made.push((await c.backups.create('manual')).id);
      now += 60_000;
    }
    expect(c.backups.list().backups.map((b) => b.id)).toEqual(made.slice(2).reverse());
    expect(readdirSync(backupFolderOf(c.services.store.file).dir).sort()).toEqual(made.slice(2).sort());

    settings.set({ backups: { keep: 1 } });
    const last = await c.backups.create('manual');
    expect(c.backups.list().backups.map((b) => b.id)).toEqual([last.id]);
  });

  it('refuses a number to keep below one, naming the field', async () => {
    const api = inMemoryApi(await core());
    const error = await failure(api.invoke('settings.update', { backups: { keep: 0 } }));
    expect(error).toMatchObject({ code: 'validation', fields: { 'backups.keep': expect.any(String) } });
  });

  it('has no backups for an in-memory workspace, and says so', async () => {
    const api = inMemoryApi(await core({ dbFile: ':memory:' }));
    expect(await api.invoke('backups.list', {})).toEqual({ folder: null, backups: [] });
    expect(await failure(api.invoke('backups.create', {}))).toMatchObject({ code: 'conflict', message: expect.stringMatching(/in-memory/) });
  });

  it('backs up before upgrading an existing database, listed with the others', async () => {
    const dbFile = await workspaceOfSchema9('Before the upgrade');

    const c = await core({ dbFile });
    const [backup] = c.backups.list().backups;
    expect(backup).toMatchObject({ kind: 'before-upgrade' });
    const copy = new BetterSqlite3(join(backupFolderOf(dbFile).dir, backup.id), { readonly: true });
    try {
      expect(copy.pragma('user_version', { simple: true })).toBe(9);
    } finally {
      copy.close();
    }
  });
});

describe('restoring a backup', () => {
  it('puts the workspace back as it was: what was written after the backup is gone, and a safety copy keeps it', async () => {
    let now = Date.parse('2026-03-01T10:00:00Z');
    const c = await core({ clock: { now: () => now, at: () => 0, cancel: () => {} } });
    const api = inMemoryApi(c);
    const changes: string[] = [];
    api.on('crm.changed', (change) => changes.push(change.entity));
    await api.invoke('companies.create', { name: 'Northwind' });
    const backup = await api.invoke('backups.create', {});
    now += 60_000;
    await api.invoke('companies.create', { name: 'Written after the backup' });
    await api.invoke('apiKeys.create', { name: 'after' });
    now += 60_000;

    const result = await api.invoke('backups.restore', { id: backup.id });
    expect(result.restored).toEqual(backup);
    expect(result.safetyCopy).toMatchObject({ kind: 'before-restore' });
    expect(await companyNames(c)).toEqual(['Northwind']);
    expect(await api.invoke('apiKeys.list', {})).toEqual([]);
    expect((await api.invoke('backups.list', {})).backups.map((b) => b.id)).toEqual([result.safetyCopy.id, backup.id]);

    // the same core object, its handlers and its event bus carry on over the restored file
    changes.length = 0;
    await api.invoke('companies.create', { name: 'Written after the restore' });
    expect(changes).toEqual(['company']);
    expect(await companyNames(c)).toEqual(['Northwind', 'Written after the restore']);

    // and the restore can be undone from its safety copy
    await api.invoke('backups.restore', { id: result.safetyCopy.id });
    expect(await companyNames(c)).toEqual(['Northwind', 'Written after the backup']);
  });

  it('keeps the restored workspace after a restart, with no WAL of the old one replayed onto it', async () => {
    const dbFile = tempDbFile();
    const first = await openCore({ dbFile, log: silentLogger, dial: false });
    await addCompany(first, 'Kept');
    const backup = await first.backups.create('manual');
    await addCompany(first, 'Dropped');
    await first.backups.restore(backup.id);
    await first.close();

    const again = await core({ dbFile });
    expect(await companyNames(again)).toEqual(['Kept']);
    expect(modeOf(dbFile)).toBe('600');
    expect(existsSync(`${dbFile}.restoring`)).toBe(false);
  });

  it('restores a backup of an older schema and upgrades it on the way in', async () => {
    const dbFile = await workspaceOfSchema9('From schema 9');
    const c = await core({ dbFile });
    const [beforeUpgrade] = c.backups.list().backups;
    await addCompany(c, 'Since the upgrade');

    await c.backups.restore(beforeUpgrade.id);
    expect(await companyNames(c)).toEqual(['From schema 9']);
    expect(c.services.store.sqlite.pragma('user_version', { simple: true })).toBe(migrations.length);
  });

  it('refuses a damaged backup, one from a newer version, and anything that is not a listed backup, changing nothing', async () => {
    const c = await core();
    await addCompany(c, 'Untouched');
    const api = inMemoryApi(c);
    const dir = backupFolderOf(c.services.store.file).dir;
    const good = await api.invoke('backups.create', {});

    const damaged = good.id.replace('-manual.db', '-daily.db').replace(/T\d\d/, 'T23');
    writeFileSync(join(dir, damaged), Buffer.alloc(8192, 7));
    expect(await failure(api.invoke('backups.restore', { id: damaged }))).toMatchObject({ code: 'validation', message: expect.stringMatching(/cannot be restored: it is not a database/) });

    const newer = good.id.replace('-manual.db', '-daily.db').replace(/T\d\d/, 'T22');
    writeFileSync(join(dir, newer), '');
    const raw = new BetterSqlite3(join(dir, newer));
    raw.pragma('user_version = 999');
    raw.close();
    expect(await failure(api.invoke('backups.restore', { id: newer }))).toMatchObject({ code: 'validation', message: expect.stringMatching(/newer version of Dialwell/) });

    for (const id of ['../dialwell.db', 'dialwell.db', `../backups/${good.id}`, 'nope.db']) {
      expect(await failure(api.invoke('backups.restore', { id })), id).toMatchObject({ code: 'not_found' });
    }
    expect(await failure(api.invoke('backups.restore', {} as { id: string }))).toMatchObject({ code: 'validation', fields: { id: 'Choose a backup' } });

    expect(await companyNames(c)).toEqual(['Untouched']);
    // no safety copy was made for a refused restore
    expect(c.backups.list().backups.filter((b) => b.kind === 'before-restore')).toEqual([]);
  });
});

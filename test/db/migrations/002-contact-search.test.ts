import type BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore } from '../../../main/core';
import { migrations } from '../../../main/db/migrations';
import { DEFAULT_TEAM_ID } from '../../../main/db/migrations/001-crm';
import { openStore, schemaVersion, type Store } from '../../../main/db/open';
import { silentLogger } from '../../../main/platform/log';
import { tempDbFile } from '../../support/tempDb';

const stores: { close(): Promise<void> }[] = [];
afterEach(async () => {
  while (stores.length) await stores.pop()!.close();
});

async function open(file: string, n: number): Promise<Store> {
  const store = await openStore(file, { migrations: migrations.slice(0, n) });
  stores.push(store);
  return store;
}

async function closeAll(): Promise<void> {
  while (stores.length) await stores.pop()!.close();
}

function seedCompany(db: BetterSqlite3.Database, id = 'cmp_1'): void {
  db.prepare('INSERT INTO companies (id, team_id, name, created_at, updated_at) VALUES (?, ?, ?, 1, 1)').run(id, DEFAULT_TEAM_ID, id);
}

function insertContact(
  db: BetterSqlite3.Database,
  id: string,
  firstName: string,
  lastName: string,
  email: string | null,
  phone: string | null,
  companyId = 'cmp_1',
): void {
  db.prepare(
    `INSERT INTO contacts (id, team_id, company_id, first_name, last_name, email, phone, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 1, 1)`,
  ).run(id, DEFAULT_TEAM_ID, companyId, firstName, lastName, email, phone);
}

/** Contact ids whose index entry matches an FTS5 query. */
function match(db: BetterSqlite3.Database, query: string): string[] {
  return db
    .prepare(
      `SELECT id FROM contacts WHERE seq IN (SELECT rowid FROM contacts_search WHERE contacts_search MATCH ?) ORDER BY id`,
    )
    .pluck()
    .all(query) as string[];
}

describe('migration 002 (contact search)', () => {
  it('is version 2 and adds the trigram index and its triggers', async () => {
    const { sqlite } = await open(tempDbFile(), 2);
    expect(migrations[1].version).toBe(2);
    expect(schemaVersion(sqlite)).toBe(2);
    const sql = sqlite.prepare("SELECT sql FROM sqlite_master WHERE name = 'contacts_search'").pluck().get() as string;
    expect(sql).toMatch(/USING fts5/i);
    expect(sql).toMatch(/tokenize='trigram'/);
    expect(sql).toMatch(/contentless_delete=1/);
    expect(
      sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name").pluck().all(),
    ).toEqual(['contacts_search_delete', 'contacts_search_insert', 'contacts_search_update']);
  });

  it('indexes the contacts that existed before it ran', async () => {
    const file = tempDbFile();
    const old = await open(file, 1);
    seedCompany(old.sqlite);
    insertContact(old.sqlite, 'cnt_ada', 'Ada', 'Lovelace', 'ada@analytical.org', '+12125550101');
    insertContact(old.sqlite, 'cnt_grace', 'Grace', 'Hopper', null, '+12125550102');
    insertContact(old.sqlite, 'cnt_alan', 'Alan', 'Turing', 'alan@bletchley.uk', null);
    await closeAll();

    const { sqlite } = await open(file, 2);
    expect(schemaVersion(sqlite)).toBe(2);
    expect(match(sqlite, 'name : "lovelace"')).toEqual(['cnt_ada']);
    expect(match(sqlite, 'name : "ADA LOV"')).toEqual(['cnt_ada']);
    expect(match(sqlite, 'name : "ace"')).toEqual(['cnt_ada', 'cnt_grace']);
    expect(match(sqlite, 'email : "bletchley"')).toEqual(['cnt_alan']);
    // phones are indexed as digits, without the +
    expect(match(sqlite, 'phone : "2125550"')).toEqual(['cnt_ada', 'cnt_grace']);
    expect(match(sqlite, 'phone : "12125550102"')).toEqual(['cnt_grace']);
    expect(match(sqlite, 'phone : "+1212"')).toEqual([]);
  });

  it('makes the pre-existing contacts findable through the contact service', async () => {
    const file = tempDbFile();
    const old = await open(file, 1);
    seedCompany(old.sqlite);
    insertContact(old.sqlite, 'cnt_ada', 'Ada', 'Lovelace', 'ada@analytical.org', '+12125550101');
    insertContact(old.sqlite, 'cnt_alan', 'Alan', 'Turing', null, '+12025550123');
    await closeAll();

    const core = await openCore({ dbFile: file, log: silentLogger });
    stores.push(core);
    const find = async (search: string) =>
      (await core.services.contacts.list(core.localTeam, { search, limit: 50, offset: 0 })).items.map((c) => c.id);
    expect(await find('lovel')).toEqual(['cnt_ada']);
    expect(await find('(202) 555')).toEqual(['cnt_alan']);
  });

  it('keeps the index in step on insert, update and delete', async () => {
    const { sqlite } = await open(tempDbFile(), 2);
    seedCompany(sqlite);
    seedCompany(sqlite, 'cmp_2');

    insertContact(sqlite, 'cnt_1', 'Ada', 'Lovelace', 'ada@analytical.org', '+12125550101');
    insertContact(sqlite, 'cnt_2', 'Grace', 'Hopper', null, null, 'cmp_2');
    expect(match(sqlite, 'name : "lovelace"')).toEqual(['cnt_1']);
    expect(match(sqlite, 'phone : "5550101"')).toEqual(['cnt_1']);

    sqlite.prepare("UPDATE contacts SET last_name = 'Byron', email = 'ada@byron.uk', phone = '+12025550199' WHERE id = 'cnt_1'").run();
    expect(match(sqlite, 'name : "lovelace"')).toEqual([]);
    expect(match(sqlite, 'name : "byron"')).toEqual(['cnt_1']);
    expect(match(sqlite, 'email : "analytical"')).toEqual([]);
    expect(match(sqlite, 'email : "byron.uk"')).toEqual(['cnt_1']);
    expect(match(sqlite, 'phone : "5550101"')).toEqual([]);
    expect(match(sqlite, 'phone : "5550199"')).toEqual(['cnt_1']);

    // an update of other columns leaves the entry as it was
    sqlite.prepare("UPDATE contacts SET notes = 'called', lead_status = 'contacted' WHERE id = 'cnt_1'").run();
    expect(match(sqlite, 'name : "byron"')).toEqual(['cnt_1']);

    // clearing a field clears it from the index
    sqlite.prepare("UPDATE contacts SET email = NULL, phone = NULL WHERE id = 'cnt_1'").run();
    expect(match(sqlite, 'email : "byron"')).toEqual([]);
    expect(match(sqlite, 'phone : "5550199"')).toEqual([]);
    expect(match(sqlite, 'name : "ada byron"')).toEqual(['cnt_1']);

    sqlite.prepare("DELETE FROM contacts WHERE id = 'cnt_1'").run();
    expect(match(sqlite, 'name : "ada"')).toEqual([]);

    // a company delete cascades to its contacts, and the cascade fires the index trigger
    expect(match(sqlite, 'name : "hopper"')).toEqual(['cnt_2']);
    sqlite.prepare("DELETE FROM companies WHERE id = 'cmp_2'").run();
    expect(match(sqlite, 'name : "hopper"')).toEqual([]);
    expect(sqlite.prepare('SELECT count(*) FROM contacts_search').pluck().get()).toBe(0);
  });
});

import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../main/db/open';
import { inWriteTransaction } from '../../main/db/writeTransaction';
import { DEFAULT_TEAM_ID } from '../../main/db/migrations/001-crm';
import { tempDbFile } from '../support/tempDb';

let store: Store;
let other: BetterSqlite3.Database;

afterEach(async () => {
  other?.close();
  await store?.close();
});

async function open() {
  const file = tempDbFile();
  store = await openStore(file);
  // another connection to the file, as the background writer has: it must not wait, to show who holds the lock
  other = new BetterSqlite3(file);
  other.pragma('busy_timeout = 0');
}

const companyNames = () => store.sqlite.prepare('SELECT name FROM companies ORDER BY name').pluck().all();
const insertCompany = (name: string) =>
  `INSERT INTO companies (id, team_id, name, custom_fields, created_at, updated_at) VALUES ('${name}', '${DEFAULT_TEAM_ID}', '${name}', '{}', 0, 0)`;

describe('inWriteTransaction', () => {
  it('holds the write lock from its start, before its first write: another connection cannot write in between', async () => {
    await open();
    await inWriteTransaction(store.db, async (trx) => {
      await trx.selectFrom('companies').select('id').execute();
      expect(() => other.exec(insertCompany('elsewhere'))).toThrow(/locked|busy/i);
      await trx.insertInto('companies').values({ id: 'mine', teamId: DEFAULT_TEAM_ID, name: 'mine', customFields: '{}', createdAt: 0, updatedAt: 0 }).execute();
    });
    other.exec(insertCompany('after'));
    expect(companyNames()).toEqual(['after', 'mine']);
  });

  it('writes all or nothing: a failure rolls back what the work wrote, and is thrown as it was', async () => {
    await open();
    const failure = new Error('the second write failed');
    await expect(
      inWriteTransaction(store.db, async (trx) => {
        await trx.insertInto('companies').values({ id: 'first', teamId: DEFAULT_TEAM_ID, name: 'first', customFields: '{}', createdAt: 0, updatedAt: 0 }).execute();
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(companyNames()).toEqual([]);
    expect(store.sqlite.inTransaction).toBe(false);
    // the connection is free again
    expect(await store.db.selectFrom('companies').select('id').execute()).toEqual([]);
  });
});

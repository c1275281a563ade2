import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../main/db/open';
import { tempDbFile } from '../support/tempDb';

let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

const SQL = [
  `CREATE TABLE IF NOT EXISTS t (n INTEGER NOT NULL CHECK (n >= 0))`,
  `INSERT INTO t (n) VALUES (?)`,
  // enough work to take a while: the main thread runs on meanwhile
  `INSERT INTO t (n) WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < ?) SELECT n FROM k`,
];
const [CREATE, INSERT, INSERT_MANY] = [0, 1, 2];

describe('background writer', () => {
  it('runs a transaction on its own connection while the main thread goes on', async () => {
    store = await openStore(tempDbFile());
    const { writer, sqlite } = store;
    let turns = 0;
    const counting = setInterval(() => turns++, 0);
    const changes = await writer.transaction(SQL, [[CREATE, []], [INSERT, [7]], [INSERT_MANY, [300_000]]]);
    clearInterval(counting);
    expect(changes).toEqual([0, 1, 300_000]);
    expect(turns).toBeGreaterThan(0);
    // committed, and seen by the main connection
    expect(sqlite.prepare('SELECT count(*) FROM t').pluck().get()).toBe(300_001);
  });

  it('rolls the whole transaction back when a step fails, and says why', async () => {
    store = await openStore(tempDbFile());
    const { writer, sqlite } = store;
    await writer.transaction(SQL, [[CREATE, []]]);
    await expect(writer.transaction(SQL, [[INSERT, [1]], [INSERT, [-1]]])).rejects.toThrow(/CHECK constraint failed/);
    expect(sqlite.prepare('SELECT count(*) FROM t').pluck().get()).toBe(0);
    // and goes on with the next one
    expect(await writer.transaction(SQL, [[INSERT, [2]]])).toEqual([1]);
  });

  it('runs transactions in the order asked, and close waits for the ones pending', async () => {
    const file = tempDbFile();
    store = await openStore(file);
    await store.writer.transaction(SQL, [[CREATE, []]]);
    const pending = Array.from({ length: 20 }, (_, i) => store!.writer.transaction(SQL, [[INSERT, [i]]]));
    await store.close();
    await Promise.all(pending);
    store = await openStore(file);
    expect(store.sqlite.prepare('SELECT n FROM t ORDER BY rowid').pluck().all()).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('runs in place for a database only its own connection sees (in memory)', async () => {
    store = await openStore(':memory:');
    expect(await store.writer.transaction(SQL, [[CREATE, []], [INSERT, [3]]])).toEqual([0, 1]);
    expect(store.sqlite.prepare('SELECT n FROM t').pluck().all()).toEqual([3]);
  });
});

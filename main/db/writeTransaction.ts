import { sql, type Kysely } from 'kysely';
import type { Database } from './schema';

/**
 * Runs `work` in one SQLite transaction that takes the write lock at its start (BEGIN IMMEDIATE). Kysely's own
 * transaction() begins DEFERRED, and a deferred transaction that reads before it writes cannot take the lock
 * once the background writer's connection has committed meanwhile (SQLITE_BUSY, which busy_timeout does not
 * retry); Kysely has no option for IMMEDIATE, hence this. `work` must query through the executor it is given:
 * the connection is held until the end, so a query on `db` would wait for it forever.
 */
export function inWriteTransaction<T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.connection().execute(async (connection) => {
    await sql`BEGIN IMMEDIATE`.execute(connection);
    try {
      const result = await work(connection);
      await sql`COMMIT`.execute(connection);
      return result;
    } catch (error) {
      // SQLite has already rolled back after some failures (a full disk): there is then nothing to roll back
      await sql`ROLLBACK`.execute(connection).catch(() => undefined);
      throw error;
    }
  });
}

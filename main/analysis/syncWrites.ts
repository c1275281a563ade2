import type BetterSqlite3 from 'better-sqlite3';
import type { Compilable, Kysely } from 'kysely';
import { queryBuilderOn } from '../db/open';
import type { Database } from '../db/schema';

/**
 * Query-builder statements run synchronously on the connection, for one better-sqlite3 transaction. The
 * dialer's transactions are synchronous on the same connection: an async transaction left open across an
 * await would take in whatever the dialer writes meanwhile, so an analysis commits its writes in one go.
 */
export function syncWrites(sqlite: BetterSqlite3.Database) {
  const builder: Kysely<Database> = queryBuilderOn(sqlite);
  const prepared = (query: Compilable) => {
    const { sql, parameters } = query.compile();
    return { statement: sqlite.prepare(sql), parameters: parameters as unknown[] };
  };
  return {
    builder,
    run(query: Compilable): void {
      const { statement, parameters } = prepared(query);
      statement.run(...parameters);
    },
    /** The first row as SQLite names its columns (snake_case: the builder's camelCase is for its own runs). */
    first<R>(query: Compilable): R | undefined {
      const { statement, parameters } = prepared(query);
      return statement.get(...parameters) as R | undefined;
    },
    /** Runs `work` as one transaction (it must not await). */
    transaction: <T>(work: () => T): T => sqlite.transaction(work)(),
  };
}

export type SyncWrites = ReturnType<typeof syncWrites>;

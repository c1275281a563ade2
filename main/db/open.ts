import BetterSqlite3 from 'better-sqlite3';
import { CamelCasePlugin, Kysely, SqliteDialect } from 'kysely';
import { migrations as allMigrations } from './migrations';
import type { Migration } from './migrations/types';
import type { Database } from './schema';

export interface Store {
  readonly file: string;
  readonly db: Kysely<Database>;
  /** The raw handle, for db/ only: pragmas, migrations, backups. */
  readonly sqlite: BetterSqlite3.Database;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Path of a better-sqlite3 addon built for another ABI (the Electron build). */
  nativeBinding?: string;
  /** For tests: the migration list to apply. */
  migrations?: readonly Migration[];
}

export class DatabaseTooNewError extends Error {
  constructor(file: string, found: number, known: number) {
    super(
      `${file} was written by a newer version of Dialwell (schema ${found}; this version knows up to ${known}). ` +
        'Update Dialwell to open it.',
    );
    this.name = 'DatabaseTooNewError';
  }
}

/** Opens (creating if needed) a workspace database and brings its schema up to date. */
export async function openStore(file: string, options: OpenOptions = {}): Promise<Store> {
  const sqlite = new BetterSqlite3(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');
    await migrate(sqlite, file, options.migrations ?? allMigrations);
  } catch (error) {
    sqlite.close();
    throw error;
  }
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: sqlite }),
    plugins: [new CamelCasePlugin()],
  });
  return {
    file,
    db,
    sqlite,
    async close() {
      await db.destroy();
    },
  };
}

export function schemaVersion(sqlite: BetterSqlite3.Database): number {
  return sqlite.pragma('user_version', { simple: true }) as number;
}

async function migrate(sqlite: BetterSqlite3.Database, file: string, list: readonly Migration[]): Promise<void> {
  const current = schemaVersion(sqlite);
  if (current > list.length) throw new DatabaseTooNewError(file, current, list.length);
  const pending = list.slice(current);
  if (pending.length === 0) return;
  if (current > 0 && file !== ':memory:') await sqlite.backup(backupPath(file, current));
  for (const migration of pending) {
    sqlite.transaction(() => {
      migration.up(sqlite);
      sqlite.pragma(`user_version = ${migration.version}`);
    })();
  }
}

export function backupPath(file: string, version: number): string {
  return `${file}.schema-${version}.${new Date().toISOString().replace(/[:.]/g, '-')}.bak`;
}

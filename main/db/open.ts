import BetterSqlite3 from 'better-sqlite3';
import { CamelCasePlugin, Kysely, SqliteDialect } from 'kysely';
import { backupFolderOf, createBackup } from '../backups/backupFiles';
import { ensurePrivateFile, tightenIfPresent } from '../platform/privateFiles';
import type { SecretSealer } from '../platform/secrets';
import { createBackgroundWriter, type BackgroundWriter } from './backgroundWriter';
import { migrations as allMigrations } from './migrations';
import type { Migration } from './migrations/types';
import type { Database } from './schema';
import { sealStoredSecrets } from './sealedSecrets';

export interface Store {
  readonly file: string;
  readonly db: Kysely<Database>;
  /** The raw handle, for db/ only: pragmas, migrations, backups. */
  readonly sqlite: BetterSqlite3.Database;
  /** Bulk writes (imports) on a connection of their own, off the main thread. */
  readonly writer: BackgroundWriter;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Path of a better-sqlite3 addon built for another ABI (the Electron build). */
  nativeBinding?: string;
  /** For tests: the migration list to apply. */
  migrations?: readonly Migration[];
  /** Seals the secrets an older version stored in plain text; without it they stay as they are (migration tests). */
  sealer?: SecretSealer;
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

/** A database kept in a file (not ':memory:', nor '' for SQLite's private temporary one). */
const isOnDisk = (file: string) => file !== ':memory:' && file !== '';

/** What every connection to a workspace sets (the background writer's too). */
const CONNECTION_PRAGMAS = ['journal_mode = WAL', 'foreign_keys = ON', 'busy_timeout = 5000', 'synchronous = NORMAL'];

/** The query builder on a connection: the tables and columns as the code names them (camelCase). */
export function queryBuilderOn(sqlite: BetterSqlite3.Database): Kysely<Database> {
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }), plugins: [new CamelCasePlugin()] });
}

/** Opens (creating if needed) a workspace database and brings its schema up to date. */
export async function openStore(file: string, options: OpenOptions = {}): Promise<Store> {
  if (isOnDisk(file)) {
    // SQLite gives the -wal and -shm files it creates the mode of the database file; older versions left all three 0644
    ensurePrivateFile(file);
    tightenIfPresent(`${file}-wal`);
    tightenIfPresent(`${file}-shm`);
  }
  const sqlite = new BetterSqlite3(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    for (const pragma of CONNECTION_PRAGMAS) sqlite.pragma(pragma);
    await migrate(sqlite, file, options.migrations ?? allMigrations, options.nativeBinding);
    if (options.sealer) sealStoredSecrets(sqlite, options.sealer);
  } catch (error) {
    sqlite.close();
    throw error;
  }
  const db = queryBuilderOn(sqlite);
  const writer = createBackgroundWriter(sqlite, isOnDisk(file) ? file : null, { nativeBinding: options.nativeBinding, pragmas: CONNECTION_PRAGMAS });
  return {
    file,
    db,
    sqlite,
    writer,
    async close() {
      await writer.close();
      await db.destroy();
    },
  };
}

export function schemaVersion(sqlite: BetterSqlite3.Database): number {
  return sqlite.pragma('user_version', { simple: true }) as number;
}

async function migrate(sqlite: BetterSqlite3.Database, file: string, list: readonly Migration[], nativeBinding: string | undefined): Promise<void> {
  const current = schemaVersion(sqlite);
  if (current > list.length) throw new DatabaseTooNewError(file, current, list.length);
  const pending = list.slice(current);
  if (pending.length === 0) return;
  // listed with the other backups, so an upgrade that went wrong can be undone from Settings
  if (current > 0 && isOnDisk(file)) await createBackup(sqlite, backupFolderOf(file, nativeBinding), 'before-upgrade', Date.now());
  for (const migration of pending) {
    sqlite.transaction(() => {
      migration.up(sqlite);
      sqlite.pragma(`user_version = ${migration.version}`);
    })();
  }
}

import type BetterSqlite3 from 'better-sqlite3';
import { SEALED_PREFIX, type SecretSealer } from '../platform/secrets';

/** A phone number's provider settings when it has none: nothing to hide (every simulator number). */
export const NO_PROVIDER_CONFIG = '{}';

/**
 * The columns that hold a secret, with the value that holds none. Since migration 013 they are written sealed
 * (its triggers refuse plain text); what an older version stored is sealed by sealStoredSecrets when the
 * workspace opens, because the key is never in the database and so a migration cannot seal.
 */
const SEALED_COLUMNS = [
  { table: 'sip_trunks', column: 'password', empty: null },
  { table: 'phone_numbers', column: 'provider_config', empty: NO_PROVIDER_CONFIG },
] as const;

/**
 * Seals every secret still stored in plain text and returns how many there were. The plain values must not
 * outlive this in the files either: secure_delete zeroes the space they leave in their pages, and the WAL
 * checkpoint truncates the log that still holds the pages as they were.
 */
export function sealStoredSecrets(sqlite: BetterSqlite3.Database, sealer: SecretSealer): number {
  const plain = SEALED_COLUMNS.flatMap(({ table, column, empty }) =>
    (
      sqlite
        .prepare(`SELECT rowid AS id, ${column} AS value FROM ${table} WHERE ${column} IS NOT NULL AND ${column} IS NOT ? AND substr(${column}, 1, ?) <> ?`)
        .all(empty, SEALED_PREFIX.length, SEALED_PREFIX) as { id: number; value: string }[]
    ).map((row) => ({ ...row, update: `UPDATE ${table} SET ${column} = ? WHERE rowid = ?` })),
  );
  if (plain.length === 0) return 0;
  const secureDelete = sqlite.pragma('secure_delete', { simple: true }) as number;
  sqlite.pragma('secure_delete = ON');
  try {
    sqlite.transaction(() => {
      for (const { id, value, update } of plain) sqlite.prepare(update).run(sealer.seal(value), id);
    })();
  } finally {
    sqlite.pragma(`secure_delete = ${secureDelete}`);
  }
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  return plain.length;
}

// SQL for PostgreSQL lives in main/db/postgres, implementing the interfaces the features declare.
import { sql, type Kysely } from 'kysely';

export interface PostgresMigration {
  /** Equals its 1-based position in the list; recorded in schema_migrations once applied. */
  version: number;
  name: string;
  /** Untyped, as Kysely advises for migrations: each works on the schema of its own time, not on today's types. */
  up(db: Kysely<any>): Promise<void>;
}

/** A migration that runs its statements in order (one per query: the extended protocol takes one at a time). */
function statements(version: number, name: string, list: readonly string[]): PostgresMigration {
  return {
    version,
    name,
    async up(db) {
      for (const statement of list) await sql.raw(statement).execute(db);
    },
  };
}

// Instants are BIGINT UTC ms, as the embedded engine keeps them; the columns are named as there.
const teams = statements(1, 'teams', [
  `CREATE TABLE teams (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    created_at BIGINT NOT NULL
  )`,
]);

/** Local API keys: only a SHA-256 of each key is kept; the key itself is shown once. */
const apiKeys = statements(2, 'api-keys', [
  `CREATE TABLE api_keys (
    id TEXT PRIMARY KEY,
    team_id TEXT NOT NULL REFERENCES teams(id),
    name TEXT NOT NULL,
    key_hash TEXT NOT NULL UNIQUE,
    key_prefix TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_used_at BIGINT,
    revoked_at BIGINT
  )`,
  'CREATE INDEX api_keys_team ON api_keys (team_id, created_at)',
]);

/** Every schema change, in order. Append only: a shipped migration never changes. */
export const postgresMigrations: readonly PostgresMigration[] = [teams, apiKeys];

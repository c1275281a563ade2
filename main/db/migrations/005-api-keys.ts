import type { Migration } from './types';

/** Local API keys: only a SHA-256 of each key is kept; the key itself is shown once. */
export const apiKeys: Migration = {
  version: 5,
  name: 'api-keys',
  up(db) {
    db.exec(`
      CREATE TABLE api_keys (
        id TEXT PRIMARY KEY,
        team_id TEXT NOT NULL REFERENCES teams(id),
        name TEXT NOT NULL,
        key_hash TEXT NOT NULL UNIQUE,
        key_prefix TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        last_used_at INTEGER,
        revoked_at INTEGER
      );
      CREATE INDEX api_keys_team ON api_keys (team_id, created_at);
    `);
  },
};

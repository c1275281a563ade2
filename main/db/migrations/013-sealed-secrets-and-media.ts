import type { Migration } from './types';

/**
 * Triggers that refuse a plain value in a secret column; `empty` is the value that holds none. Sealed values
 * start with 'sealed:' (then the kind of sealer; see platform/secrets).
 */
const sealedOnly = (table: string, column: string, empty: string) =>
  (['insert', 'update'] as const)
    .map(
      (event) => `
      CREATE TRIGGER ${table}_${column}_sealed_${event} BEFORE ${event === 'insert' ? 'INSERT' : `UPDATE OF ${column}`} ON ${table}
      WHEN new.${column} IS NOT ${empty} AND substr(new.${column}, 1, 7) <> 'sealed:'
      BEGIN SELECT RAISE(ABORT, '${table}.${column} must be sealed'); END;`,
    )
    .join('');

/**
 * Secrets sealed, and audio uploaded rather than named by path.
 *
 * A trunk password and a number's provider settings are written sealed from now on: triggers refuse plain
 * text. The key is never in the database, so this migration cannot seal what an older version stored; the
 * store does that when it opens the workspace with its sealer.
 *
 * An assistant's greeting and voicemail were paths to any .wav on the machine; they are now media: files
 * uploaded into the app's media folder and checked to be WAV audio, referred to by id. The old paths move
 * to legacy_* columns, which the app empties when it opens the workspace, importing a readable WAV from
 * inside the data folder and dropping any other path.
 */
export const sealedSecretsAndMedia: Migration = {
  version: 13,
  name: 'sealed-secrets-and-media',
  up(db) {
    db.exec(`
      ${sealedOnly('sip_trunks', 'password', 'NULL')}
      ${sealedOnly('phone_numbers', 'provider_config', "'{}'")}

      CREATE TABLE media (
        id TEXT PRIMARY KEY,
        team_id TEXT NOT NULL REFERENCES teams(id),
        -- the uploaded file's name, for people; the file itself is media/<id>.wav
        name TEXT NOT NULL CHECK (length(name) > 0),
        duration_ms INTEGER NOT NULL CHECK (duration_ms > 0),
        bytes INTEGER NOT NULL CHECK (bytes > 0),
        created_at INTEGER NOT NULL
      );
      CREATE INDEX media_team ON media (team_id);

      ALTER TABLE assistants RENAME COLUMN greeting_audio TO legacy_greeting_path;
      ALTER TABLE assistants RENAME COLUMN voicemail_audio TO legacy_voicemail_path;
      ALTER TABLE assistants ADD COLUMN greeting_media_id TEXT REFERENCES media(id);
      ALTER TABLE assistants ADD COLUMN voicemail_media_id TEXT REFERENCES media(id);
    `);
  },
};

import type { Migration } from './types';

/**
 * Real telephony: SIP trunks (provider profiles) that phone numbers point at, and the assistant's media
 * settings (an agent WebSocket, greeting and voicemail WAV files, call recording).
 */
export const telephony: Migration = {
  version: 7,
  name: 'telephony',
  up(db) {
    db.exec(`
      CREATE TABLE sip_trunks (
        id TEXT PRIMARY KEY,
        team_id TEXT NOT NULL REFERENCES teams(id),
        name TEXT NOT NULL CHECK (length(name) > 0),
        host TEXT NOT NULL CHECK (length(host) > 0),
        port INTEGER NOT NULL DEFAULT 5060 CHECK (port BETWEEN 1 AND 65535),
        transport TEXT NOT NULL DEFAULT 'udp' CHECK (transport IN ('udp','tcp')),
        username TEXT,
        -- kept for the SIP provider in main; never sent to a window or over the API
        password TEXT,
        from_user TEXT,
        from_domain TEXT,
        max_call_seconds INTEGER NOT NULL DEFAULT 3600 CHECK (max_call_seconds > 0),
        ring_timeout_seconds INTEGER NOT NULL DEFAULT 30 CHECK (ring_timeout_seconds > 0),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX sip_trunks_team_name ON sip_trunks (team_id, name COLLATE NOCASE);

      ALTER TABLE phone_numbers ADD COLUMN trunk_id TEXT REFERENCES sip_trunks(id) ON DELETE SET NULL;
      CREATE INDEX phone_numbers_trunk ON phone_numbers (trunk_id);

      ALTER TABLE assistants ADD COLUMN agent_url TEXT;
      ALTER TABLE assistants ADD COLUMN greeting_audio TEXT;
      ALTER TABLE assistants ADD COLUMN voicemail_audio TEXT;
      ALTER TABLE assistants ADD COLUMN record_calls INTEGER NOT NULL DEFAULT 0 CHECK (record_calls IN (0, 1));
    `);
  },
};

import type { Migration } from './types';

/** One row per dial attempt, written before the provider is asked (so a crash never loses one). */
export const calls: Migration = {
  version: 4,
  name: 'calls',
  up(db) {
    db.exec(`
      CREATE TABLE calls (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        team_id TEXT NOT NULL REFERENCES teams(id),
        campaign_id TEXT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
        contact_id TEXT NOT NULL,
        attempt INTEGER NOT NULL CHECK (attempt >= 1),
        from_number_id TEXT,
        from_number TEXT NOT NULL,
        to_number TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('dialing', 'ringing', 'in_progress', 'ended')),
        outcome TEXT CHECK (outcome IS NULL OR outcome IN
          ('answered','voicemail','no_answer','busy','declined','invalid_number','failed','cancelled')),
        provider TEXT NOT NULL,
        provider_call_id TEXT,
        -- the dialer that placed it (host/pid/instance), so a restart settles only calls whose dialer is gone
        owner TEXT,
        error TEXT,
        started_at INTEGER NOT NULL,
        answered_at INTEGER,
        ended_at INTEGER,
        duration_seconds REAL
      );
      CREATE INDEX calls_campaign_started ON calls (campaign_id, started_at);
      CREATE INDEX calls_to_number_started ON calls (to_number, started_at);
      CREATE INDEX calls_in_flight ON calls (campaign_id) WHERE status <> 'ended';
    `);
  },
};

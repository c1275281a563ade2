import type { Migration } from './types';

/**
 * Calling compliance: team do-not-call lists (looked up by number at dial time), the audit trail of
 * every skip and hold with its reason, and each campaign's guard settings (safe defaults on).
 */
export const compliance: Migration = {
  version: 8,
  name: 'compliance',
  up(db) {
    db.exec(`
      CREATE TABLE dnc_lists (
        id TEXT PRIMARY KEY,
        team_id TEXT NOT NULL REFERENCES teams(id),
        name TEXT NOT NULL CHECK (length(name) > 0),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        UNIQUE (team_id, name)
      );

      CREATE TABLE dnc_numbers (
        list_id TEXT NOT NULL REFERENCES dnc_lists(id) ON DELETE CASCADE,
        team_id TEXT NOT NULL,
        e164 TEXT NOT NULL CHECK (e164 GLOB '+[1-9]*'),
        added_at INTEGER NOT NULL,
        PRIMARY KEY (list_id, e164)
      ) WITHOUT ROWID;
      -- the dial-time check: is this number on any list of the team (one index probe)
      CREATE INDEX dnc_numbers_team_e164 ON dnc_numbers (team_id, e164);

      CREATE TABLE compliance_decisions (
        seq INTEGER PRIMARY KEY,
        team_id TEXT NOT NULL REFERENCES teams(id),
        campaign_id TEXT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
        -- NULL for a campaign-wide decision (the guard turned off or on)
        contact_id TEXT,
        at INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('skip', 'hold', 'setting')),
        -- what decided: legal_hours, campaign_window, rolling_cap, dnc_list, do_not_call, guard
        rule TEXT NOT NULL,
        reason TEXT NOT NULL,
        -- a hold's end (NULL: until something changes)
        until INTEGER
      );
      CREATE INDEX compliance_decisions_contact ON compliance_decisions (campaign_id, contact_id, at);
      CREATE INDEX compliance_decisions_campaign ON compliance_decisions (campaign_id, at);

      ALTER TABLE campaigns ADD COLUMN legal_hours_guard INTEGER NOT NULL DEFAULT 1 CHECK (legal_hours_guard IN (0, 1));
      -- attempts to one number across the team's campaigns in any 24 hours; NULL = only the state presets
      ALTER TABLE campaigns ADD COLUMN rolling_cap_per24h INTEGER DEFAULT 3 CHECK (rolling_cap_per24h IS NULL OR rolling_cap_per24h >= 1);
    `);
  },
};

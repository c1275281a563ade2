import type { Migration } from './types';

/**
 * The thresholds a campaign had by default when this shipped, written out rather than imported: a retuned
 * default applies to new campaigns, and moving existing ones to it would be another migration.
 */
const THRESHOLDS_AT_RELEASE = JSON.stringify({
  initialSilenceMs: 2500,
  greetingMs: 1700,
  afterGreetingSilenceMs: 650,
  minWordMs: 80,
  betweenWordsSilenceMs: 40,
  maxWords: 5,
  messageSilenceMs: 1500,
  messageWaitMaxMs: 20_000,
});

const COUNT_DECISION = `INSERT INTO campaign_stats (campaign_id, key, n) VALUES (new.campaign_id, 'amd:' || new.amd_decision, 1)
  ON CONFLICT (campaign_id, key) DO UPDATE SET n = n + 1;`;

/**
 * Reaching people: each campaign's answering-machine detection (on, decided within 3.5 s) and local-presence
 * caller ID (off); each call's detection result; and the answered calls counted by decision for the monitor,
 * kept by triggers like the other dashboard counts (migration 006), so reading them stays O(1).
 */
export const voicemailDetection: Migration = {
  version: 15,
  name: 'voicemail-detection',
  up(db) {
    db.exec(`
      ALTER TABLE campaigns ADD COLUMN voicemail_detection INTEGER NOT NULL DEFAULT 1 CHECK (voicemail_detection IN (0, 1));
      ALTER TABLE campaigns ADD COLUMN amd_max_ms INTEGER NOT NULL DEFAULT 3500 CHECK (amd_max_ms > 0);
      ALTER TABLE campaigns ADD COLUMN amd_thresholds TEXT NOT NULL DEFAULT '${THRESHOLDS_AT_RELEASE}' CHECK (json_valid(amd_thresholds));
      ALTER TABLE campaigns ADD COLUMN local_presence INTEGER NOT NULL DEFAULT 0 CHECK (local_presence IN (0, 1));

      ALTER TABLE calls ADD COLUMN amd_decision TEXT CHECK (amd_decision IS NULL OR amd_decision IN ('human', 'machine', 'unknown'));
      -- received audio (ms from the answer) when the decision was made
      ALTER TABLE calls ADD COLUMN amd_ms INTEGER CHECK (amd_ms IS NULL OR amd_ms >= 0);
      -- after 'machine': the message followed a beep (1) or silence (0); NULL for a person
      ALTER TABLE calls ADD COLUMN amd_beep INTEGER CHECK (amd_beep IS NULL OR amd_beep IN (0, 1));

      -- a call's decision is written once, with its end
      CREATE TRIGGER campaign_stats_amd AFTER UPDATE OF amd_decision ON calls
      WHEN old.amd_decision IS NULL AND new.amd_decision IS NOT NULL BEGIN
        ${COUNT_DECISION}
      END;
      CREATE TRIGGER campaign_stats_amd_insert AFTER INSERT ON calls WHEN new.amd_decision IS NOT NULL BEGIN
        ${COUNT_DECISION}
      END;
    `);
  },
};

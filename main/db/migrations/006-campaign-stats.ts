import type { Migration } from './types';

function bump(key: string, delta: 1 | -1, campaign = 'new.campaign_id'): string {
  return `INSERT INTO campaign_stats (campaign_id, key, n) VALUES (${campaign}, ${key}, ${delta})
    ON CONFLICT (campaign_id, key) DO UPDATE SET n = n + ${delta};`;
}

/** Counts a skip reason, when the row has one (NULL || text is NULL, so no key is made for none). */
function countSkip(row: 'new'): string {
  return `INSERT INTO campaign_stats (campaign_id, key, n)
    SELECT ${row}.campaign_id, 'skip:' || ${row}.skip_reason, 1 WHERE ${row}.skip_reason IS NOT NULL
    ON CONFLICT (campaign_id, key) DO UPDATE SET n = n + 1;`;
}

/**
 * Dashboard figures kept incrementally, so reading them costs O(1) at any campaign size: triggers on
 * enrolments and calls count statuses, skip reasons, contacts attempted and call outcomes.
 */
export const campaignStats: Migration = {
  version: 6,
  name: 'campaign-stats',
  up(db) {
    db.exec(`
      CREATE TABLE campaign_stats (
        campaign_id TEXT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        n INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (campaign_id, key)
      ) WITHOUT ROWID;

      CREATE TRIGGER campaign_stats_enrol AFTER INSERT ON campaign_contacts BEGIN
        ${bump(`'status:' || new.status`, 1)}
        ${countSkip('new')}
      END;
      CREATE TRIGGER campaign_stats_status AFTER UPDATE OF status, skip_reason ON campaign_contacts
      WHEN old.status IS NOT new.status OR old.skip_reason IS NOT new.skip_reason BEGIN
        ${bump(`'status:' || old.status`, -1)}
        ${bump(`'status:' || new.status`, 1)}
        UPDATE campaign_stats SET n = n - 1 WHERE campaign_id = old.campaign_id AND key = 'skip:' || old.skip_reason;
        ${countSkip('new')}
      END;
      CREATE TRIGGER campaign_stats_attempted AFTER UPDATE OF attempts ON campaign_contacts
      WHEN old.attempts = 0 AND new.attempts > 0 BEGIN
        ${bump(`'attempted'`, 1)}
      END;
      CREATE TRIGGER campaign_stats_unenrol AFTER DELETE ON campaign_contacts BEGIN
        UPDATE campaign_stats SET n = n - 1 WHERE campaign_id = old.campaign_id
          AND (key = 'status:' || old.status OR key = 'skip:' || old.skip_reason OR (key = 'attempted' AND old.attempts > 0));
      END;
      CREATE TRIGGER campaign_stats_outcome AFTER UPDATE OF outcome ON calls
      WHEN old.outcome IS NULL AND new.outcome IS NOT NULL BEGIN
        ${bump(`'outcome:' || new.outcome`, 1)}
      END;
      CREATE TRIGGER campaign_stats_call_insert AFTER INSERT ON calls WHEN new.outcome IS NOT NULL BEGIN
        ${bump(`'outcome:' || new.outcome`, 1)}
      END;

      INSERT INTO campaign_stats (campaign_id, key, n)
        SELECT campaign_id, 'status:' || status, count(*) FROM campaign_contacts GROUP BY campaign_id, status;
      INSERT INTO campaign_stats (campaign_id, key, n)
        SELECT campaign_id, 'skip:' || skip_reason, count(*) FROM campaign_contacts WHERE skip_reason IS NOT NULL GROUP BY campaign_id, skip_reason;
      INSERT INTO campaign_stats (campaign_id, key, n)
        SELECT campaign_id, 'attempted', count(*) FROM campaign_contacts WHERE attempts > 0 GROUP BY campaign_id;
      INSERT INTO campaign_stats (campaign_id, key, n)
        SELECT campaign_id, 'outcome:' || outcome, count(*) FROM calls WHERE outcome IS NOT NULL GROUP BY campaign_id, outcome;
    `);
  },
};

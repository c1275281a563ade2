import type { Migration } from './types';

/** The "eligible to call" rule and its skip reason, as this migration's triggers saw them. */
const CALLABLE = `new.phone IS NOT NULL AND new.do_not_call = 0 AND new.lead_status <> 'do_not_contact'`;
const SKIP_REASON = `CASE WHEN new.phone IS NULL THEN 'no_phone' WHEN new.do_not_call = 1 THEN 'do_not_call'
  WHEN new.lead_status = 'do_not_contact' THEN 'do_not_contact' END`;
/** Evergreen campaigns: keepOpen with an all_eligible audience, not finished. */
const EVERGREEN_OF_NEW = `c.company_id = new.company_id AND c.keep_open = 1 AND c.audience_mode = 'all_eligible'
  AND c.status IN ('draft', 'scheduled', 'running', 'paused') AND c.deleted_at IS NULL`;
/** The audience's own filters (hasPhoneOnly, excludeDnc). */
const AUDIENCE_ADMITS_NEW = `(c.audience_has_phone_only = 0 OR new.phone IS NOT NULL)
  AND (c.audience_exclude_dnc = 0 OR (new.do_not_call = 0 AND new.lead_status <> 'do_not_contact'))`;

function evergreenEnrol(at: string): string {
  return `
    INSERT INTO campaign_contacts (campaign_id, contact_id, status, skip_reason, zone_key, enrolled_at, updated_at)
    SELECT c.id, new.id, CASE WHEN ${CALLABLE} THEN 'pending' ELSE 'skipped' END,
           CASE WHEN ${CALLABLE} THEN NULL ELSE ${SKIP_REASON} END, coalesce(new.timezone, new.phone_zones), ${at}, ${at}
    FROM campaigns c
    WHERE ${EVERGREEN_OF_NEW} AND ${AUDIENCE_ADMITS_NEW}
    ON CONFLICT DO NOTHING;`;
}

export const campaigns: Migration = {
  version: 3,
  name: 'campaigns',
  up(db) {
    db.exec(`
      CREATE TABLE campaigns (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        team_id TEXT NOT NULL REFERENCES teams(id),
        name TEXT NOT NULL CHECK (length(name) > 0),
        description TEXT NOT NULL DEFAULT '',
        assistant_id TEXT NOT NULL REFERENCES assistants(id),
        company_id TEXT NOT NULL REFERENCES companies(id),
        status TEXT NOT NULL CHECK (status IN ('draft','scheduled','running','paused','completed','cancelled')),
        scheduled_start_at INTEGER,
        keep_open INTEGER NOT NULL DEFAULT 0 CHECK (keep_open IN (0, 1)),
        call_window_start TEXT NOT NULL,
        call_window_end TEXT NOT NULL,
        call_window_timezone TEXT NOT NULL,
        use_contact_timezone INTEGER NOT NULL CHECK (use_contact_timezone IN (0, 1)),
        call_days TEXT,
        max_concurrent_calls INTEGER NOT NULL CHECK (max_concurrent_calls BETWEEN 1 AND 10),
        max_attempts_per_contact INTEGER NOT NULL CHECK (max_attempts_per_contact >= 1),
        retry_delay_minutes INTEGER NOT NULL,
        retry_delay_minutes_no_answer INTEGER NOT NULL,
        retry_delay_minutes_busy INTEGER NOT NULL,
        retry_delay_minutes_error INTEGER NOT NULL,
        retry_backoff TEXT NOT NULL CHECK (retry_backoff IN ('fixed', 'exponential')),
        retry_backoff_multiplier REAL NOT NULL,
        retry_backoff_cap_minutes INTEGER NOT NULL,
        retry_on_error INTEGER NOT NULL CHECK (retry_on_error IN (0, 1)),
        retry_on_voicemail INTEGER NOT NULL CHECK (retry_on_voicemail IN (0, 1)),
        max_attempts_no_answer INTEGER,
        max_attempts_busy INTEGER,
        max_attempts_error INTEGER,
        voicemail_action TEXT NOT NULL CHECK (voicemail_action IN ('leave_message', 'hangup')),
        audience_mode TEXT CHECK (audience_mode IS NULL OR audience_mode = 'all_eligible'),
        audience_has_phone_only INTEGER NOT NULL DEFAULT 1,
        audience_exclude_dnc INTEGER NOT NULL DEFAULT 1,
        started_at INTEGER,
        completed_at INTEGER,
        cancelled_at INTEGER,
        deleted_at INTEGER,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX campaigns_team_status ON campaigns (team_id, status, seq);
      CREATE INDEX campaigns_scheduled ON campaigns (status, scheduled_start_at);
      CREATE INDEX campaigns_company ON campaigns (company_id);

      CREATE TABLE campaign_numbers (
        campaign_id TEXT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
        phone_number_id TEXT NOT NULL REFERENCES phone_numbers(id),
        weight INTEGER NOT NULL DEFAULT 1 CHECK (weight >= 1),
        position INTEGER NOT NULL,
        PRIMARY KEY (campaign_id, phone_number_id)
      );

      CREATE TABLE campaign_contacts (
        seq INTEGER PRIMARY KEY,
        campaign_id TEXT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
        contact_id TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        status TEXT NOT NULL CHECK (status IN ('pending','calling','completed','failed','skipped')),
        skip_reason TEXT,
        -- where the window applies: the contact's own zone, else its number's zones; NULL = the campaign's
        zone_key TEXT,
        priority INTEGER NOT NULL DEFAULT 0,
        attempts INTEGER NOT NULL DEFAULT 0,
        no_answer_attempts INTEGER NOT NULL DEFAULT 0,
        busy_attempts INTEGER NOT NULL DEFAULT 0,
        error_attempts INTEGER NOT NULL DEFAULT 0,
        -- 0 = due at once; a contact waiting for its window or a retry holds the instant it is due
        next_attempt_at INTEGER NOT NULL DEFAULT 0,
        last_outcome TEXT,
        from_number_id TEXT,
        enrolled_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        UNIQUE (campaign_id, contact_id)
      );
      -- dialing: per zone and priority, the due contacts in due order are one range scan; contacts whose
      -- window is closed are never read (O(due), not O(enrolled))
      CREATE INDEX campaign_contacts_dial ON campaign_contacts (campaign_id, status, zone_key, priority, next_attempt_at, seq);
      -- the next wake-up: the earliest next_attempt_at of a campaign's pending contacts
      CREATE INDEX campaign_contacts_due ON campaign_contacts (campaign_id, status, next_attempt_at);
      -- the queue as people read it: priority DESC, then enrolment order
      CREATE INDEX campaign_contacts_queue ON campaign_contacts (campaign_id, priority DESC, seq);
      CREATE INDEX campaign_contacts_contact ON campaign_contacts (contact_id);

      -- Evergreen: new company contacts join keepOpen all_eligible campaigns by themselves.
      CREATE TRIGGER campaign_contacts_evergreen_insert AFTER INSERT ON contacts BEGIN
        ${evergreenEnrol('new.created_at')}
      END;
      -- ...and so do contacts that become callable (DNC cleared, phone added) or move company.
      CREATE TRIGGER campaign_contacts_evergreen_update
      AFTER UPDATE OF phone, do_not_call, lead_status, company_id ON contacts BEGIN
        ${evergreenEnrol('new.updated_at')}
        UPDATE campaign_contacts SET status = 'pending', skip_reason = NULL, updated_at = new.updated_at
        WHERE contact_id = new.id AND status = 'skipped' AND ${CALLABLE}
          AND campaign_id IN (SELECT c.id FROM campaigns c WHERE ${EVERGREEN_OF_NEW});
      END;
      -- enrolments follow their contact's zone
      CREATE TRIGGER campaign_contacts_zone AFTER UPDATE OF timezone, phone_zones ON contacts BEGIN
        UPDATE campaign_contacts SET zone_key = coalesce(new.timezone, new.phone_zones) WHERE contact_id = new.id;
      END;
    `);
  },
};

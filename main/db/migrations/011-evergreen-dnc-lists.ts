import type { Migration } from './types';

/*
 * The "eligible to call" rule as this migration's triggers see it: migration 003's, and a number on one of the
 * team's DNC lists is not callable either.
 */
const LISTED = `EXISTS (SELECT 1 FROM dnc_numbers d WHERE d.team_id = new.team_id AND d.e164 = new.phone)`;
const DO_NOT_CALL = `(new.do_not_call = 1 OR new.lead_status = 'do_not_contact' OR ${LISTED})`;
const CALLABLE = `(new.phone IS NOT NULL AND NOT ${DO_NOT_CALL})`;
const SKIP_REASON = `CASE WHEN new.phone IS NULL THEN 'no_phone' WHEN new.do_not_call = 1 THEN 'do_not_call'
  WHEN new.lead_status = 'do_not_contact' THEN 'do_not_contact' WHEN ${LISTED} THEN 'dnc_list' END`;
const LIST_NAME = `(SELECT l.name FROM dnc_numbers d JOIN dnc_lists l ON l.id = d.list_id
  WHERE d.team_id = new.team_id AND d.e164 = new.phone ORDER BY l.name LIMIT 1)`;
/** Evergreen campaigns: keepOpen with an all_eligible audience, not finished. */
const EVERGREEN_OF_NEW = `c.company_id = new.company_id AND c.keep_open = 1 AND c.audience_mode = 'all_eligible'
  AND c.status IN ('draft', 'scheduled', 'running', 'paused') AND c.deleted_at IS NULL`;
/** The audience's own filters: hasPhoneOnly, and excludeDnc (every do-not-call rule, as enrolment applies it). */
const AUDIENCE_ADMITS_NEW = `(c.audience_has_phone_only = 0 OR new.phone IS NOT NULL) AND (c.audience_exclude_dnc = 0 OR NOT ${DO_NOT_CALL})`;

function evergreenEnrol(at: string): string {
  return `
    INSERT INTO campaign_contacts (campaign_id, contact_id, contact_seq, status, skip_reason, zone_key, enrolled_at, updated_at)
    SELECT c.id, new.id, new.seq, CASE WHEN ${CALLABLE} THEN 'pending' ELSE 'skipped' END,
           CASE WHEN ${CALLABLE} THEN NULL ELSE ${SKIP_REASON} END, coalesce(new.timezone, new.phone_zones), ${at}, ${at}
    FROM campaigns c
    WHERE ${EVERGREEN_OF_NEW} AND ${AUDIENCE_ADMITS_NEW}
    ON CONFLICT DO NOTHING;
    -- a DNC-list skip goes in the campaign's audit trail, as the dialer's would, once
    INSERT INTO compliance_decisions (team_id, campaign_id, contact_id, at, kind, rule, reason, until)
    SELECT c.team_id, c.id, new.id, ${at}, 'skip', 'dnc_list', 'on DNC list ''' || ${LIST_NAME} || '''', NULL
    FROM campaigns c JOIN campaign_contacts cc ON cc.campaign_id = c.id AND cc.contact_id = new.id
    WHERE ${EVERGREEN_OF_NEW} AND cc.status = 'skipped' AND cc.skip_reason = 'dnc_list'
      AND NOT EXISTS (SELECT 1 FROM compliance_decisions x WHERE x.campaign_id = c.id AND x.contact_id = new.id AND x.rule = 'dnc_list');`;
}

/**
 * Evergreen enrolment (migration 003's triggers) with the team's DNC lists in the rule: a new or changed
 * contact whose number is on a list joins as skipped ('dnc_list', with its audit row), or not at all when the
 * audience excludes DNC; a list skip is no longer put back to pending by an edit that leaves the number listed.
 */
export const evergreenDncLists: Migration = {
  version: 11,
  name: 'evergreen-dnc-lists',
  up(db) {
    db.exec(`
      DROP TRIGGER campaign_contacts_evergreen_insert;
      DROP TRIGGER campaign_contacts_evergreen_update;
      CREATE TRIGGER campaign_contacts_evergreen_insert AFTER INSERT ON contacts BEGIN
        ${evergreenEnrol('new.created_at')}
      END;
      CREATE TRIGGER campaign_contacts_evergreen_update
      AFTER UPDATE OF phone, do_not_call, lead_status, company_id ON contacts BEGIN
        ${evergreenEnrol('new.updated_at')}
        UPDATE campaign_contacts SET status = 'pending', skip_reason = NULL, updated_at = new.updated_at
        WHERE contact_id = new.id AND status = 'skipped' AND ${CALLABLE}
          AND campaign_id IN (SELECT c.id FROM campaigns c WHERE ${EVERGREEN_OF_NEW});
      END;
    `);
  },
};

// SQL alike on both engines lives in main/db/kysely, beside the stores Kysely writes for both.
/**
 * A DNC list (a `dnc_lists` row named `l`) with what it holds and blocks, as both engines' stores read it. The aliases
 * are quoted so each engine hands the columns back under these names.
 */
export const DNC_LIST_COLUMNS = `l.id, l.name, l.created_at AS "createdAt", l.updated_at AS "updatedAt",
  (SELECT count(*) FROM dnc_numbers d WHERE d.list_id = l.id) AS numbers,
  -- from the contacts' side: a team's contacts are usually far fewer than a registry list's numbers
  (SELECT count(*) FROM contacts c WHERE c.team_id = l.team_id AND c.phone IS NOT NULL
     AND EXISTS (SELECT 1 FROM dnc_numbers d WHERE d.list_id = l.id AND d.e164 = c.phone)) AS "blockedContacts",
  (SELECT count(*) FROM contacts c JOIN campaign_contacts cc ON cc.contact_id = c.id
     WHERE c.team_id = l.team_id AND c.phone IS NOT NULL AND cc.status = 'skipped' AND cc.skip_reason = 'dnc_list'
     AND EXISTS (SELECT 1 FROM dnc_numbers d WHERE d.list_id = l.id AND d.e164 = c.phone)) AS "blockedEnrolments"`;

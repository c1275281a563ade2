import { sql, type RawBuilder } from 'kysely';
import type { IneligibleReason } from '../../shared/crm/eligibility';

/*
 * The shared "eligible to call" rule (shared/crm/eligibility.ts) as SQL on a contacts row named `c`, for
 * set-based queries; a test holds the two to the same answers. The DNC-list lookups are probes of
 * dnc_numbers_team_e164. The flag is tested bare, not compared with 1: a 0/1 in SQLite, a boolean in PostgreSQL.
 */

/** The first (by name) of the team's DNC lists holding the contact's phone, or NULL. */
export const dncListNameSql = (c: string) =>
  `(SELECT l.name FROM dnc_numbers d JOIN dnc_lists l ON l.id = d.list_id WHERE d.team_id = ${c}.team_id AND d.e164 = ${c}.phone ORDER BY l.name LIMIT 1)`;

const onDncList = (c: string) => `EXISTS (SELECT 1 FROM dnc_numbers d WHERE d.team_id = ${c}.team_id AND d.e164 = ${c}.phone)`;

/** A do-not-call rule forbids calling the contact, whatever its phone (what "Exclude DNC" leaves out). */
const doNotCall = (c: string) => `(${c}.do_not_call OR ${c}.lead_status = 'do_not_contact' OR ${onDncList(c)})`;

const DO_NOT_CALL_CASES = (c: string) =>
  `WHEN ${c}.do_not_call THEN 'do_not_call' WHEN ${c}.lead_status = 'do_not_contact' THEN 'do_not_contact' WHEN ${onDncList(c)} THEN 'dnc_list'`;

/** The rule as a filter on `contacts`. */
export function eligibleToCallSql(): RawBuilder<boolean> {
  return sql.raw<boolean>(`(contacts.phone IS NOT NULL AND NOT ${doNotCall('contacts')})`);
}

/** "Exclude DNC" as a filter on `contacts`: the same in the contact list and in an audience. */
export function excludeDncSql(): RawBuilder<boolean> {
  return sql.raw<boolean>(`NOT ${doNotCall('contacts')}`);
}

/** Why a contact is not callable, as SQL on `contacts` (null when it is callable); same order as the TS rule. */
export function skipReasonSql(): RawBuilder<IneligibleReason | null> {
  return sql.raw(`(CASE WHEN contacts.phone IS NULL THEN 'no_phone' ${DO_NOT_CALL_CASES('contacts')} END)`);
}


/** The contact's DNC list (dncListNameSql) as a `dncList` column of a query on `contacts`. */
export function dncListColumn() {
  return sql.raw<string | null>(dncListNameSql('contacts')).as('dncList');
}

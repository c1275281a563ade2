import { sql, type RawBuilder } from 'kysely';

/**
 * The shared "eligible to call" rule (shared/crm/eligibility.ts) as a SQL filter on `contacts`,
 * for set-based queries. A test holds the two to the same answers.
 */
export function eligibleToCallSql(): RawBuilder<boolean> {
  return sql<boolean>`(contacts.phone IS NOT NULL AND contacts.do_not_call = 0 AND contacts.lead_status <> 'do_not_contact')`;
}

import { sql, type RawBuilder } from 'kysely';

/**
 * The shared "eligible to call" rule (shared/crm/eligibility.ts) as a SQL filter on `contacts`,
 * for set-based queries. A test holds the two to the same answers.
 */
export function eligibleToCallSql(): RawBuilder<boolean> {
  return sql<boolean>`(contacts.phone IS NOT NULL AND contacts.do_not_call = 0 AND contacts.lead_status <> 'do_not_contact')`;
}

/** Why a contact is not callable, as SQL on `contacts` (null when it is callable); same order as the TS rule. */
export function skipReasonSql(): RawBuilder<'no_phone' | 'do_not_call' | 'do_not_contact' | null> {
  return sql`(CASE WHEN contacts.phone IS NULL THEN 'no_phone' WHEN contacts.do_not_call = 1 THEN 'do_not_call'
    WHEN contacts.lead_status = 'do_not_contact' THEN 'do_not_contact' END)`;
}

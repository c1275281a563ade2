import { sql, type SelectQueryBuilder } from 'kysely';
import type { Audience } from '../../campaigns/enrolmentStore';
import { excludeDncSql } from '../../crm/eligibility';
import type { Database } from '../schema';
import { contactSearchFilter } from './contactSearch';

/** A query on contacts that selects nothing yet (`{}` is the selection Kysely's selectFrom starts with). */
export type ContactsQuery = SelectQueryBuilder<Database, 'contacts', {}>;

/** An all_eligible audience as a filter on `contacts`: the company's contacts, narrowed as the audience says. */
export function inAudience(q: ContactsQuery, { companyId, hasPhoneOnly, excludeDnc, search, leadStatus }: Audience): ContactsQuery {
  let filtered = q.where('contacts.companyId', '=', companyId);
  if (hasPhoneOnly) filtered = filtered.where('contacts.phone', 'is not', null);
  if (excludeDnc) filtered = filtered.where(excludeDncSql());
  if (leadStatus) filtered = filtered.where('contacts.leadStatus', '=', leadStatus);
  if (search?.trim()) filtered = filtered.where(contactSearchFilter(search));
  return filtered;
}

/** A contact's zone key as enrolment stores it: its own zone, else the '|'-joined zones of its number. */
export const contactZoneKeySql = sql<string | null>`coalesce(contacts.timezone, contacts.phone_zones)`;

import { sql, type Kysely } from 'kysely';
import type { EnrollingCampaign, EnrolmentCounts, EnrolmentStore, EnrolmentWrites } from '../../campaigns/enrolmentStore';
import { dncListColumn, eligibleToCallSql, skipReasonSql } from '../../crm/eligibility';
import { page } from '../../crm/paging';
import type { Database } from '../schema';
import { inWriteTransaction } from '../writeTransaction';
import { contactZoneKeySql, inAudience, type ContactsQuery } from './campaignAudience';

/** SQLite caps bound parameters per statement; ids go in slices. */
const ID_SLICE = 900;

function slices<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Why the contact's latest call failed, read for failed outcomes only: through its number's calls, which are few
 * (calls_to_number_team_started), not the campaign's, which may be many and would also serve the order.
 */
const lastCallError = sql<string | null>`CASE WHEN campaign_contacts.last_outcome = 'failed' THEN (
  SELECT calls.error FROM calls INDEXED BY calls_to_number_team_started
  WHERE calls.to_number = contacts.phone AND calls.team_id = contacts.team_id
    AND calls.campaign_id = campaign_contacts.campaign_id AND calls.contact_id = campaign_contacts.contact_id
  ORDER BY calls.started_at DESC LIMIT 1) END`;

/**
 * One set-based INSERT … SELECT per kind over the chosen contacts: callable ones as pending, the rest as
 * skipped with their reason; contacts already in the campaign are left as they are.
 */
async function insertFrom(on: Kysely<Database>, campaign: EnrollingCampaign, priority: number, at: number, chosen: (q: ContactsQuery) => ContactsQuery): Promise<EnrolmentCounts> {
  const counts = { enrolled: 0, skipped: 0 };
  for (const callable of [true, false]) {
    const select = chosen(on.selectFrom('contacts'))
      .where(callable ? eligibleToCallSql() : sql<boolean>`NOT ${eligibleToCallSql()}`)
      .select([
        sql.lit(campaign.id).as('campaignId'),
        'contacts.id as contactId',
        'contacts.seq as contactSeq',
        sql.lit(callable ? 'pending' : 'skipped').as('status'),
        (callable ? sql.lit(null) : skipReasonSql()).as('skipReason'),
        contactZoneKeySql.as('zoneKey'),
        sql.lit(priority).as('priority'),
        sql.lit(at).as('enrolledAt'),
        sql.lit(at).as('updatedAt'),
      ]);
    const result = await on
      .insertInto('campaignContacts')
      .columns(['campaignId', 'contactId', 'contactSeq', 'status', 'skipReason', 'zoneKey', 'priority', 'enrolledAt', 'updatedAt'])
      .expression(select)
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    counts[callable ? 'enrolled' : 'skipped'] = Number(result.numInsertedOrUpdatedRows ?? 0n);
  }
  return counts;
}

/** The enrolment writes on the connection `on` (the store's, or a transaction's). */
export function sqliteEnrolmentWrites(on: Kysely<Database>): EnrolmentWrites {
  return {
    async enrolContacts(campaign, contactIds, priority, at) {
      const counts = { enrolled: 0, skipped: 0 };
      for (const slice of slices(contactIds, ID_SLICE)) {
        const inserted = await insertFrom(on, campaign, priority, at, (q) => q.where('contacts.id', 'in', slice));
        counts.enrolled += inserted.enrolled;
        counts.skipped += inserted.skipped;
      }
      return counts;
    },

    async enrolAudience(campaign, audience, priority, at) {
      const chosen = (q: ContactsQuery) => inAudience(q, audience);
      const { n: matching } = await chosen(on.selectFrom('contacts')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return { ...(await insertFrom(on, campaign, priority, at, chosen)), matching };
    },

    async keepAudience(campaignId, { mode, hasPhoneOnly, excludeDnc }, at) {
      await on
        .updateTable('campaigns')
        .set({ audienceMode: mode, audienceHasPhoneOnly: hasPhoneOnly ? 1 : 0, audienceExcludeDnc: excludeDnc ? 1 : 0, updatedAt: at })
        .where('id', '=', campaignId)
        .execute();
    },
  };
}

export function createSqliteEnrolmentStore(db: Kysely<Database>): EnrolmentStore {
  return {
    async contactsOfCompany(teamId, companyId, contactIds) {
      const found = new Set<string>();
      for (const slice of slices([...new Set(contactIds)], ID_SLICE)) {
        const rows = await db.selectFrom('contacts').select('id').where('id', 'in', slice).where('companyId', '=', companyId).where('teamId', '=', teamId).execute();
        rows.forEach((r) => found.add(r.id));
      }
      return found;
    },

    copyContacts(fromId, to, at) {
      const enrolled = db.selectFrom('campaignContacts').select('campaignContacts.contactId').where('campaignContacts.campaignId', '=', fromId);
      // the source's contacts as one sub-select: a campaign may hold more of them than a statement takes ids
      return inWriteTransaction(db, (trx) => insertFrom(trx, to, 0, at, (q) => q.where('contacts.id', 'in', enrolled)));
    },

    queue(campaignId, query) {
      let q = db
        .selectFrom('campaignContacts')
        .innerJoin('contacts', 'contacts.id', 'campaignContacts.contactId')
        .select([
          'campaignContacts.campaignId',
          'campaignContacts.contactId',
          'contacts.firstName',
          'contacts.lastName',
          'contacts.phone',
          'contacts.timezone',
          'campaignContacts.status',
          'campaignContacts.skipReason',
          'campaignContacts.priority',
          'campaignContacts.attempts',
          'campaignContacts.lastOutcome',
          'campaignContacts.nextAttemptAt',
          'campaignContacts.enrolledAt',
          'campaignContacts.zoneKey',
          dncListColumn(),
          lastCallError.as('lastError'),
        ])
        .where('campaignContacts.campaignId', '=', campaignId);
      if (query.status) q = q.where('campaignContacts.status', '=', query.status);
      return page(db, q.orderBy('campaignContacts.priority', 'desc').orderBy('campaignContacts.seq'), query, (r) => r);
    },

    transaction: (work) => inWriteTransaction(db, (trx) => work(sqliteEnrolmentWrites(trx))),
  };
}

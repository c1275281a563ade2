// SQL for PostgreSQL lives in main/db/postgres, implementing the interfaces the features declare.
import type { Kysely } from 'kysely';
import type { DecisionStore, TrailEntry } from '../../compliance/decisionStore';
import { countUpTo } from '../../crm/paging';
import type { Database } from '../schema';

const DECISION = [
  'complianceDecisions.campaignId', 'complianceDecisions.contactId', 'complianceDecisions.at', 'complianceDecisions.kind',
  'complianceDecisions.rule', 'complianceDecisions.reason', 'complianceDecisions.until',
] as const;
/** Decisions per query of a trail: a batch in memory at a time, and no cursor left open between batches. */
const TRAIL_BATCH = 1000;

/** The audit trail's reads; newest first is (at, seq) descending, which the indexes of migration 4 end in. */
export function createPostgresDecisionStore(db: Kysely<Database>): DecisionStore {
  const decisionsOf = (campaignId: string) => db.selectFrom('complianceDecisions').where('complianceDecisions.campaignId', '=', campaignId);

  return {
    hasCampaign: async (teamId, campaignId) =>
      (await db.selectFrom('campaigns').select('id').where('teamId', '=', teamId).where('id', '=', campaignId).where('deletedAt', 'is', null).executeTakeFirst()) !== undefined,

    async page(campaignId, { contactId, limit, offset, countUpTo: upTo }) {
      const matching = contactId === undefined ? decisionsOf(campaignId) : decisionsOf(campaignId).where('complianceDecisions.contactId', '=', contactId);
      const [items, total] = await Promise.all([
        matching.select(DECISION).orderBy('complianceDecisions.at', 'desc').orderBy('complianceDecisions.seq', 'desc').limit(limit).offset(offset).execute(),
        countUpTo(db, matching, upTo),
      ]);
      return { items, total };
    },

    async latestOf(campaignId, contactIds) {
      if (!contactIds.length) return new Map();
      // one probe of compliance_decisions_contact per contact: the first row of each contact's (at, seq) descending
      const rows = await decisionsOf(campaignId)
        .where('complianceDecisions.contactId', 'in', contactIds)
        .distinctOn('complianceDecisions.contactId')
        .select(DECISION)
        .orderBy('complianceDecisions.contactId')
        .orderBy('complianceDecisions.at', 'desc')
        .orderBy('complianceDecisions.seq', 'desc')
        .execute();
      return new Map(rows.map((row) => [row.contactId!, row]));
    },

    async *trail(campaignId) {
      // keyset paging on (at, seq): each batch starts where the last one ended, however many came before
      let after = { at: Number.MIN_SAFE_INTEGER, seq: 0 };
      for (;;) {
        const rows = await decisionsOf(campaignId)
          .leftJoin('contacts', 'contacts.id', 'complianceDecisions.contactId')
          .select([...DECISION, 'complianceDecisions.seq as seq', 'contacts.firstName', 'contacts.lastName', 'contacts.phone'])
          .where((eb) => eb(eb.refTuple('complianceDecisions.at', 'complianceDecisions.seq'), '>', eb.tuple(after.at, after.seq)))
          .orderBy('complianceDecisions.at')
          .orderBy('complianceDecisions.seq')
          .limit(TRAIL_BATCH)
          .execute();
        yield* rows.map(({ seq: _seq, firstName, lastName, phone, ...decision }): TrailEntry => ({
          decision,
          contact: firstName === null ? null : { firstName, lastName: lastName!, phone },
        }));
        if (rows.length < TRAIL_BATCH) return;
        after = rows[rows.length - 1];
      }
    },
  };
}

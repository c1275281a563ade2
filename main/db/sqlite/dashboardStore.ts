import type { Kysely, Selectable } from 'kysely';
import type { DashboardCall, DashboardStore } from '../../campaigns/dashboardStore';
import type { CallTable, Database } from '../schema';

/** A calls row as the campaign monitor (and the calls export) reads it. */
export function toDashboardCall(row: Selectable<CallTable>): DashboardCall {
  return {
    id: row.id,
    campaignId: row.campaignId,
    contactId: row.contactId,
    fromNumber: row.fromNumber,
    toNumber: row.toNumber,
    attempt: row.attempt,
    outcome: row.outcome,
    startedAt: row.startedAt,
    answeredAt: row.answeredAt,
    endedAt: row.endedAt,
    durationSeconds: row.durationSeconds,
    error: row.error,
    amd: row.amdDecision === null ? null : { decision: row.amdDecision, ms: row.amdMs ?? 0, beep: row.amdBeep === null ? null : row.amdBeep === 1 },
  };
}

export function createSqliteDashboardStore(db: Kysely<Database>): DashboardStore {
  const callsOf = (campaignId: string) => db.selectFrom('calls').selectAll().where('campaignId', '=', campaignId).orderBy('startedAt', 'desc');

  /** One min() or max() per query: SQLite answers each from one end of the calls_campaign_started index. */
  const end = (campaignId: string, fn: 'min' | 'max') =>
    db
      .selectFrom('calls')
      .select((eb) => eb.fn[fn]<number | null>('startedAt').as('at'))
      .where('campaignId', '=', campaignId)
      .executeTakeFirstOrThrow()
      .then((row) => row.at);

  return {
    counters: (campaignId) => db.selectFrom('campaignStats').select(['key', 'n']).where('campaignId', '=', campaignId).execute(),

    async calls(campaignId, recent) {
      const [inProgress, ended] = await Promise.all([
        callsOf(campaignId).where('status', '!=', 'ended').execute(),
        callsOf(campaignId).where('status', '=', 'ended').limit(recent).execute(),
      ]);
      return { inProgress: inProgress.map(toDashboardCall), recent: ended.map(toDashboardCall) };
    },

    // one index entry (campaign_contacts_due) at any size
    async earliestPendingAttempt(campaignId) {
      const earliest = await db
        .selectFrom('campaignContacts')
        .select((eb) => eb.fn.min<number | null>('nextAttemptAt').as('at'))
        .where('campaignId', '=', campaignId)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return earliest?.at ?? null;
    },

    async legalHoldUntil(campaignId, now) {
      const legal = await db
        .selectFrom('complianceDecisions')
        .select('until')
        .where('campaignId', '=', campaignId)
        .where('contactId', 'is', null)
        .where('rule', '=', 'legal_hours')
        .where('until', '>', now)
        .orderBy('at', 'desc')
        .limit(1)
        .executeTakeFirst();
      return legal?.until ?? null;
    },

    async callSpan(campaignId) {
      const [first, last] = await Promise.all([end(campaignId, 'min'), end(campaignId, 'max')]);
      return first === null || last === null ? null : { first, last };
    },

    // one range scan of calls_campaign_started over the campaign's calls
    callBuckets: (campaignId, bucketMs) =>
      db
        .selectFrom('calls')
        .select((eb) => [
          // literals: a bound JS number is a REAL to SQLite, and integer division is what buckets the instants
          eb(eb('startedAt', '/', eb.lit(bucketMs)), '*', eb.lit(bucketMs)).as('bucket'),
          'outcome',
          eb.fn.countAll<number>().as('n'),
        ])
        .where('campaignId', '=', campaignId)
        .groupBy(['bucket', 'outcome'])
        .execute(),
  };
}

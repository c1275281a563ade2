// Queries Kysely writes alike for SQLite and PostgreSQL live in main/db/kysely: the analysis job store's reads and its
// failed attempt and its tally, the same on both engines (its claim and its answer are each engine's own).
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { CollectField } from '../../../shared/analysis/collect';
import type { AnalysisJobStore } from '../../analysis/analysisJobStore';
import { readJson } from '../../crm/json';
import type { Database } from '../schema';
import { toCallAnalysis, TURN_COLUMNS, toTurn } from './callRows';

/** One member of a JSON text column as an SQL value, NULL when it has none: each engine spells it its own way. */
export type JsonValue = (column: string, key: string) => RawBuilder<string | null>;

export function analysisJobReads(db: Kysely<Database>, valueOf: JsonValue): Pick<AnalysisJobStore, 'nextDue' | 'input' | 'fail' | 'of' | 'tally'> {
  const ofCampaign = (campaignId: string) => db.selectFrom('callAnalyses').innerJoin('calls', 'calls.id', 'callAnalyses.callId').where('calls.campaignId', '=', campaignId);
  // SQLite's 0/1 and PostgreSQL's boolean both read as a condition
  const successes = sql<number>`sum(CASE WHEN call_analyses.success THEN 1 ELSE 0 END)`;

  return {
    async nextDue() {
      const row = await db.selectFrom('callAnalyses').select((eb) => eb.fn.min('nextAttemptAt').as('at')).where('nextAttemptAt', 'is not', null).executeTakeFirst();
      return row?.at ?? null;
    },

    async input(callId) {
      const row = await db
        .selectFrom('callAnalyses')
        .innerJoin('calls', 'calls.id', 'callAnalyses.callId')
        .innerJoin('campaigns', 'campaigns.id', 'calls.campaignId')
        .innerJoin('assistants', 'assistants.id', 'campaigns.assistantId')
        .select(['calls.id as callId', 'calls.teamId', 'calls.campaignId', 'calls.contactId', 'calls.provider', 'assistants.collect', 'assistants.successCriterion', 'callAnalyses.attempts'])
        .where('callAnalyses.callId', '=', callId)
        .executeTakeFirst();
      if (!row) return undefined;
      const turns = await db.selectFrom('callTurns').select(TURN_COLUMNS).where('callId', '=', callId).orderBy('offsetMs').orderBy('seq').execute();
      const { collect, ...call } = row;
      return { ...call, fields: readJson<CollectField[]>(collect, []), transcript: turns.map(toTurn) };
    },

    async fail(callId, reason, retryAt, at) {
      await db.updateTable('callAnalyses').set({ state: 'failed', error: reason, nextAttemptAt: retryAt, updatedAt: at }).where('callId', '=', callId).execute();
    },

    async of(callId) {
      const row = await db.selectFrom('callAnalyses').select(['state', 'summary', 'success', 'fields', 'error', 'attempts']).where('callId', '=', callId).executeTakeFirst();
      return row ? toCallAnalysis(row) : null;
    },

    async tally(campaignId, fieldKeys) {
      const states = await ofCampaign(campaignId)
        .select(['callAnalyses.state', (eb) => eb.fn.countAll<number>().as('n'), successes.as('succeeded')])
        .groupBy('callAnalyses.state')
        .execute();
      const count = (state: string) => states.find((s) => s.state === state);
      const values = await Promise.all(
        fieldKeys.map(async (key) => {
          // grouped by its place in the list: PostgreSQL takes the key's two parameters for two expressions
          const value = valueOf('call_analyses.fields', key);
          const rows = await ofCampaign(campaignId).where('callAnalyses.state', '=', 'done').select([value.as('value'), (eb) => eb.fn.countAll<number>().as('n')]).groupBy(sql`1`).execute();
          return [key, Object.fromEntries(rows.filter((row) => row.value !== null).map((row) => [String(row.value), row.n]))] as const;
        }),
      );
      return {
        pending: count('pending')?.n ?? 0,
        done: count('done')?.n ?? 0,
        failed: count('failed')?.n ?? 0,
        succeeded: Number(count('done')?.succeeded ?? 0),
        values: Object.fromEntries(values),
      };
    },
  };
}

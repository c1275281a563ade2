// SQL for the embedded engine lives in main/db/sqlite, implementing the interfaces the features declare. An answer is
// stored in one synchronous transaction on the connection the dialer writes on: an async one left open across an await
// would take in whatever the dialer writes meanwhile.
import type BetterSqlite3 from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import type { CollectField } from '../../../shared/analysis/collect';
import type { AnalysisJobStore, MappedContact } from '../../analysis/analysisJobStore';
import { readJson } from '../../crm/json';
import type { Database } from '../schema';
import { toCallAnalysis, TURN_COLUMNS, toTurn } from '../kysely/callRows';
import { webhookOutbox } from './webhookOutbox';

export function createSqliteAnalysisJobStore(db: Kysely<Database>, sqlite: BetterSqlite3.Database): AnalysisJobStore {
  const q = {
    complete: sqlite.prepare<[string | null, number, string, number, string]>(
      `UPDATE call_analyses SET state = 'done', summary = ?, success = ?, fields = ?, error = NULL, next_attempt_at = NULL, updated_at = ? WHERE call_id = ?`,
    ),
    contact: sqlite.prepare<[string], { id: string; leadStatus: MappedContact['leadStatus']; customFields: string }>(
      `SELECT ct.id, ct.lead_status AS leadStatus, ct.custom_fields AS customFields FROM calls c JOIN contacts ct ON ct.id = c.contact_id WHERE c.id = ?`,
    ),
    updateContact: sqlite.prepare<[string, string, number, string]>(`UPDATE contacts SET lead_status = ?, custom_fields = ?, updated_at = ? WHERE id = ?`),
    history: sqlite.prepare<[string, string, number, string]>(`INSERT INTO contact_history (contact_id, call_id, at, kind, text) VALUES (?, ?, ?, 'analysis', ?)`),
  };
  const outbox = webhookOutbox(sqlite);

  const complete = sqlite.transaction((...[callId, output, at, change]: Parameters<AnalysisJobStore['complete']>) => {
    q.complete.run(output.summary, output.success ? 1 : 0, JSON.stringify(output.fields), at, callId);
    const contact = q.contact.get(callId);
    const changed = contact && change({ leadStatus: contact.leadStatus, customFields: readJson<Record<string, string>>(contact.customFields, {}) });
    if (contact && changed) {
      q.updateContact.run(changed.leadStatus, JSON.stringify(changed.customFields), at, contact.id);
      for (const text of changed.history) q.history.run(contact.id, callId, at, text);
    }
    // in the same transaction as the answer, so a receiver hears of every stored analysis exactly when it exists
    outbox.callAnalyzed(callId, at);
  });

  const ofCampaign = (campaignId: string) => db.selectFrom('callAnalyses').innerJoin('calls', 'calls.id', 'callAnalyses.callId').where('calls.campaignId', '=', campaignId);

  return {
    async claimDue(at, holdUntil, limit) {
      const due = await db.selectFrom('callAnalyses').select(['callId', 'nextAttemptAt']).where('nextAttemptAt', '<=', at).orderBy('nextAttemptAt').limit(limit).execute();
      const claimed: string[] = [];
      for (const job of due) {
        // conditional on the time it was read with: another worker that took it first moved it
        const taken = await db
          .updateTable('callAnalyses')
          .set((eb) => ({ nextAttemptAt: holdUntil, attempts: eb('attempts', '+', 1) }))
          .where('callId', '=', job.callId)
          .where('nextAttemptAt', '=', job.nextAttemptAt)
          .executeTakeFirst();
        if (taken.numUpdatedRows > 0n) claimed.push(job.callId);
      }
      return claimed;
    },

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

    complete: async (callId, output, at, change) => complete(callId, output, at, change),

    async fail(callId, reason, retryAt, at) {
      await db.updateTable('callAnalyses').set({ state: 'failed', error: reason, nextAttemptAt: retryAt, updatedAt: at }).where('callId', '=', callId).execute();
    },

    async of(callId) {
      const row = await db.selectFrom('callAnalyses').select(['state', 'summary', 'success', 'fields', 'error', 'attempts']).where('callId', '=', callId).executeTakeFirst();
      return row ? toCallAnalysis(row) : null;
    },

    async tally(campaignId, fieldKeys) {
      const states = await ofCampaign(campaignId)
        .select(['callAnalyses.state', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>('callAnalyses.success').as('succeeded')])
        .groupBy('callAnalyses.state')
        .execute();
      const count = (state: string) => states.find((s) => s.state === state);
      const values = await Promise.all(
        fieldKeys.map(async (key) => {
          const value = sql<string | null>`json_extract(call_analyses.fields, ${`$.${key}`})`;
          const rows = await ofCampaign(campaignId).where('callAnalyses.state', '=', 'done').select([value.as('value'), (eb) => eb.fn.countAll<number>().as('n')]).groupBy(value).execute();
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

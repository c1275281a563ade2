import { sql, type Kysely } from 'kysely';
import type { AnalysisOutput, CallAnalysis, CollectField, FieldValue } from '../../shared/analysis/collect';
import type { TranscriptTurn } from '../../shared/calls/types';
import { readJson } from '../crm/json';
import type { Database } from '../db/schema';

/** What one analysis works from: the call's conversation and what its assistant collects. */
export interface AnalysisInput {
  callId: string;
  teamId: string;
  campaignId: string;
  contactId: string;
  /** The telephony provider that placed the call ('simulator' for simulated calls). */
  provider: string;
  transcript: TranscriptTurn[];
  fields: CollectField[];
  successCriterion: string | null;
  attempts: number;
}

/**
 * Queues the analysis of a call that has a transcript, as of the call's end; nothing for a call without one,
 * or one already queued. A builder, not a run: the dialer compiles it into the transaction that records the
 * end of the call, so an ended call and its job commit together.
 */
export const enqueueAnalysis = (db: Kysely<Database>, callId: string) =>
  db
    .insertInto('callAnalyses')
    .columns(['callId', 'teamId', 'state', 'nextAttemptAt', 'createdAt', 'updatedAt'])
    .expression((eb) =>
      eb
        .selectFrom('calls')
        .select(['id', 'teamId', sql.lit('pending').as('state'), 'endedAt', 'endedAt', 'endedAt'])
        .where('id', '=', callId)
        .where('endedAt', 'is not', null)
        .where((w) => w.exists(w.selectFrom('callTurns').select('seq').where('callTurns.callId', '=', callId))),
    )
    .onConflict((oc) => oc.column('callId').doNothing());

export const toCallAnalysis = (row: { state: CallAnalysis['state']; summary: string | null; success: number | null; fields: string; error: string | null; attempts: number }): CallAnalysis => ({
  state: row.state,
  summary: row.summary,
  success: row.success === null ? null : row.success === 1,
  fields: readJson<Record<string, FieldValue>>(row.fields, {}),
  error: row.error,
  attempts: row.attempts,
});

/** The durable queue of analyses: which are due, what each works from, and how each attempt ended. */
export function createAnalysisJobs(db: Kysely<Database>) {
  return {
    /**
     * Takes up to `limit` due jobs for this worker: each one's next attempt is pushed to `holdUntil`, so a
     * worker that dies mid-attempt leaves it due again then. Conditional, so two workers never take one job.
     */
    async claimDue(at: number, holdUntil: number, limit: number): Promise<string[]> {
      const due = await db.selectFrom('callAnalyses').select(['callId', 'nextAttemptAt']).where('nextAttemptAt', '<=', at).orderBy('nextAttemptAt').limit(limit).execute();
      const claimed: string[] = [];
      for (const job of due) {
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

    /** When the earliest job is due (null: none is waiting). */
    async nextDue(): Promise<number | null> {
      const row = await db.selectFrom('callAnalyses').select((eb) => eb.fn.min('nextAttemptAt').as('at')).where('nextAttemptAt', 'is not', null).executeTakeFirst();
      return row?.at ?? null;
    },

    async input(callId: string): Promise<AnalysisInput | undefined> {
      const row = await db
        .selectFrom('callAnalyses')
        .innerJoin('calls', 'calls.id', 'callAnalyses.callId')
        .innerJoin('campaigns', 'campaigns.id', 'calls.campaignId')
        .innerJoin('assistants', 'assistants.id', 'campaigns.assistantId')
        .select(['calls.id as callId', 'calls.teamId', 'calls.campaignId', 'calls.contactId', 'calls.provider', 'assistants.collect', 'assistants.successCriterion', 'callAnalyses.attempts'])
        .where('callAnalyses.callId', '=', callId)
        .executeTakeFirst();
      if (!row) return undefined;
      const turns = await db.selectFrom('callTurns').select(['speaker', 'text', 'offsetMs', 'interrupted']).where('callId', '=', callId).orderBy('offsetMs').orderBy('seq').execute();
      const { collect, ...call } = row;
      return { ...call, fields: readJson<CollectField[]>(collect, []), transcript: turns.map((t) => ({ ...t, interrupted: t.interrupted === 1 })) };
    },

    /** Stores the answer: a statement for the synchronous transaction that also applies its mappings. */
    complete: (builder: Kysely<Database>, callId: string, output: AnalysisOutput, at: number) =>
      builder
        .updateTable('callAnalyses')
        .set({ state: 'done', summary: output.summary, success: output.success ? 1 : 0, fields: JSON.stringify(output.fields), error: null, nextAttemptAt: null, updatedAt: at })
        .where('callId', '=', callId),

    /** Records a failed attempt and its reason; `retryAt` null: no attempt is left. */
    fail: (callId: string, reason: string, retryAt: number | null, at: number) =>
      db.updateTable('callAnalyses').set({ state: 'failed', error: reason, nextAttemptAt: retryAt, updatedAt: at }).where('callId', '=', callId).execute(),

    async of(callId: string): Promise<CallAnalysis | null> {
      const row = await db.selectFrom('callAnalyses').select(['state', 'summary', 'success', 'fields', 'error', 'attempts']).where('callId', '=', callId).executeTakeFirst();
      return row ? toCallAnalysis(row) : null;
    },
  };
}

export type AnalysisJobs = ReturnType<typeof createAnalysisJobs>;

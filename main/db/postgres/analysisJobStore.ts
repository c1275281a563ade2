// SQL for PostgreSQL lives in main/db/postgres, implementing the interfaces the features declare.
import { sql, type Kysely } from 'kysely';
import type { AnalysisJobStore } from '../../analysis/analysisJobStore';
import { readJson } from '../../crm/json';
import { analysisJobReads } from '../kysely/analysisJobReads';
import type { Database } from '../schema';

/** An instant (UTC ms) as ISO-8601, as the embedded engine writes a webhook's timestamp. */
const iso = (ms: number) => sql<string>`to_char(to_timestamp(${ms}::bigint / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export function createPostgresAnalysisJobStore(db: Kysely<Database>): AnalysisJobStore {
  return {
    ...analysisJobReads(db, (column, key) => sql<string | null>`${sql.ref(column)}::jsonb ->> ${key}`),

    /** One statement: the due rows locked as it takes them, those another worker holds skipped, so two never take one. */
    async claimDue(at, holdUntil, limit) {
      const { rows } = await sql<{ callId: string }>`
        WITH due AS (
          SELECT call_id, next_attempt_at FROM call_analyses WHERE next_attempt_at <= ${at}
          ORDER BY next_attempt_at LIMIT ${limit} FOR UPDATE SKIP LOCKED),
        taken AS (
          UPDATE call_analyses a SET next_attempt_at = ${holdUntil}, attempts = a.attempts + 1
          FROM due WHERE a.call_id = due.call_id RETURNING a.call_id, due.next_attempt_at AS was)
        SELECT call_id FROM taken ORDER BY was, call_id`.execute(db);
      return rows.map((row) => row.callId);
    },

    async complete(callId, output, at, change) {
      await db.transaction().execute(async (tx) => {
        await tx
          .updateTable('callAnalyses')
          .set({ state: 'done', summary: output.summary, success: output.success ? 1 : 0, fields: JSON.stringify(output.fields), error: null, nextAttemptAt: null, updatedAt: at })
          .where('callId', '=', callId)
          .execute();
        const contact = await tx
          .selectFrom('calls')
          .innerJoin('contacts', 'contacts.id', 'calls.contactId')
          .select(['contacts.id', 'contacts.leadStatus', 'contacts.customFields'])
          .where('calls.id', '=', callId)
          .forUpdate()
          .executeTakeFirst();
        const changed = contact && change({ leadStatus: contact.leadStatus, customFields: readJson<Record<string, string>>(contact.customFields, {}) });
        if (contact && changed) {
          await tx.updateTable('contacts').set({ leadStatus: changed.leadStatus, customFields: JSON.stringify(changed.customFields), updatedAt: at }).where('id', '=', contact.id).execute();
          if (changed.history.length > 0)
            await tx.insertInto('contactHistory').values(changed.history.map((text) => ({ contactId: contact.id, callId, at, kind: 'analysis', text }))).execute();
        }
        // in the same transaction as the answer, so a receiver hears of every stored analysis exactly when it exists
        await sql`
          INSERT INTO webhook_outbox (team_id, type, body, created_at)
          SELECT c.team_id, 'call.analyzed',
                 json_build_object('type', 'call.analyzed', 'timestamp', ${iso(at)}, 'data', json_build_object(
                   'callId', c.id, 'campaignId', c.campaign_id, 'contactId', c.contact_id, 'summary', a.summary, 'success', a.success,
                   'fields', a.fields::json,
                   'transcript', coalesce((SELECT json_agg(json_build_object('speaker', t.speaker, 'text', t.text, 'offsetMs', t.offset_ms, 'interrupted', t.interrupted) ORDER BY t.seq)
                                           FROM call_turns t WHERE t.call_id = c.id), '[]'::json)))::text,
                 ${at}::bigint
          FROM calls c JOIN call_analyses a ON a.call_id = c.id
          WHERE c.id = ${callId}
            AND EXISTS (SELECT 1 FROM webhook_endpoints e WHERE e.team_id = c.team_id AND e.enabled AND strpos(e.events, '"call.analyzed"') > 0)`.execute(tx);
      });
    },
  };
}

// SQL for the embedded engine lives in main/db/sqlite, implementing the interfaces the features declare. An answer is
// stored in one synchronous transaction on the connection the dialer writes on: an async one left open across an await
// would take in whatever the dialer writes meanwhile.
import type BetterSqlite3 from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import type { AnalysisJobStore, MappedContact } from '../../analysis/analysisJobStore';
import { readJson } from '../../crm/json';
import type { Database } from '../schema';
import { analysisJobReads } from '../kysely/analysisJobReads';
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

  return {
    ...analysisJobReads(db, (column, key) => sql<string | null>`json_extract(${sql.ref(column)}, ${`$.${key}`})`),

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

    complete: async (callId, output, at, change) => complete(callId, output, at, change),
  };
}

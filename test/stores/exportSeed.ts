// Rows an ExportStore only reads (the dialer writes calls and their conversation, the CRM contacts and campaigns,
// the enrolment their standing), seeded straight into a SQLite workspace on top of the call stores' seed.
import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { appendTools } from '../../main/db/sqlite/callConversation';
import type { Database } from '../../main/db/schema';
import { CALLED_PHONE, sqliteCallSeed } from './callSeed';
import type { ExportSeed } from './exportStore.conformance';

export function sqliteExportSeed(sqlite: BetterSqlite3.Database, db: Kysely<Database>): ExportSeed {
  const calls = sqliteCallSeed(sqlite, db);
  const q = {
    reachable: sqlite.prepare(`UPDATE contacts SET phone = ?, email = ? WHERE id = ?`),
    enrol: sqlite.prepare(
      `INSERT INTO campaign_contacts (campaign_id, contact_id, status, skip_reason, attempts, last_outcome, enrolled_at, updated_at)
       VALUES (@campaignId, @contactId, @status, @skipReason, @attempts, @lastOutcome, 0, @updatedAt)`,
    ),
  };
  return {
    ...calls,
    async contactCalled(teamId, firstName, lastName, email) {
      const id = await calls.contact(teamId, firstName, lastName);
      q.reachable.run(CALLED_PHONE, email, id);
      return id;
    },
    tools: async (callId, tools) => void (await appendTools(db, callId, tools).execute()),
    enrolled: async (campaignId, contactId, enrolment) => void q.enrol.run({ campaignId, contactId, ...enrolment }),
  };
}

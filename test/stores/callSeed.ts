// Rows the call and analysis stores cannot make through their interfaces (the dialer writes calls, their conversation
// and their analysis jobs; the CRM writes campaigns and contacts), seeded straight into a SQLite workspace.
import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Database } from '../../main/db/schema';
import type { LeadStatus } from '../../shared/crm/leadStatus';
import { appendTurns, enqueueAnalysis } from '../../main/db/sqlite/callConversation';
import type { AnalysisSeed } from './analysisJobStore.conformance';
import { sqliteComplianceSeed } from './complianceSeed';

/** The number every seeded call dials. */
export const CALLED_PHONE = '+12025550199';

export function sqliteCallSeed(sqlite: BetterSqlite3.Database, db: Kysely<Database>): AnalysisSeed {
  const compliance = sqliteComplianceSeed(sqlite);
  let made = 0;
  const q = {
    campaignName: sqlite.prepare(`UPDATE campaigns SET name = ? WHERE id = ?`),
    call: sqlite.prepare(
      `INSERT INTO calls (id, team_id, campaign_id, contact_id, attempt, from_number, to_number, status, outcome, provider, error, started_at, answered_at, ended_at,
         duration_seconds, amd_decision, amd_ms, amd_beep)
       VALUES (@id, @teamId, @campaignId, @contactId, @attempt, '+12025550100', '${CALLED_PHONE}', 'ended', @outcome, @provider, @error, @startedAt, @answeredAt, @endedAt,
         @durationSeconds, @amdDecision, @amdMs, @amdBeep)`,
    ),
    analysed: sqlite.prepare(`UPDATE call_analyses SET state = 'done', success = ?, fields = ? WHERE call_id = ?`),
    collects: sqlite.prepare(`UPDATE assistants SET collect = ?, success_criterion = ? WHERE id = (SELECT assistant_id FROM campaigns WHERE id = ?)`),
    setContact: sqlite.prepare(`UPDATE contacts SET lead_status = ?, custom_fields = ? WHERE id = ?`),
    contact: sqlite.prepare<[string], { leadStatus: LeadStatus; customFields: string }>(`SELECT lead_status AS leadStatus, custom_fields AS customFields FROM contacts WHERE id = ?`),
    history: sqlite.prepare<[string], { text: string; callId: string | null }>(`SELECT text, call_id AS callId FROM contact_history WHERE contact_id = ? AND kind = 'analysis' ORDER BY seq`),
    endpoint: sqlite.prepare(`INSERT INTO webhook_endpoints (id, team_id, url, events, secret, created_at, updated_at) VALUES (?, ?, 'https://example.com/hook', '["call.analyzed"]', 'sealed:x', 0, 0)`),
    events: sqlite.prepare<[], { callId: string }>(`SELECT json_extract(body, '$.data.callId') AS callId FROM webhook_outbox WHERE type = 'call.analyzed' ORDER BY seq`),
  };

  return {
    async campaign(teamId, name) {
      const id = await compliance.campaign(teamId);
      q.campaignName.run(name, id);
      return id;
    },
    contact: (teamId, firstName, lastName) => compliance.contact(teamId, { firstName, lastName, phone: null }),
    removeContact: (contactId) => compliance.removeContact(contactId),
    async call(teamId, call) {
      const id = `call_seed${++made}`;
      const answeredAt = call.answeredAt ?? null;
      const endedAt = call.endedAt ?? call.startedAt + 60_000;
      q.call.run({
        id,
        teamId,
        campaignId: call.campaignId,
        contactId: call.contactId,
        attempt: call.attempt ?? 1,
        outcome: call.outcome ?? 'answered',
        provider: call.provider ?? 'sip',
        error: call.error ?? null,
        startedAt: call.startedAt,
        answeredAt,
        endedAt,
        durationSeconds: answeredAt === null ? null : Math.round((endedAt - answeredAt) / 1000),
        amdDecision: call.amd?.decision ?? null,
        amdMs: call.amd?.ms ?? null,
        amdBeep: call.amd?.beep === undefined || call.amd.beep === null ? null : Number(call.amd.beep),
      });
      return id;
    },
    async analysed(callId, { success, fields }) {
      await appendTurns(db, callId, [{ speaker: 'agent', text: 'Hello', offsetMs: 0 }]).execute();
      await enqueueAnalysis(db, callId).execute();
      q.analysed.run(success ? 1 : 0, JSON.stringify(fields), callId);
    },
    conversation: async (callId, turns) => void (await appendTurns(db, callId, turns).execute()),
    queue: async (callId) => void (await enqueueAnalysis(db, callId).execute()),
    collects: async (campaignId, fields, successCriterion) => void q.collects.run(JSON.stringify(fields), successCriterion, campaignId),
    setContact: async (contactId, { leadStatus, customFields }) => void q.setContact.run(leadStatus, JSON.stringify(customFields), contactId),
    async contactNow(contactId) {
      const row = q.contact.get(contactId)!;
      return { leadStatus: row.leadStatus, customFields: JSON.parse(row.customFields) as Record<string, string>, history: q.history.all(contactId) };
    },
    wantAnalyzedEvents: async (teamId) => void q.endpoint.run(`wh_seed${++made}`, teamId),
    analyzedEvents: async () => q.events.all().map((row) => row.callId),
  };
}

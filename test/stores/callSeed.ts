// Rows the call and analysis stores cannot make through their interfaces (the dialer writes calls, their conversation
// and their analysis jobs; the CRM writes campaigns and contacts), seeded straight into the database: through Kysely,
// which writes them alike on every engine, turns numbered as the engine numbers them.
import type BetterSqlite3 from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../main/db/schema';
import type { LeadStatus } from '../../shared/crm/leadStatus';
import { appendTurnsWith, enqueueAnalysis, type NextSeq } from '../../main/db/kysely/callConversation';
import { nextSeq as sqliteNextSeq } from '../../main/db/sqlite/callConversation';
import type { AnalysisSeed } from './analysisJobStore.conformance';
import type { CallSeed } from './callStore.conformance';
import { crmSeed } from './crmSeed';

/** The number every seeded call dials. */
export const CALLED_PHONE = '+12025550199';

/** The CallStore suite's seed on any engine: `nextSeq` as the engine's call store numbers turns. */
export function callSeed(db: Kysely<Database>, nextSeq: NextSeq): CallSeed {
  const crm = crmSeed(db);
  let made = 0;
  /** Each team's company, made the first time the team needs it. */
  const companies = new Map<string, Promise<string>>();
  const companyOf = (teamId: string) => {
    if (!companies.has(teamId)) {
      const id = `co_seed_${teamId}`;
      companies.set(teamId, db.insertInto('companies').values({ id, teamId, name: 'Acme', customFields: '{}', createdAt: 0, updatedAt: 0 }).execute().then(() => id));
    }
    return companies.get(teamId)!;
  };

  return {
    campaign: async (teamId, name) => crm.campaign(teamId, await companyOf(teamId), { name, status: 'draft' }),
    contact: async (teamId, firstName, lastName) => crm.contact(teamId, await companyOf(teamId), { firstName, lastName }),
    removeContact: async (contactId) => void (await db.deleteFrom('contacts').where('id', '=', contactId).execute()),
    async call(teamId, call) {
      const id = `call_seed${++made}`;
      const answeredAt = call.answeredAt ?? null;
      const endedAt = call.endedAt ?? call.startedAt + 60_000;
      await db
        .insertInto('calls')
        .values({
          id,
          teamId,
          campaignId: call.campaignId,
          contactId: call.contactId,
          attempt: call.attempt ?? 1,
          fromNumberId: null,
          fromNumber: '+12025550100',
          toNumber: CALLED_PHONE,
          status: 'ended',
          outcome: call.outcome ?? 'answered',
          provider: call.provider ?? 'sip',
          providerCallId: null,
          owner: null,
          error: call.error ?? null,
          startedAt: call.startedAt,
          answeredAt,
          endedAt,
          durationSeconds: answeredAt === null ? null : Math.round((endedAt - answeredAt) / 1000),
          amdDecision: call.amd?.decision ?? null,
          amdMs: call.amd?.ms ?? null,
          amdBeep: call.amd?.beep === undefined || call.amd.beep === null ? null : Number(call.amd.beep),
        })
        .execute();
      return id;
    },
    async analysed(callId, { success, fields }) {
      await appendTurnsWith(db, nextSeq, callId, [{ speaker: 'agent', text: 'Hello', offsetMs: 0 }]).execute();
      await enqueueAnalysis(db, callId).execute();
      await db.updateTable('callAnalyses').set({ state: 'done', success: success ? 1 : 0, fields: JSON.stringify(fields) }).where('callId', '=', callId).execute();
    },
  };
}

/** The AnalysisJobStore suite's seed on PostgreSQL. */
export function postgresCallSeed(db: Kysely<Database>): AnalysisSeed {
  let made = 0;
  return {
    ...callSeed(db, undefined),
    conversation: async (callId, turns) => void (await appendTurnsWith(db, undefined, callId, turns).execute()),
    queue: async (callId) => void (await enqueueAnalysis(db, callId).execute()),
    async collects(campaignId, fields, successCriterion) {
      const { assistantId } = await db.selectFrom('campaigns').select('assistantId').where('id', '=', campaignId).executeTakeFirstOrThrow();
      await db.updateTable('assistants').set({ collect: JSON.stringify(fields), successCriterion }).where('id', '=', assistantId).execute();
    },
    setContact: async (contactId, { leadStatus, customFields }) =>
      void (await db.updateTable('contacts').set({ leadStatus, customFields: JSON.stringify(customFields) }).where('id', '=', contactId).execute()),
    async contactNow(contactId) {
      const row = await db.selectFrom('contacts').select(['leadStatus', 'customFields']).where('id', '=', contactId).executeTakeFirstOrThrow();
      const history = await db.selectFrom('contactHistory').select(['text', 'callId']).where('contactId', '=', contactId).where('kind', '=', 'analysis').orderBy('seq').execute();
      return { leadStatus: row.leadStatus, customFields: JSON.parse(row.customFields) as Record<string, string>, history };
    },
    wantAnalyzedEvents: async (teamId) =>
      void (await db
        .insertInto('webhookEndpoints')
        .values({ id: `wh_seed${++made}`, teamId, url: 'https://example.com/hook', events: '["call.analyzed"]', secret: 'sealed:x', createdAt: 0, updatedAt: 0 })
        .execute()),
    analyzedEvents: async () =>
      (await sql<{ callId: string }>`SELECT body::json -> 'data' ->> 'callId' AS call_id FROM webhook_outbox WHERE type = 'call.analyzed' ORDER BY seq`.execute(db)).rows.map((row) => row.callId),
  };
}

export function sqliteCallSeed(sqlite: BetterSqlite3.Database, db: Kysely<Database>): AnalysisSeed {
  let made = 0;
  const q = {
    collects: sqlite.prepare(`UPDATE assistants SET collect = ?, success_criterion = ? WHERE id = (SELECT assistant_id FROM campaigns WHERE id = ?)`),
    setContact: sqlite.prepare(`UPDATE contacts SET lead_status = ?, custom_fields = ? WHERE id = ?`),
    contact: sqlite.prepare<[string], { leadStatus: LeadStatus; customFields: string }>(`SELECT lead_status AS leadStatus, custom_fields AS customFields FROM contacts WHERE id = ?`),
    history: sqlite.prepare<[string], { text: string; callId: string | null }>(`SELECT text, call_id AS callId FROM contact_history WHERE contact_id = ? AND kind = 'analysis' ORDER BY seq`),
    endpoint: sqlite.prepare(`INSERT INTO webhook_endpoints (id, team_id, url, events, secret, created_at, updated_at) VALUES (?, ?, 'https://example.com/hook', '["call.analyzed"]', 'sealed:x', 0, 0)`),
    events: sqlite.prepare<[], { callId: string }>(`SELECT json_extract(body, '$.data.callId') AS callId FROM webhook_outbox WHERE type = 'call.analyzed' ORDER BY seq`),
  };

  return {
    ...callSeed(db, sqliteNextSeq),
    conversation: async (callId, turns) => void (await appendTurnsWith(db, sqliteNextSeq, callId, turns).execute()),
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

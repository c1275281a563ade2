// Rows the compliance stores cannot make through their interfaces (they only read them, or another writer makes
// them), seeded straight into a SQLite workspace: teams' companies, assistants, campaigns, contacts, enrolments,
// DNC lists as the import task creates them, and the audit trail as the dial-time checks append it.
import type BetterSqlite3 from 'better-sqlite3';
import type { StoredDecision } from '../../main/compliance/decisionStore';
import type { DecisionSeed } from './decisionStore.conformance';
import type { DncSeed } from './dncStore.conformance';

export function sqliteComplianceSeed(sqlite: BetterSqlite3.Database): DncSeed & DecisionSeed {
  let made = 0;
  const nextId = (prefix: string) => `${prefix}_seed${++made}`;
  const q = {
    company: sqlite.prepare(`INSERT INTO companies (id, team_id, name, created_at, updated_at) VALUES (?, ?, 'Acme', 0, 0)`),
    assistant: sqlite.prepare(`INSERT INTO assistants (id, team_id, name, created_at, updated_at) VALUES (?, ?, 'Outbound', 0, 0)`),
    campaign: sqlite.prepare(
      `INSERT INTO campaigns (id, team_id, name, assistant_id, company_id, status, call_window_start, call_window_end, call_window_timezone,
         use_contact_timezone, max_concurrent_calls, max_attempts_per_contact, retry_delay_minutes, retry_delay_minutes_no_answer,
         retry_delay_minutes_busy, retry_delay_minutes_error, retry_backoff, retry_backoff_multiplier, retry_backoff_cap_minutes,
         retry_on_error, retry_on_voicemail, voicemail_action, deleted_at, created_at, updated_at)
       VALUES (@id, @teamId, 'Campaign', @assistantId, @companyId, 'draft', '09:00', '17:00', 'America/New_York',
         0, 1, 3, 60, 60, 60, 60, 'fixed', 1, 60, 0, 0, 'hangup', @deletedAt, 0, 0)`,
    ),
    contact: sqlite.prepare(
      `INSERT INTO contacts (id, team_id, company_id, first_name, last_name, phone, created_at, updated_at) VALUES (@id, @teamId, @companyId, @firstName, @lastName, @phone, 0, 0)`,
    ),
    enrol: sqlite.prepare(
      `INSERT INTO campaign_contacts (campaign_id, contact_id, status, skip_reason, enrolled_at, updated_at) VALUES (?, ?, ?, ?, 0, 0)`,
    ),
    removeContact: sqlite.prepare(`DELETE FROM contacts WHERE id = ?`),
    list: sqlite.prepare(`INSERT INTO dnc_lists (id, team_id, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`),
    decision: sqlite.prepare(
      `INSERT INTO compliance_decisions (team_id, campaign_id, contact_id, at, kind, rule, reason, until)
       VALUES (@teamId, @campaignId, @contactId, @at, @kind, @rule, @reason, @until)`,
    ),
  };

  /** Each team's company and assistant, made the first time the team needs them. */
  const parents = new Map<string, { companyId: string; assistantId: string }>();
  const parentsOf = (teamId: string) => {
    if (!parents.has(teamId)) {
      const ids = { companyId: nextId('co'), assistantId: nextId('asst') };
      q.company.run(ids.companyId, teamId);
      q.assistant.run(ids.assistantId, teamId);
      parents.set(teamId, ids);
    }
    return parents.get(teamId)!;
  };
  const campaign = (teamId: string, deleted = false) => {
    const id = nextId('cmp');
    q.campaign.run({ id, teamId, ...parentsOf(teamId), deletedAt: deleted ? 0 : null });
    return id;
  };
  const contact = (teamId: string, fields: { firstName: string; lastName: string; phone: string | null }) => {
    const id = nextId('cnt');
    q.contact.run({ id, teamId, companyId: parentsOf(teamId).companyId, ...fields });
    return id;
  };
  const appendDecisions = sqlite.transaction((teamId: string, decisions: StoredDecision[]) => {
    for (const decision of decisions) q.decision.run({ teamId, ...decision });
  });

  return {
    list: async (teamId, id, name, at) => void q.list.run(id, teamId, name, at, at),
    async contactWithPhone(teamId, phone, enrolment) {
      const id = contact(teamId, { firstName: 'Ann', lastName: 'Lee', phone });
      if (enrolment) q.enrol.run(campaign(teamId), id, enrolment.status, enrolment.skipReason);
    },
    contact: async (teamId, fields) => contact(teamId, fields),
    campaign: async (teamId, options) => campaign(teamId, options?.deleted),
    removeContact: async (contactId) => void q.removeContact.run(contactId),
    decisions: async (teamId, decisions) => appendDecisions(teamId, decisions),
  };
}

// Rows the campaign stores cannot make through their interfaces (the CRM writes assistants, companies, numbers and
// contacts; the dialer writes calls and legal-hours holds), seeded straight into a SQLite workspace.
import type BetterSqlite3 from 'better-sqlite3';
import type { CampaignSeed } from './campaignStore.conformance';

export function sqliteCampaignSeed(sqlite: BetterSqlite3.Database): CampaignSeed {
  let made = 0;
  const nextId = (prefix: string) => `${prefix}_seed${++made}`;
  const q = {
    assistant: sqlite.prepare(
      `INSERT INTO assistants (id, team_id, name, outbound_enabled, greeting, prompt, created_at, updated_at) VALUES (@id, @teamId, @name, @outbound, @greeting, @prompt, 0, 0)`,
    ),
    company: sqlite.prepare(`INSERT INTO companies (id, team_id, name, created_at, updated_at) VALUES (?, ?, ?, 0, 0)`),
    number: sqlite.prepare(
      `INSERT INTO phone_numbers (id, team_id, number, provider, status, assistant_id, created_at, updated_at) VALUES (@id, @teamId, @number, @provider, @status, @assistantId, 0, 0)`,
    ),
    contact: sqlite.prepare(
      `INSERT INTO contacts (id, team_id, company_id, first_name, last_name, phone, timezone, do_not_call, created_at, updated_at)
       VALUES (@id, @teamId, @companyId, @firstName, '', @phone, @timezone, @doNotCall, 0, 0)`,
    ),
    call: sqlite.prepare(
      `INSERT INTO calls (id, team_id, campaign_id, contact_id, attempt, from_number, to_number, status, outcome, provider, started_at, ended_at)
       SELECT @id, team_id, @campaignId, @contactId, 1, '+12025550100', '+12025550199', @status, @outcome, 'simulator', @startedAt, @endedAt FROM campaigns WHERE id = @campaignId`,
    ),
    legalHold: sqlite.prepare(
      `INSERT INTO compliance_decisions (team_id, campaign_id, contact_id, at, kind, rule, reason, until)
       SELECT team_id, id, NULL, @at, 'hold', 'legal_hours', 'Outside legal calling hours', @until FROM campaigns WHERE id = @campaignId`,
    ),
  };

  return {
    async assistant(teamId, options = {}) {
      const id = nextId('asst');
      q.assistant.run({ id, teamId, name: options.name ?? 'Outbound', outbound: options.outboundEnabled === false ? 0 : 1, greeting: options.greeting ?? null, prompt: options.prompt ?? null });
      return id;
    },
    async company(teamId, name = 'Acme') {
      const id = nextId('co');
      q.company.run(id, teamId, name);
      return id;
    },
    async number(teamId, { assistantId, status = 'active', provider = 'simulator' }) {
      const id = nextId('pn');
      q.number.run({ id, teamId, number: `+1202555${String(1000 + made)}`, provider, status, assistantId });
      return id;
    },
    async contact(teamId, companyId, { firstName = 'Ann', phone = null, timezone = 'America/New_York', doNotCall = false } = {}) {
      const id = nextId('cnt');
      q.contact.run({ id, teamId, companyId, firstName, phone, timezone, doNotCall: doNotCall ? 1 : 0 });
      return id;
    },
    async call(campaignId, contactId, { startedAt, outcome = null }) {
      const id = nextId('call');
      q.call.run({ id, campaignId, contactId, status: outcome ? 'ended' : 'ringing', outcome, startedAt, endedAt: outcome ? startedAt + 60_000 : null });
      return id;
    },
    legalHold: async (campaignId, at, until) => void q.legalHold.run({ campaignId, at, until }),
  };
}

// Rows the ContactStore cannot make through its interface (it only reads them), seeded straight into a SQLite
// workspace: companies, campaigns the contacts are enrolled in, and numbers on DNC lists as their import adds them.
import type BetterSqlite3 from 'better-sqlite3';
import { sqliteComplianceSeed } from './complianceSeed';
import type { ContactSeed } from './contactStore.conformance';

export function sqliteContactSeed(sqlite: BetterSqlite3.Database): ContactSeed {
  const compliance = sqliteComplianceSeed(sqlite);
  let made = 0;
  const q = {
    company: sqlite.prepare(`INSERT INTO companies (id, team_id, name, created_at, updated_at) VALUES (?, ?, 'Company', 0, 0)`),
    name: sqlite.prepare(`UPDATE campaigns SET name = ?, status = ? WHERE id = ?`),
    enrol: sqlite.prepare(`INSERT INTO campaign_contacts (campaign_id, contact_id, status, enrolled_at, updated_at) VALUES (?, ?, 'pending', 0, 0)`),
    listNamed: sqlite.prepare<[string, string], { id: string }>(`SELECT id FROM dnc_lists WHERE team_id = ? AND name = ?`),
    number: sqlite.prepare(`INSERT INTO dnc_numbers (list_id, team_id, e164, added_at) VALUES (?, ?, ?, 0)`),
  };

  return {
    async company(teamId) {
      const id = `co_contactseed${++made}`;
      q.company.run(id, teamId);
      return id;
    },
    async enrolled(teamId, contactId, { name, status, deleted }) {
      const campaignId = await compliance.campaign(teamId, { deleted });
      q.name.run(name, status, campaignId);
      q.enrol.run(campaignId, contactId);
    },
    async onDncList(teamId, listName, e164) {
      let list = q.listNamed.get(teamId, listName)?.id;
      if (!list) await compliance.list(teamId, (list = `dnc_contactseed${++made}`), listName, 0);
      q.number.run(list, teamId, e164);
    },
  };
}

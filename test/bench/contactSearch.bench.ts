import { openCore } from '../../main/core';
import { silentLogger } from '../../main/log';
import { tempFile } from '../support/tempFiles';
import { percentile, report, timeMs } from './measure';
import { person } from './people';

const CONTACTS = 1_000_000;
const QUERIES = 200;

/** Contact search at 1,000,000 contacts through the real service (page of 50 + capped total). */
export async function benchContactSearch(): Promise<void> {
  const core = await openCore({ dbFile: tempFile('bench.db'), log: silentLogger });
  const team = core.localTeam;
  const company = await core.services.companies.create(team, { name: 'Big', website: null, industry: null, phone: null, city: null, state: null, country: null, customFields: {} });
  const sqlite = core.services.store.sqlite;
  const insert = sqlite.prepare(
    `INSERT INTO contacts (id, team_id, company_id, first_name, last_name, phone, email, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const loadMs = await timeMs(() =>
    sqlite.transaction(() => {
      const now = Date.now();
      for (let i = 0; i < CONTACTS; i++) {
        const p = person(i);
        insert.run(`cnt_${i}`, team.teamId, company.id, p.first, p.last, p.phoneE164, p.email, now, now);
      }
    })(),
  );
  report('contact search setup', { contacts: CONTACTS, loadMs });

  const searches: Record<string, (i: number) => string> = {
    'last-name substring': (i) => person(i * 4_999).last.slice(2, 8),
    'phone prefix': (i) => person(i * 4_999).phoneE164.slice(0, 8),
  };
  for (const [kind, term] of Object.entries(searches)) {
    const samples: number[] = [];
    for (let i = 0; i < QUERIES; i++) {
      const search = term(i);
      samples.push(await timeMs(() => core.services.contacts.list(team, { search, limit: 50, offset: 0 })));
    }
    report(`contact search 1M, ${kind}`, { p50Ms: percentile(samples, 50), p95Ms: percentile(samples, 95), goal: 'p95 <= 50' });
  }
  await core.close();
}

import { openCore } from '../../main/core';
import { silentLogger } from '../../main/log';
import { tempFile } from '../support/tempFiles';
import { report, timeMs } from './measure';
import { person } from './people';

const ROWS = 100_000;

/** CSV import of 100,000 rows vs raw prepared inserts of the same rows in one transaction (same schema, same triggers). */
export async function benchCsvImport(): Promise<void> {
  const people = Array.from({ length: ROWS }, (_, i) => person(i));
  const csv = ['First Name,Last Name,Phone,Email', ...people.map((p) => `${p.first},${p.last},${p.phoneE164},${p.email}`)].join('\n');

  const importCore = await openCore({ dbFile: tempFile('bench.db'), log: silentLogger });
  const team = importCore.localTeam;
  const company = await importCore.services.companies.create(team, { name: 'Bench', website: null, industry: null, phone: null, city: null, state: null, country: null, customFields: {} });
  let result: Awaited<ReturnType<typeof importCore.services.csvImport.import>> | undefined;
  const importMs = await timeMs(async () => {
    result = await importCore.services.csvImport.import(team, csv, { companyId: company.id });
  });
  await importCore.close();
  if (result?.imported !== ROWS) throw new Error(`import bench imported ${result?.imported} of ${ROWS}`);

  const floorCore = await openCore({ dbFile: tempFile('bench.db'), log: silentLogger });
  const floorCompany = await floorCore.services.companies.create(team, { name: 'Floor', website: null, industry: null, phone: null, city: null, state: null, country: null, customFields: {} });
  const sqlite = floorCore.services.store.sqlite;
  const insert = sqlite.prepare(
    `INSERT INTO contacts (id, team_id, company_id, first_name, last_name, phone, email, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const floorMs = await timeMs(() =>
    sqlite.transaction(() => {
      const now = Date.now();
      people.forEach((p, i) => insert.run(`cnt_floor${i}`, team.teamId, floorCompany.id, p.first, p.last, p.phoneE164, p.email, now, now));
    })(),
  );
  await floorCore.close();
  report('csv import 100k rows', { importMs, floorMs, ratio: importMs / floorMs, goal: '<= 2' });
}

import { openCore } from '../../main/core';
import { silentLogger } from '../../main/platform/log';
import { companyInput } from '../../shared/crm/schemas';
import { tempFile } from '../support/tempFiles';
import { interleaved, median, report, timeMs } from './measure';
import { person } from './people';

const ROWS = 100_000;
const ROUNDS = 3;

/** A fresh workspace with a company to import into. */
async function openWorkspace() {
  const core = await openCore({ dbFile: tempFile('bench.db'), log: silentLogger, dial: false });
  const company = await core.services.companies.create(core.localTeam, companyInput.parse({ name: 'Bench' }));
  return { core, team: core.localTeam, company };
}

/** Wall time of a CSV import through the service, which runs it on the background writer's thread. */
async function importMs(csv: string, rows: number): Promise<number> {
  const { core, team, company } = await openWorkspace();
  let imported = 0;
  const ms = await timeMs(async () => ({ imported } = await core.services.csvImport.import(team, csv, { companyId: company.id })));
  await core.close();
  if (imported !== rows) throw new Error(`import bench imported ${imported} of ${rows}`);
  return ms;
}

/**
 * CSV import of 100,000 rows vs raw prepared inserts of the same rows in one transaction (same schema, same
 * triggers), interleaved over a few rounds; the ratio is the median of the rounds'. A small import first starts
 * the background writer's thread, so no round pays for loading its program.
 */
export async function benchCsvImport(): Promise<void> {
  const people = Array.from({ length: ROWS }, (_, i) => person(i));
  const lines = people.map((p) => `${p.first},${p.last},${p.phoneE164},${p.email}`);
  const csvOf = (rows: string[]) => ['First Name,Last Name,Phone,Email', ...rows].join('\n');
  await importMs(csvOf(lines.slice(0, 1000)), 1000);

  const floorMs = async () => {
    const { core, team, company } = await openWorkspace();
    const sqlite = core.services.store.sqlite;
    const insert = sqlite.prepare(
      `INSERT INTO contacts (id, team_id, company_id, first_name, last_name, phone, email, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const now = Date.now();
    const ms = await timeMs(() => sqlite.transaction(() => people.forEach((p, i) => insert.run(`cnt_floor${i}`, team.teamId, company.id, p.first, p.last, p.phoneE164, p.email, now, now)))());
    await core.close();
    return ms;
  };
  const csv = csvOf(lines);
  const rounds = await interleaved(ROUNDS, () => importMs(csv, ROWS), floorMs);
  report('csv import 100k rows', {
    importMs: median(rounds.map((r) => r.first)),
    floorMs: median(rounds.map((r) => r.second)),
    ratio: median(rounds.map((r) => r.first / r.second)),
    rounds: ROUNDS,
    goal: '<= 2',
  });
}
